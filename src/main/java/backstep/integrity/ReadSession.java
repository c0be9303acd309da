package backstep.integrity;

import backstep.db.Dialect;
import backstep.db.OwedSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs integrity reads with the session settings that change how values print as text pinned (time zone, date and
 * interval styles, float digits, bytea output): without that a checksum taken from a session in another time zone
 * would differ for the same rows. On an autocommit connection the reads share one read-only REPEATABLE READ
 * transaction, so a snapshot and its checksums see one moment even while a workload writes. On a connection already
 * inside a transaction (a step about to commit) they run in it and see its uncommitted work; the settings are then
 * scoped to a savepoint that is rolled back. Session state is always restored.
 */
final class ReadSession {
  /**
   * Name and value, in turn, set for the read's transaction or savepoint alone ({@code SET LOCAL}) as one {@code
   * SELECT set_config(…, true), …} ({@link Sql#setLocal}): as {@code SET LOCAL}s they were a statement each (ten
   * before a scoped read's catalog statements), each parsed, bound and run on its own (docs/performance.md, session
   * 14).
   */
  private static final List<String> POSTGRES_SETTINGS = List.of(
      "TimeZone", "UTC",
      "DateStyle", "ISO, MDY",
      "IntervalStyle", "postgres",
      "extra_float_digits", "1",
      "bytea_output", "hex",
      "lc_monetary", "C",
      // the catalog statements (Sql.prepared) are planned once per session, not five times then as the server
      // likes: their custom plans were most of a scoped read's server time (pg_stat_statements, docs/performance.md)
      "plan_cache_mode", "force_generic_plan");

  /** Inside a caller's transaction the read is read-only too: a check that tries to write fails, changing nothing. */
  private static final List<String> POSTGRES_SETTINGS_READ_ONLY = Stream.concat(
      POSTGRES_SETTINGS.stream(), Stream.of("transaction_read_only", "on")).toList();

  /** The connection a MariaDB read of this thread runs on, while it runs. */
  private static final ThreadLocal<Connection> MARIADB_READING = new ThreadLocal<>();

  private ReadSession() {}

  static <T> T run(Connection c, Dialect dialect, Sql.Work<T> work) throws SQLException {
    return run(c, dialect, null, work);
  }

