package backstep.engine;

import java.sql.SQLException;

/** An SQLException that remembers which statement of the step raised it. */
final class PositionedSqlException extends SQLException {
  private final String where;

  PositionedSqlException(SQLException cause, String where) {
    super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
    this.where = where;
  }

  String where() {
    return where;
  }

  /** The database's own exception: {@code ex}'s cause when {@code ex} only names the statement, else {@code ex}. */
  static SQLException root(SQLException ex) {
    return ex instanceof PositionedSqlException p && p.getCause() instanceof SQLException c ? c : ex;
  }
}
