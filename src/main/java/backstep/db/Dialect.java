package backstep.db;

import backstep.playbook.DialectFamily;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.SQLDialect;

/**
 * What differs between the databases Backstep drives: transactional DDL, how session guards are set, how a lock
 * timeout or a lost connection shows up, and how the per-target run lock is taken.
 */
public enum Dialect {
  POSTGRES(DialectFamily.POSTGRESQL, SQLDialect.POSTGRES, true),
  MARIADB(DialectFamily.MYSQL, SQLDialect.MARIADB, false),
  MYSQL(DialectFamily.MYSQL, SQLDialect.MYSQL, false);

  private final DialectFamily family;
  private final SQLDialect jooq;
  private final boolean transactionalDdl;

  Dialect(DialectFamily family, SQLDialect jooq, boolean transactionalDdl) {
    this.family = family;
    this.jooq = jooq;
    this.transactionalDdl = transactionalDdl;
  }

  public DialectFamily family() {
    return family;
  }

  public SQLDialect jooq() {
    return jooq;
  }

  /** PostgreSQL runs DDL inside transactions; MySQL and MariaDB commit each DDL statement on its own. */
  public boolean transactionalDdl() {
    return transactionalDdl;
  }

  public String displayName() {
    return switch (this) {
      case POSTGRES -> "PostgreSQL";
      case MARIADB -> "MariaDB";
      case MYSQL -> "MySQL";
    };
  }

  /**
   * The statements that set a step's lock and statement timeouts. {@code local} scopes them to the current
   * transaction (PostgreSQL {@code SET LOCAL}); otherwise they are session settings, undone by {@link #resetGuards}.
   */
  public List<String> guardStatements(Duration lockTimeout, Duration statementTimeout, boolean local) {
    List<String> out = new ArrayList<>();
    switch (this) {
      case POSTGRES -> {
        String set = local ? "SET LOCAL " : "SET ";
        out.add(set + "lock_timeout = '" + lockTimeout.toMillis() + "ms'");
        out.add(set + "statement_timeout = '" + statementTimeout.toMillis() + "ms'");
      }
      case MARIADB, MYSQL -> {
        // lock_wait_timeout (metadata locks) and innodb_lock_wait_timeout (row locks) take whole seconds, min 1.
        // All three in one statement, one round trip (were three).
        long secs = Math.max(1, (lockTimeout.toMillis() + 999) / 1000);
        out.add("SET SESSION lock_wait_timeout = " + secs + ", SESSION innodb_lock_wait_timeout = " + secs + ", "
            + (this == MARIADB ? "SESSION max_statement_time = " + statementTimeout.toMillis() / 1000.0
                : "SESSION max_execution_time = " + statementTimeout.toMillis()));
      }
      default -> throw new IllegalStateException();
    }
    return out;
  }

  public List<String> resetGuards() {
    return switch (this) {
      case POSTGRES -> List.of("RESET lock_timeout", "RESET statement_timeout");
      case MARIADB -> List.of("SET SESSION lock_wait_timeout = DEFAULT, SESSION innodb_lock_wait_timeout = DEFAULT, "
          + "SESSION max_statement_time = DEFAULT");
      case MYSQL -> List.of("SET SESSION lock_wait_timeout = DEFAULT, SESSION innodb_lock_wait_timeout = DEFAULT, "
          + "SESSION max_execution_time = DEFAULT");
    };
  }

  public void execute(Statement st, List<String> sql) throws SQLException {
    for (String s : sql) {
      st.execute(s);
    }
  }

  /** A statement gave up waiting for a lock (the only failure the engine retries). */
  public boolean isLockTimeout(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if (this == POSTGRES && "55P03".equals(s.getSQLState())) {
          return true;
        }
        if (this != POSTGRES && (s.getErrorCode() == 1205 || s.getErrorCode() == 1213)) {
          return true;
        }
      }
    }
    return false;
  }

  public boolean isStatementTimeout(SQLException e) {
    return switch (this) {
      case POSTGRES -> "57014".equals(e.getSQLState());
      case MARIADB -> e.getErrorCode() == 1969;
      case MYSQL -> e.getErrorCode() == 3024;
    };
  }

  /**
   * The server ended the session on purpose: MariaDB's "Connection was killed" (error 1927, after {@code KILL}),
   * PostgreSQL's admin_shutdown (57P01, after {@code pg_terminate_backend}).
   */
  public static boolean isConnectionKilled(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && (s.getErrorCode() == 1927 || "57P01".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** The connection itself failed (SQLState class 08, the driver's own communication errors, or it was killed). */
  public static boolean isConnectionLost(SQLException e) {
    if (isConnectionKilled(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
        return true;
      }
      if (t instanceof java.net.SocketException || t instanceof java.io.EOFException) {
        return true;
      }
      // MySQL Connector/J, a statement used again after the server killed its connection (SQLState S1009)
      if (t instanceof SQLException s && s.getMessage() != null
          && s.getMessage().startsWith("No operations allowed after statement closed")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the database refused for lack of a privilege: PostgreSQL's insufficient_privilege (42501), MySQL and
   * MariaDB's database, table, column or specific access denied (errors 1044, 1142, 1143, 1227).
   */
  public static boolean isPermissionDenied(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ("42501".equals(s.getSQLState()) || Set.of(1044, 1142, 1143, 1227)
          .contains(s.getErrorCode()))) {
        return true;
      }
    }
    return false;
  }

  /** A query taking the session-scoped run lock without waiting; returns one boolean-ish value. */
  public String tryLockSql() {
    return this == POSTGRES
        ? "SELECT pg_try_advisory_lock(hashtext('backstep'), hashtext(current_database()))"
        : "SELECT GET_LOCK(CONCAT('backstep:', DATABASE()), 0)";
  }

  /** Whether any session holds the run lock, asked without taking it (one boolean-ish value). */
  public String lockHeldSql() {
    return this == POSTGRES
        ? "SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND classid = (hashtext('backstep')::bigint & 4294967295)::oid"
            + " AND objid = (hashtext(current_database())::bigint & 4294967295)::oid AND objsubid = 2"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        : "SELECT IS_USED_LOCK(CONCAT('backstep:', DATABASE())) IS NOT NULL";
  }

  public String unlockSql() {
    return this == POSTGRES
        ? "SELECT pg_advisory_unlock(hashtext('backstep'), hashtext(current_database()))"
        : "SELECT RELEASE_LOCK(CONCAT('backstep:', DATABASE()))";
  }

  /** The family for a JDBC URL, before connecting. */
  public static DialectFamily familyOf(String jdbcUrl) {
    String u = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
    if (u.startsWith("jdbc:postgresql:")) {
      return DialectFamily.POSTGRESQL;
    }
    if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
      return DialectFamily.MYSQL;
    }
    throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:postgresql:, jdbc:mysql: or jdbc:mariadb:)");
  }
}
