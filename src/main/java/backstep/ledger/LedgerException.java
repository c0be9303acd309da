package backstep.ledger;

/** The ledger could not be read; the message names the target and carries the database's words. */
public final class LedgerException extends Exception {
  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
