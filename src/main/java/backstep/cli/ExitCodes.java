package backstep.cli;

import backstep.engine.ErrorCode;
import backstep.ledger.Ledger;

/**
 * The exit codes of every command (documented in docs/cli.md), as ints for picocli: each is its
 * {@link ErrorCode}'s, the one source of truth.
 */
final class ExitCodes {
  static final int OK = ErrorCode.OK.exit();
  /** The change failed, was aborted, or a rollback failed. */
  static final int FAILED = ErrorCode.FAILED.exit();
  /** Invalid input or usage: a malformed playbook, an unknown target or step, bad options. */
  static final int INVALID = ErrorCode.INVALID.exit();
  /** The target is busy (another process holds its run lock) or half-applied (resume or roll back first). */
  static final int BUSY = ErrorCode.BUSY.exit();
  /** The target cannot be reached or used. */
  static final int UNAVAILABLE = ErrorCode.UNAVAILABLE.exit();
  /** Stopped at a gate, a manual step or a confirmation that was not given; nothing further was changed. */
  static final int DECLINED = ErrorCode.DECLINED.exit();
  /** A bug in Backstep: please report it with the --debug (or BACKSTEP_DEBUG=1) output. */
  static final int INTERNAL = ErrorCode.INTERNAL.exit();

  private ExitCodes() {}

  /**
   * How every command that reports the hash chain ends on it, as {@code audit verify} does: 1 when it is broken, 2
   * when keyed events could not be checked without the ledger key (unchecked), 0 only when it is intact.
   */
  static int chain(Ledger.ChainCheck c) {
    return switch (c.verdict()) {
      case BROKEN -> FAILED;
      case UNCHECKED -> INVALID;
      case INTACT -> OK;
    };
  }
}
