package backstep.telemetry;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sampler's canary query on a session and thread of its own, so that the lock inspector can read the server
 * while a blocked canary still waits: run on the sampler's own session, the canary had given up at its timeout
 * before the inspector looked, and the inspector leaves its own session out, so a canary stuck behind a lock was
 * never listed as a waiter. Its session is named {@link #APP} (PostgreSQL's application name; on MySQL/MariaDB the
 * sampler names its waiter so).
 */
final class Canary implements AutoCloseable {
  /** What the canary's session is called among the waiters. */
  static final String APP = "backstep-canary";

  private final Database db;
  private final String sql;
  private final Connection conn;
  private final long session;
  private final ExecutorService runner;

  Canary(Database db, String sql, Duration limit) throws SQLException {
    this.db = db;
    this.sql = sql;
    this.conn = db.openDedicated(APP);
    try (Statement st = conn.createStatement()) {
      limit(st, db.dialect(), limit);
      try (ResultSet rs = st.executeQuery(db.dialect() == Dialect.POSTGRES ? "SELECT pg_backend_pid()"
          : "SELECT CONNECTION_ID()")) {
        rs.next();
        session = rs.getLong(1);
      }
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
    runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "backstep-canary-" + db.spec().name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Limits the session of {@code st} to waits for locks and statements of about {@code limit}. */
  static void limit(Statement st, Dialect d, Duration limit) throws SQLException {
    if (d == Dialect.POSTGRES) {
      st.execute("SET lock_timeout = '" + limit.toMillis() + "ms'");
      st.execute("SET statement_timeout = '" + limit.toMillis() + "ms'");
    } else {
      st.execute("SET SESSION lock_wait_timeout = 1");
      st.execute("SET SESSION innodb_lock_wait_timeout = 1");
      if (d == Dialect.MARIADB) {
        st.execute("SET SESSION max_statement_time = " + limit.toMillis() / 1000.0);
      }
    }
  }

  /** Starts the canary; its milliseconds (NaN: connection lost) from {@link #took}. */
  Future<Double> start() {
    return runner.submit(() -> Telemetry.timed(db, conn, sql));
  }

  /**
   * Waits for {@code run} at most {@code look}: the inspector reads the server after this, while a blocked canary
   * waits still (its own timeout is longer).
   */
  static void awaitUpTo(Future<Double> run, Duration look) throws InterruptedException {
    try {
      run.get(look.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException waitsStill) {
      // still running (blocked, or slow): what the inspector is for; a failure shows in took()
    }
  }

  /** The canary's milliseconds, waiting for it to end (its statement timeout bounds the wait). */
  static double took(Future<Double> run) throws InterruptedException {
    try {
      return run.get();
    } catch (ExecutionException e) {
      return Double.NaN; // timed() handles SQL errors; anything else left no measurement
    }
  }

  /** {@code waiter}, named {@link #APP} if it is the canary's session. */
  private Blocker named(Blocker waiter) {
    return waiter.pid() != session || APP.equals(waiter.app()) ? waiter : new Blocker(waiter.pid(), waiter.user(),
        waiter.state(), waiter.query(), waiter.ageMs(), waiter.blocks(), APP, waiter.waitingFor());
  }

  /** The waiters of {@code locks}, the canary's named. */
  LockInspector.Locks named(LockInspector.Locks locks) {
    List<Blocker> waiters = locks.waiters().stream().map(this::named).toList();
    return new LockInspector.Locks(waiters, locks.blockers());
  }

  @Override
  public void close() {
    runner.shutdownNow();
    try {
      runner.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      conn.close();
    } catch (SQLException ignored) {
      backstep.db.DebugLog.ignored(Canary.class, "closing anyway", ignored);
    }
  }
}
