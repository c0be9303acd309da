package backstep.cli;

/** The exit codes of every command (documented in docs/cli.md). */
final class ExitCodes {
  static final int OK = 0;
  /** The change failed, was aborted, or a rollback failed. */
  static final int FAILED = 1;
  /** Invalid input or usage: a malformed playbook, an unknown target or step, bad options. */
  static final int INVALID = 2;
  /** The target is busy (another process holds its run lock) or half-applied (resume or roll back first). */
  static final int BUSY = 3;
  /** The target cannot be reached or used. */
  static final int UNAVAILABLE = 4;
  /** Stopped at a gate, a manual step or a confirmation that was not given; nothing further was changed. */
  static final int DECLINED = 5;
  /** A bug in Backstep: please report it with the BACKSTEP_DEBUG=1 output. */
  static final int INTERNAL = 70;

  private ExitCodes() {}
}
