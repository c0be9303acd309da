package backstep.telemetry;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples a target at a fixed interval on its own connection and thread: a trivial round trip, an optional
 * canary query on a session of its own ({@link Canary}: guarded by a short lock and statement timeout, so a blocked
 * canary reports its wait instead of stalling the sampler, and listed among the waiters while it waits), lock waits
 * and blockers, commit/rollback/deadlock rates, connections and replication lag. Values go to ring buffers;
 * listeners get each {@link Reading} on the sampler thread.
 */
public final class Telemetry implements TelemetryFeed, AutoCloseable {
  private static final int CAPACITY = 3600;

  private final Database db;
  private final Clock clock;
  private final Duration interval;
  private final Canary canary;
  private final Connection conn;
  private final ScheduledExecutorService timer;
  private final Map<Metric, Ring> rings = new EnumMap<>(Metric.class);
  private final List<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
  private final Counters counters;
  private final ReplicaLag replicaLag;
  private volatile Map<String, Double> lags = Map.of();
  private volatile Reading last;

  private Telemetry(Database db, Clock clock, Duration interval, String canarySql) throws SQLException {
    this.db = db;
    this.clock = clock;
    this.interval = interval;
    // a session of its own, outside the pool: its name and short timeouts must never reach the engine's connections
    this.conn = db.openDedicated("backstep-telemetry");
    for (Metric m : Metric.values()) {
      rings.put(m, new Ring(CAPACITY));
    }
    this.counters = new Counters(db.dialect());
    this.replicaLag = db.replicas().isEmpty() ? null : new ReplicaLag(db.replicas(), clock::millis);
    Duration limit = interval.multipliedBy(9).dividedBy(10); // a sample never outlasts its interval
    try (Statement st = conn.createStatement()) {
      Canary.limit(st, db.dialect(), limit);
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
    try {
      this.canary = canarySql == null ? null : new Canary(db, canarySql, limit);
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "backstep-telemetry-" + db.spec().name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts sampling every {@code interval}; {@code canarySql} may be null. */
  public static Telemetry start(Database db, Clock clock, Duration interval, String canarySql) throws SQLException {
    Telemetry t = new Telemetry(db, clock, interval, canarySql);
    t.timer.scheduleAtFixedRate(t::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return t;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void addListener(Consumer<Reading> l) {
    listeners.add(l);
  }

  @Override
  public void removeListener(Consumer<Reading> l) {
    listeners.remove(l);
  }

  /** Each listed replica's lag in seconds at the latest sample (NaN: unreachable), by name; empty without replicas. */
  public Map<String, Double> replicaLags() {
    return lags;
  }

  /** The latest reading, or null before the first tick. */
  public Reading last() {
    return last;
  }

  /** Samples of a metric within the last {@code window}. */
  @Override
  public List<Sample> series(Metric m, Duration window) {
    return rings.get(m).since(clock.millis() - window.toMillis());
  }

  /** The p-th percentile (0–100) of a metric over the last {@code window}; NaN with no samples. */
  public double percentile(Metric m, Duration window, double p) {
    return percentile(series(m, window), p);
  }

  public static double percentile(List<Sample> samples, double p) {
    double[] v = samples.stream().mapToDouble(Sample::value).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, idx))];
  }

  private void tick() {
    long t0 = System.nanoTime();
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    LockInspector.Locks locks = new LockInspector.Locks(List.of(), List.of());
    String error = null;
    try {
      values.put(Metric.PROBE_MS, timed(db, conn, "SELECT 1"));
      locks = canary == null ? LockInspector.inspect(conn, db.dialect()) : withCanary(values);
      values.put(Metric.LOCK_WAITERS, (double) locks.waiters().size());
      values.put(Metric.LONGEST_LOCK_WAIT_MS, (double) locks.longestWaitMs());
      values.putAll(counters.read(conn, clock.millis()));
    } catch (SQLException e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }
    if (replicaLag != null) { // the replicas' own view of their lag, on their own connections
      lags = replicaLag.sample();
      values.put(Metric.REPLICATION_LAG_S, ReplicaLag.max(lags));
    }
    values.put(Metric.SAMPLE_COST_MS, (System.nanoTime() - t0) / 1e6);
    // stamped when the tick completes: a blocked canary's wait is known only then, and guards judge by it
    Instant at = clock.instant();
    for (Map.Entry<Metric, Double> e : values.entrySet()) {
      rings.get(e.getKey()).add(at.toEpochMilli(), e.getValue());
    }
    Reading r = new Reading(at, values, locks.waiters(), locks.blockers(), error);
    last = r;
    for (Consumer<Reading> l : listeners) {
      try {
        l.accept(r);
      } catch (RuntimeException ex) {
        backstep.db.DebugLog.ignored(Telemetry.class, "a listener's failure must not stop sampling", ex);
        // a listener's failure must not stop sampling
      }
    }
  }

  /**
   * The locks read while the canary runs on its own session: read once it has ended or waited a quarter of the
   * interval (at most 250 ms), so that a canary stuck behind a lock is still waiting, and listed, when they are read.
   */
  private LockInspector.Locks withCanary(Map<Metric, Double> values) throws SQLException {
    java.util.concurrent.Future<Double> run = canary.start();
    try {
      Canary.awaitUpTo(run, Duration.ofMillis(Math.min(250, interval.toMillis() / 4)));
      return canary.named(LockInspector.inspect(conn, db.dialect()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LockInspector.Locks(List.of(), List.of());
    } finally {
      try {
        values.put(Metric.CANARY_MS, Canary.took(run));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Milliseconds a query took; a query that failed by timing out counts the time it waited. */
  static double timed(Database db, Connection conn, String sql) {
    long t0 = System.nanoTime();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        // drain
      }
    } catch (SQLException e) {
      if (Dialect.isConnectionLost(e)) {
        return Double.NaN;
      }
      if (db.dialect() == Dialect.POSTGRES) {
        try {
          conn.rollback();
        } catch (SQLException ignored) {
          backstep.db.DebugLog.ignored(Telemetry.class, "autocommit connection: nothing to roll back", ignored);
          // autocommit connection: nothing to roll back
        }
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (canary != null) {
      canary.close();
    }
    try {
      conn.close();
    } catch (SQLException ignored) {
      backstep.db.DebugLog.ignored(Telemetry.class, "closing anyway", ignored);
      // closing anyway
    }
    if (replicaLag != null) {
      replicaLag.close();
    }
  }

  /** Cumulative server counters turned into rates between ticks. */
  private static final class Counters {
    private final Dialect dialect;
    private long prevAt;
    private double[] prev;

    Counters(Dialect dialect) {
      this.dialect = dialect;
    }

    Map<Metric, Double> read(Connection c, long at) throws SQLException {
      double[] now = new double[3];
      Map<Metric, Double> out = new EnumMap<>(Metric.class);
      try (Statement st = c.createStatement()) {
        if (dialect == Dialect.POSTGRES) {
          try (ResultSet rs = st.executeQuery("""
              SELECT xact_commit, xact_rollback, deadlocks, numbackends,
                     current_setting('max_connections')::int,
                     (SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication),
                     CASE WHEN pg_is_in_recovery()
                          THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END
              FROM pg_stat_database WHERE datname = current_database()""")) {
            rs.next();
            now = new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
            out.put(Metric.ACTIVE_CONNECTIONS, rs.getDouble(4));
            out.put(Metric.CONNECTION_LIMIT, rs.getDouble(5));
            double primaryLag = rs.getDouble(6);
            boolean hasReplicas = !rs.wasNull();
            double replicaLag = rs.getDouble(7);
            boolean isReplica = !rs.wasNull();
            out.put(Metric.REPLICATION_LAG_S, isReplica ? replicaLag : hasReplicas ? primaryLag : Double.NaN);
          }
        } else {
          Map<String, Double> status = new java.util.HashMap<>();
          try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Handler_commit',"
              + "'Handler_rollback','Innodb_deadlocks','Threads_connected')")) {
            while (rs.next()) {
              status.put(rs.getString(1), rs.getDouble(2));
            }
          }
          now = new double[] {status.getOrDefault("Handler_commit", Double.NaN),
              status.getOrDefault("Handler_rollback", Double.NaN),
              status.getOrDefault("Innodb_deadlocks", Double.NaN)};
          out.put(Metric.ACTIVE_CONNECTIONS, status.getOrDefault("Threads_connected", Double.NaN));
          try (ResultSet rs = st.executeQuery("SELECT @@max_connections")) {
            rs.next();
            out.put(Metric.CONNECTION_LIMIT, rs.getDouble(1));
          }
          out.put(Metric.REPLICATION_LAG_S, replicaLag(st));
        }
      }
      if (prev != null && at > prevAt) {
        double secs = (at - prevAt) / 1000.0;
        out.put(Metric.COMMITS_PER_S, (now[0] - prev[0]) / secs);
        out.put(Metric.ROLLBACKS_PER_S, (now[1] - prev[1]) / secs);
        out.put(Metric.DEADLOCKS_PER_S, (now[2] - prev[2]) / secs);
      }
      prev = Arrays.copyOf(now, now.length);
      prevAt = at;
      return out;
    }

    private static double replicaLag(Statement st) {
      try (ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
        if (rs.next()) {
          double v = rs.getDouble("Seconds_Behind_Master");
          return rs.wasNull() ? Double.NaN : v;
        }
      } catch (SQLException e) {
        backstep.db.DebugLog.ignored(Telemetry.class, "no privilege or not a replica: unavailable", e);
        // no privilege or not a replica: unavailable
      }
      return Double.NaN;
    }
  }
}
