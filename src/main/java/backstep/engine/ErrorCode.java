package backstep.engine;

/**
 * How a command ends, as the one source of truth for its process exit code: the engine raises
 * {@link EngineException} with one of these, and the CLI exits with {@link #exit()} (documented in docs/cli.md).
 */
public enum ErrorCode {
  /** Done as asked. */
  OK(0),
  /** The change failed, was aborted, or a rollback failed. */
  FAILED(1),
  /** Invalid input or usage: a malformed playbook, an unknown target or step, bad options. */
  INVALID(2),
  /** The target is busy (another process holds its run lock) or half-applied (resume or roll back first). */
  BUSY(3),
  /** The target cannot be reached or used. */
  UNAVAILABLE(4),
  /** Stopped at a gate, a manual step or a confirmation that was not given; nothing further was changed. */
  DECLINED(5),
  /** A bug in Backstep. */
  INTERNAL(70);

  private final int exit;

  ErrorCode(int exit) {
    this.exit = exit;
  }

  /** The process exit code. */
  public int exit() {
    return exit;
  }
}
