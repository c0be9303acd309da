package backstep.db;

/** The target could not be reached or used: refused connection, bad credentials, missing password variable. */
public final class TargetUnavailableException extends Exception {
  private final boolean busy;

  public TargetUnavailableException(String message, boolean busy) {
    super(message);
    this.busy = busy;
  }

  /** True when another process is using the target (for the sandbox: its data directory). */
  public boolean busy() {
    return busy;
  }
}
