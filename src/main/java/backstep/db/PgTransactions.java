package backstep.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/** PostgreSQL: what the driver knows of a connection's transaction from the server's last answer. */
public final class PgTransactions {
  private PgTransactions() {}

  /**
   * Whether {@code c} is in a transaction that failed (an error inside {@code BEGIN … }: only a rollback ends it), as
   * the server said in its last answer. False when that cannot be told (not a PostgreSQL connection).
   */
  public static boolean failed(Connection c) {
    try {
      return c.isWrapperFor(BaseConnection.class)
          && c.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
    } catch (SQLException e) {
      DebugLog.ignored(PgTransactions.class, "the transaction's state cannot be read", e);
      return false;
    }
  }
}
