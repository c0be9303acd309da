package backstep.ledger;

import java.sql.SQLException;

/**
 * Appending to a keyed ledger chain without its key (or with another key) was refused: the events would read as
 * tampered. Raised before anything is written; the message names the key id the chain was written with.
 */
public final class LedgerKeyException extends SQLException {
  LedgerKeyException(String message) {
    super(message);
  }
}
