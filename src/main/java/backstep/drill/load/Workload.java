package backstep.drill.load;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.drill.WorkloadSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The synthetic load of a drill: {@code clients} threads, each with its own connection (opened with
 * {@link Database#openDedicated}, never from the engine's pool), sharing a target rate. Inserts get keys above
 * everything in the write table (a range per client), so each key is written by one client only; updates change
 * rows the same client inserted; reads pick a random key. Latency is measured per operation; committed writes go
 * to the {@link Journal} once the commit has returned.
 *
 * <p>With a target rate, latency is measured from each request's scheduled start, not from when a late client got
 * round to sending it, so a stall shows in the percentiles as users would feel it (the coordinated-omission
 * correction wrk2 makes). A client more than a second behind does not burst to catch up: the requests the stall
 * swallowed are recorded with the wait they would have had, and left out of the operation counts.
 */
public final class Workload implements AutoCloseable {
  private static final long KEY_RANGE = 1_000_000_000L;

  private final Database db;
  private final WorkloadSpec spec;
  private final Clock clock;
  private final Journal journal = new Journal();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Connection> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
  private final AtomicLong ops = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private ReplayPlan replay;
  private volatile boolean running;
  private LatencyLog log;
  private long startedMs;
  private long stoppedMs;
  private long keyBase;

  public Workload(Database db, WorkloadSpec spec, Clock clock) {
    this.db = db;
    this.spec = spec;
    this.clock = clock;
  }

  /** Opens the clients' connections and starts them. */
  public void start() throws SQLException {
    startedMs = clock.millis();
    log = new LatencyLog(startedMs);
    if (spec.clients() == 0) {
      return;
    }
    if (spec.writeTable() != null) {
      try (Connection c = db.openDedicated("backstep-drill-load"); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(" + spec.writeKey() + "), 0) FROM "
              + spec.writeTable())) {
        rs.next();
        keyBase = (rs.getLong(1) / KEY_RANGE + 1) * KEY_RANGE;
      }
    }
    if (spec.profile() != null) {
      try (Connection c = db.openDedicated("backstep-drill-load")) {
        replay = ReplayPlan.prepare(c, db.dialect(), spec.profile());
      }
    }
    running = true;
    for (int i = 0; i < spec.clients(); i++) {
      Connection c = db.openDedicated("backstep-drill-load");
      connections.add(c);
      Client client = new Client(i, c);
      Thread t = new Thread(client, "backstep-drill-client-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
  }

  public Journal journal() {
    return journal;
  }

  public WorkloadSpec spec() {
    return spec;
  }

  /** The p-th percentile latency (ms) of operations completed in [from, to); NaN if none completed. */
  public double percentile(Instant from, Instant to, double p) {
    return LatencyLog.percentile(log.window(from.toEpochMilli(), to.toEpochMilli()), p);
  }

  /** Completed operations in [from, to). */
  public int completed(Instant from, Instant to) {
    return log.completed(from.toEpochMilli(), to.toEpochMilli());
  }

  public int errors(Instant from, Instant to) {
    return log.errors(from.toEpochMilli(), to.toEpochMilli());
  }

  /** The second ending at {@code now}. */
  public WorkloadTick tick(Instant now) {
    long to = now.toEpochMilli();
    double[] w = log.window(to - 1000, to);
    return new WorkloadTick(now, log.completed(to - 1000, to), log.errors(to - 1000, to),
        LatencyLog.percentile(w, 50), LatencyLog.percentile(w, 95), LatencyLog.percentile(w, 99),
        w.length == 0 ? Double.NaN : w[w.length - 1]);
  }

  /** The most frequent error messages, with counts. */
  public Map<String, Long> errorKinds() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    errorKinds.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(5)
        .forEach(e -> out.put(e.getKey(), e.getValue().get()));
    return out;
  }

  /** Stops the clients (waits up to 10 s for the one in flight, then closes its connection under it). */
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    stoppedMs = clock.millis();
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException ignored) {
        backstep.db.DebugLog.ignored(Workload.class, "closing anyway", ignored);
        // closing anyway
      }
    }
  }

  public WorkloadSummary summary() {
    long end = stoppedMs > 0 ? stoppedMs : clock.millis();
    double[] all = log.window(startedMs, end + 1000);
    Duration ran = Duration.ofMillis(end - startedMs);
    return new WorkloadSummary(spec.clients(), spec.rate(), ops.get(), errors.get(), ran,
        ran.isZero() ? 0 : log.completed(startedMs, end + 1000) * 1000.0 / ran.toMillis(),
        LatencyLog.percentile(all, 50),
        LatencyLog.percentile(all, 95), LatencyLog.percentile(all, 99),
        all.length == 0 ? Double.NaN : all[all.length - 1], journal.inserts(), journal.updates(), journal.keys(),
        reads.get(), writes.get());
  }

  @Override
  public void close() {
    stop();
  }

  /** One client: its own connection, its own operations (and key range), its own pacing. */
  private final class Client implements Runnable {
    private final SplittableRandom random;
    private final ClientOps work;
    private Connection conn;

    Client(int index, Connection conn) {
      this.conn = conn;
      this.random = new SplittableRandom(31L * index + 7);
      this.work = replay != null ? new ReplayOps(replay)
          : new SyntheticOps(spec, journal, keyBase + index * (KEY_RANGE / 64));
    }

    @Override
    public void run() {
      long interval = spec.rate() > 0 ? (long) (spec.clients() * 1e9 / spec.rate()) : 0;
      long next = System.nanoTime();
      while (running) {
        if (interval > 0) {
          next += interval;
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          } else if (wait < -1_000_000_000L) { // a stall: record what it swallowed, do not burst to catch up
            long now = System.nanoTime();
            log.addSwallowed(clock.millis(), next, now, interval);
            next = now;
          }
        }
        if (!running) {
          return;
        }
        once(interval > 0 ? next : System.nanoTime()); // paced: from the scheduled start
      }
    }

    private void once(long t0) {
      try {
        boolean wrote = work.once(conn, random);
        ops.incrementAndGet();
        (wrote ? writes : reads).incrementAndGet();
        log.add(clock.millis(), (System.nanoTime() - t0) / 1e6, true);
      } catch (SQLException e) {
        errors.incrementAndGet();
        log.add(clock.millis(), (System.nanoTime() - t0) / 1e6, false);
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
            .orElse("");
        errorKinds.computeIfAbsent(m.length() > 160 ? m.substring(0, 160) : m, k -> new AtomicLong())
            .incrementAndGet();
        reconnectIfBroken(e);
      }
    }

    private void reconnectIfBroken(SQLException e) {
      try {
        if (!Dialect.isConnectionLost(e) && conn.isValid(2)) {
          return;
        }
      } catch (SQLException ignored) {
        backstep.db.DebugLog.ignored(Workload.class, "treat as broken", ignored);
        // treat as broken
      }
      while (running) {
        try {
          connections.remove(conn);
          try {
            conn.close();
          } catch (SQLException ignored) {
            backstep.db.DebugLog.ignored(Workload.class, "already broken", ignored);
            // already broken
          }
          conn = db.openDedicated("backstep-drill-load");
          connections.add(conn);
          work.reconnected();
          return;
        } catch (SQLException again) {
          LockSupport.parkNanos(200_000_000L);
        }
      }
    }
  }
}
