package backstep.engine;

/** A run that cannot start or continue, with the CLI exit code it maps to (see docs/cli.md). */
public final class EngineException extends Exception {
  /** The change failed (exit 1). */
  public static final int FAILED = 1;
  public static final int INVALID = 2;
  public static final int BUSY = 3;
  public static final int UNAVAILABLE = 4;
  public static final int DECLINED = 5;

  private final int exitCode;

  public EngineException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
