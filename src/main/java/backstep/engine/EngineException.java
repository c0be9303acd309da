package backstep.engine;

/** A command that cannot go on, with its {@link ErrorCode} and a message for the operator (no stack trace). */
public final class EngineException extends Exception {
  /** The change failed (exit 1). */
  public static final ErrorCode FAILED = ErrorCode.FAILED;
  public static final ErrorCode INVALID = ErrorCode.INVALID;
  public static final ErrorCode BUSY = ErrorCode.BUSY;
  public static final ErrorCode UNAVAILABLE = ErrorCode.UNAVAILABLE;
  public static final ErrorCode DECLINED = ErrorCode.DECLINED;

  private final ErrorCode code;

  public EngineException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** The process exit code of {@link #code()}. */
  public int exitCode() {
    return code.exit();
  }
}
