package backstep.db;

/** The embedded sandbox could not start; {@link #busy()} tells whether another Backstep process is using it. */
public final class SandboxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean busy;

  SandboxException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private SandboxException(String message, Throwable cause, boolean busy) {
    super(message, cause);
    this.busy = busy;
  }

  static SandboxException inUse() {
    return new SandboxException("the sandbox is in use by another Backstep process", null, true);
  }

  /** True when another Backstep process holds the sandbox lock (nothing was started). */
  public boolean busy() {
    return busy;
  }
}