  /**
   * As {@link #run(Connection, Dialect, Sql.Work)}; inside a PostgreSQL transaction, what {@code owed} holds goes
   * ahead of the first read, in its round trip, and the read's own way back (its savepoint's) is left owed there
   * instead of sent: it goes with whatever the caller sends next (a step's ledger rows). Null: as before.
   */
  static <T> T run(Connection c, Dialect dialect, OwedSql owed, Sql.Work<T> work) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      return mariadb(c, work);
    }
    String timeZone = dialect == Dialect.POSTGRES ? null : mysqlTimeZone(c);
    try {
      if (timeZone != null) {
        Sql.execute(c, "SET SESSION time_zone = '+00:00'");
      }
      try {
        return c.getAutoCommit() ? ownTransaction(c, dialect, work) : insideTransaction(c, dialect, owed, work);
      } catch (SQLException e) {
        if (!Sql.lostPrepared(e)) {
          throw e;
        }
        // its transaction (or savepoint) is rolled back: once more, preparing the catalog statements again
        return c.getAutoCommit() ? ownTransaction(c, dialect, work) : insideTransaction(c, dialect, owed, work);
      }
    } finally {
      if (timeZone != null) {
        try (PreparedStatement ps = c.prepareStatement("SET SESSION time_zone = ?")) {
          ps.setString(1, timeZone);
          ps.execute();
        }
      }
    }
  }

  private static <T> T ownTransaction(Connection c, Dialect dialect, Sql.Work<T> work) throws SQLException {
    if (dialect == Dialect.POSTGRES) {
      // the transaction's mode and every setting in one round trip (a fingerprint around each step of a run pays
      // these on every step), rather than one per JDBC call and statement
      return readOnlyTransaction(c, conn -> {
        // sent with the first read (its round trip), still the transaction's first statement
        Sql.defer(conn, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", POSTGRES_SETTINGS);
        try {
          return work.run(conn);
        } finally {
          Sql.dropDeferred();
        }
      });
    }
    boolean readOnly = c.isReadOnly();
    int isolation = c.getTransactionIsolation();
    c.setReadOnly(true);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      return readOnlyTransaction(c, work);
    } finally {
      c.setReadOnly(readOnly);
      c.setTransactionIsolation(isolation);
    }
  }

  /** Runs {@code work} in a transaction of its own, then rolls it back: it only read. */
  private static <T> T readOnlyTransaction(Connection c, Sql.Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.rollback();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static <T> T insideTransaction(Connection c, Dialect dialect, OwedSql owed, Sql.Work<T> work)
      throws SQLException {
    if (dialect != Dialect.POSTGRES) {
      return work.run(c);
    }
    // the savepoint and the settings go with the first read, in its round trip (after what the caller owes), and
    // back in one, or with the caller's next statement; a check that tries to write fails, changing nothing
    List<String> ahead = owed == null ? List.of() : owed.take();
    Sql.defer(c, String.join("", ahead.stream().map(a -> a + "; ").toList()) + "SAVEPOINT backstep_read",
        POSTGRES_SETTINGS_READ_ONLY);
    // reads only: this undoes nothing but the settings (and an error's aborted state)
    List<String> back = List.of("ROLLBACK TO SAVEPOINT backstep_read", "RELEASE SAVEPOINT backstep_read");
    T result;
    try {
      result = work.run(c);
    } catch (SQLException | RuntimeException e) {
      if (!Sql.dropDeferred()) { // the savepoint went (or its round trip failed part way): back to it
        try {
          Sql.execute(c, String.join("; ", back));
        } catch (SQLException r) {
          e.addSuppressed(r); // the savepoint itself failed: the transaction is aborted, the error above says why
        }
      } else if (owed != null) {
        owed.add(ahead); // nothing was sent: still owed
      }
      throw e;
    }
    if (Sql.dropDeferred()) { // nothing was read: nothing to undo, and what was owed still is
      if (owed != null) {
        owed.add(ahead);
      }
    } else if (owed != null) {
      owed.add(back);
    } else {
      Sql.execute(c, String.join("; ", back));
    }
    return result;
  }

  /**
   * MariaDB: the session's settings are kept in user variables and replaced in one statement, and put back in one
   * (a run reads around every step: an empty read was nine statements, with the JDBC calls for read-only, isolation
   * and autocommit and the time zone read, set and put back; it is three, two inside the caller's transaction, counted
   * by MariaDbReadSessionIT; since session 10 the end is one compound statement, so two). The catalog queries of a
   * read go as one compound statement too ({@link MySqlCatalog}). A SET reads every value it assigns before it
   * assigns any, so the variables hold the
   * values from before it. With autocommit off, the transaction begins at the first read, as with JDBC's.
   * The driver is not told: to JDBC the connection stays in autocommit, so the work must not commit or roll back.
   */
  private static <T> T mariadb(Connection c, Sql.Work<T> work) throws SQLException {
    if (MARIADB_READING.get() == c) {
      return work.run(c); // a read inside a read: pinned already, and its variables must keep the session's values
    }
    boolean own = c.getAutoCommit();
    Sql.execute(c, own ? "SET @backstep_tz = @@session.time_zone, @backstep_iso = @@session.tx_isolation,"
        + " @backstep_ro = @@session.tx_read_only, time_zone = '+00:00', SESSION tx_isolation = 'REPEATABLE-READ',"
        + " SESSION tx_read_only = 1, autocommit = 0"
        : "SET @backstep_tz = @@session.time_zone, time_zone = '+00:00'");
    T result;
    MARIADB_READING.set(c);
    try {
      result = work.run(c);
    } catch (SQLException | RuntimeException e) {
      try {
        MARIADB_READING.remove();
        mariadbEnd(c, own);
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw e;
    }
    MARIADB_READING.remove();
    mariadbEnd(c, own);
    return result;
  }

  /** Ends the read's own transaction (it only read) and puts the session's settings back. */
  private static void mariadbEnd(Connection c, boolean own) throws SQLException {
    if (!own) {
      Sql.execute(c, "SET time_zone = @backstep_tz");
      return;
    }
    // one compound statement, one round trip (were two): the rollback, then the settings back
    Sql.execute(c, "BEGIN NOT ATOMIC ROLLBACK; SET autocommit = 1, time_zone = @backstep_tz,"
        + " SESSION tx_isolation = @backstep_iso, SESSION tx_read_only = @backstep_ro; END");
  }

  private static String mysqlTimeZone(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@session.time_zone")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
