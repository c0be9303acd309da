package backstep.bench;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.RunOptions;
import backstep.engine.RunResult;
import backstep.engine.Sleeper;
import backstep.integrity.ReadFloor;
import backstep.integrity.SchemaSnapshot;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the run's fingerprints cost (docs/performance.md): a 20-step playbook applied to a schema of 100 tables with
 * fingerprints on and off, alternating in one run, each in a fresh scratch database; and a full schema snapshot of
 * those 100 tables. Prints each sample and the medians and ratio. Usage: {@code bash bench/fingerprint.sh
 * [postgresql|mariadb] [reps]}.
 */
public final class FingerprintBenchmark {
  private static final int TABLES = 100;
  private static final int STEPS = 20;

  private final boolean pg;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, executor);

  private FingerprintBenchmark(boolean pg) {
    this.pg = pg;
  }

  public static void main(String[] args) throws Exception {
    boolean pg = args.length == 0 || !args[0].toLowerCase(Locale.ROOT).startsWith("maria");
    boolean profile = args.length > 1 && args[1].equals("profile");
    boolean only = args.length > 1 && (args[1].equals("on") || args[1].equals("off"));
    boolean bound = args.length > 1 && args[1].equals("bound");
    int reps = args.length > 1 && !profile && !only && !bound ? Integer.parseInt(args[1]) : 5;
    FingerprintBenchmark b = new FingerprintBenchmark(pg);
    try {
      if (bound) {
        b.bound(args.length > 2 ? Integer.parseInt(args[2]) : 40);
      } else if (profile) {
        b.profile();
      } else if (only) {
        b.only(args[1].equals("on"), args.length > 2 ? Integer.parseInt(args[2]) : 10);
      } else {
        b.run(reps);
      }
    } finally {
      b.executor.shutdownNow();
    }
  }

  private String admin() {
    return pg ? PG + "postgres" : MY;
  }

  /** The PostgreSQL server: port 5432 unless {@code -Dbench.pg.port} names another (a scratch cluster's). */
  private static final String PG = "jdbc:postgresql://127.0.0.1:" + System.getProperty("bench.pg.port", "5432") + "/";

  /** The MariaDB server: port 3306 unless {@code -Dbench.my.port} names another (a scratch server's). */
  private static final String MY = "jdbc:mysql://127.0.0.1:" + System.getProperty("bench.my.port", "3306") + "/";

  private String user() {
    return pg ? "postgres" : "root";
  }

  private void run(int reps) throws Exception {
    Path dir = Files.createTempDirectory("bs-fp-bench");
    Path file = dir.resolve("twenty.yaml");
    Files.writeString(file, playbook());
    Playbook pb = new PlaybookLoader(null).load(file);
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    List<Double> snap = new ArrayList<>();
    apply(pb, true, dir, null); // warm-up: class loading, JIT, connection set-up
    for (int r = 0; r < reps; r++) {
      boolean first = r % 2 == 0;
      double a = apply(pb, first, dir, snap);
      double b = apply(pb, !first, dir, null);
      (first ? on : off).add(a);
      (first ? off : on).add(b);
      System.out.printf(Locale.ROOT, "rep %d: on %.0f ms, off %.0f ms%n", r + 1, first ? a : b, first ? b : a);
    }
    double mOn = median(on);
    double mOff = median(off);
    System.out.printf(Locale.ROOT, "%s, %d tables, %d steps, %d reps: apply with fingerprints %.0f ms, without "
        + "%.0f ms (median), ratio %.2f; full schema snapshot of %d tables %.1f ms (median of %d)%n",
        pg ? "PostgreSQL" : "MariaDB", TABLES, STEPS, reps, mOn, mOff, mOn / mOff, TABLES, median(snap), snap.size());
  }

  /**
   * The same apply, once with fingerprints and once without (after a warm-up of each), through a driver that counts
   * and times every JDBC call that goes to the server ({@link EngineProfile.Counting}): calls per step by statement,
   * a figure that does not depend on the machine's load. Usage: {@code bash bench/fingerprint.sh postgresql profile}.
   */
  private void profile() throws Exception {
    java.sql.Driver real = DriverManager.getDriver(admin());
    DriverManager.deregisterDriver(real);
    DriverManager.registerDriver(new EngineProfile.Counting(real));
    Path dir = Files.createTempDirectory("bs-fp-profile");
    Path file = dir.resolve("twenty.yaml");
    Files.writeString(file, playbook());
    Playbook pb = new PlaybookLoader(null).load(file);
    apply(pb, true, dir, null);
    apply(pb, false, dir, null);
    for (boolean fp : new boolean[] {true, false}) {
      profiled = true;
      long cpu0 = executor.submit(EngineProfile::cpu).get();
      double ms = apply(pb, fp, dir, null);
      long cpu = executor.submit(EngineProfile::cpu).get() - cpu0;
      profiled = false;
      EngineProfile.print("apply of " + STEPS + " steps, fingerprints " + (fp ? "on" : "off") + " ("
          + (pg ? "PostgreSQL" : "MariaDB") + ", " + TABLES + " tables; per step = per run / " + STEPS + ")", STEPS,
          (long) (ms * 1e6), cpu);
    }
  }

  /**
   * Only applies with fingerprints on (or only off), {@code reps} of them after a warm-up, printing the engine
   * thread's CPU time per step: one side per JVM, for a JFR recording of that side alone. Usage: {@code bash
   * bench/fingerprint.sh postgresql on 10}.
   */
  private void only(boolean fingerprints, int reps) throws Exception {
    Path dir = Files.createTempDirectory("bs-fp-only");
    Path file = dir.resolve("twenty.yaml");
    Files.writeString(file, playbook());
    Playbook pb = new PlaybookLoader(null).load(file);
    apply(pb, fingerprints, dir, null);
    printBytes = true;
    List<Double> cpu = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      long cpu0 = executor.submit(EngineProfile::cpu).get();
      double ms = apply(pb, fingerprints, dir, null);
      double c = (executor.submit(EngineProfile::cpu).get() - cpu0) / 1e6;
      cpu.add(c / STEPS);
      System.out.printf(Locale.ROOT, "fingerprints %s: apply %.0f ms, engine thread CPU %.2f ms a step%n",
          fingerprints ? "on" : "off", ms, c / STEPS);
    }
    System.out.printf(Locale.ROOT, "median engine thread CPU per step, fingerprints %s: %.2f ms%n",
        fingerprints ? "on" : "off", median(cpu));
  }

  /** While true, {@link #apply} counts the apply's JDBC calls (not the scratch database's set-up). */
  private boolean profiled;

  /** Applies the playbook to a fresh scratch database of 100 tables; returns the apply's wall time in ms. */
  private double apply(Playbook pb, boolean fingerprints, Path home, List<Double> snapshots) throws Exception {
    String name = "bs_fpbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(admin(), user(), pg ? null : "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    try {
      String url = (pg ? PG : MY) + name;
      tables(url);
      TargetSpec spec = new TargetSpec(name, url, user(), null, EnvironmentClass.SANDBOX);
      try (Database db = Database.open(spec, pg ? null : "", home, false)) {
        if (snapshots != null) {
          for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            SchemaSnapshot.take(db);
            snapshots.add((System.nanoTime() - t0) / 1e6);
          }
        }
        EngineProfile.STATS.clear();
        var questions = profiled && !pg ? EngineProfile.Counting.questions() : null;
        EngineProfile.on = profiled;
        long t0 = System.nanoTime();
        RunResult r = Engine.join(engine.apply(db, pb, RunOptions.defaults().withFingerprints(fingerprints),
            EngineBenchmark.APPROVE_ALL, new RunListener() {}));
        double ms = (System.nanoTime() - t0) / 1e6;
        EngineProfile.on = false;
        if (questions != null) {
          System.out.printf(java.util.Locale.ROOT, "%nMariaDB's own count for the apply below (Questions of every "
              + "connection it used, setAutoCommit's statements included): %.2f statements per step%n",
              EngineProfile.Counting.statementsSince(questions) / (double) STEPS);
        }
        if (r.state() != RunState.APPLIED) {
          throw new IllegalStateException("apply ended " + r.state() + ": " + r.error());
        }
        if (fingerprints && printBytes) {
          printStoredBytes(url);
        }
        return ms;
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin(), user(), pg ? null : "");
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE " + name + (pg ? " WITH (FORCE)" : ""));
      }
    }
  }

  /** The benchmark's 100 tables (5 columns, an index, 3 rows each) in the scratch database at {@code url}. */
  private void tables(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user(), pg ? null : "");
        Statement st = c.createStatement()) {
      for (int i = 0; i < TABLES; i++) {
        st.execute("CREATE TABLE app_t" + i + " (id INT PRIMARY KEY, account_id INT NOT NULL, "
            + "title VARCHAR(80), amount_cents BIGINT, created_at TIMESTAMP NULL)");
        st.execute("CREATE INDEX app_t" + i + "_acct ON app_t" + i + " (account_id)");
        st.execute("INSERT INTO app_t" + i + " (id, account_id, title) VALUES (1, 1, 'a'), (2, 1, 'b'), "
            + "(3, 2, 'c')");
      }
    }
  }

  /**
   * The lower bound of a sound scoped read against a step's own cost ({@link ReadFloor}), on a fresh 100-table
   * database: {@code bash bench/fingerprint.sh postgresql bound [rounds]}. PostgreSQL only (the server's CPU is read
   * from /proc, so the server must run on this machine).
   */
  private void bound(int rounds) throws Exception {
    if (!pg) {
      throw new IllegalArgumentException("bound: PostgreSQL only");
    }
    String name = "bs_fpbound_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(admin(), user(), null); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    try {
      String url = PG + name;
      tables(url);
      try (Connection c = DriverManager.getConnection(url, user(), null)) {
        ReadFloor.measure(c, () -> DriverManager.getConnection(url, user(), null), rounds, 6);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin(), user(), null); Statement st = c.createStatement()) {
        st.execute("DROP DATABASE " + name + " WITH (FORCE)");
      }
    }
  }

  /** While true, {@link #apply} prints the bytes of fingerprint JSON the apply stored ({@link #only}). */
  private boolean printBytes;

  /**
   * The fingerprint JSON the apply left in the ledger: the run's, and the steps' (per step); and one SHA-256 over
   * every stored row's label, SHA-256 and body, by label, to compare the bodies two builds store, byte for byte.
   */
  private void printStoredBytes(String url) throws Exception {
    String table = pg ? "backstep.fingerprint" : "backstep_fingerprint";
    try (Connection c = DriverManager.getConnection(url, user(), pg ? null : "");
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT label, sha256, body FROM " + table + " ORDER BY label")) {
      java.security.MessageDigest all = java.security.MessageDigest.getInstance("SHA-256");
      while (rs.next()) {
        String row = rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + "\n";
        all.update(row.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      System.out.println("  stored fingerprints (labels, SHA-256s, bodies), one SHA-256: "
          + java.util.HexFormat.of().formatHex(all.digest()));
    }
    try (Connection c = DriverManager.getConnection(url, user(), pg ? null : "");
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT label = 'run', count(*), sum(length(body)) FROM " + table
            + " GROUP BY label = 'run' ORDER BY 1 DESC")) {
      while (rs.next()) {
        System.out.printf(Locale.ROOT, "  stored fingerprint JSON, %s: %d rows, %d characters (%.0f a step)%n",
            rs.getBoolean(1) ? "run" : "steps", rs.getLong(2), rs.getLong(3), rs.getLong(3) / (double) STEPS);
      }
    }
  }

  /** Twenty steps as a real history has them: new tables, columns, indexes, and a small backfill. */
  private static String playbook() {
    StringBuilder y = new StringBuilder("""
        id: twenty-steps
        title: Twenty migrations on a 100-table schema
        intent: measure what fingerprints cost
        steps:
        """);
    for (int i = 1; i <= STEPS; i++) {
      String fwd;
      String back;
      switch (i % 4) {
        case 0 -> {
          fwd = "ALTER TABLE app_t" + i + " ADD COLUMN note" + i + " VARCHAR(40)";
          back = "ALTER TABLE app_t" + i + " DROP COLUMN note" + i;
        }
        case 1 -> {
          fwd = "CREATE TABLE new_t" + i + " (id INT PRIMARY KEY, ref INT)";
          back = "DROP TABLE new_t" + i;
        }
        case 2 -> {
          fwd = "CREATE INDEX app_t" + i + "_title ON app_t" + i + " (title)";
          back = "DROP INDEX app_t" + i + "_title";
        }
        default -> {
          fwd = "UPDATE app_t" + i + " SET amount_cents = 0 WHERE amount_cents IS NULL";
          back = "UPDATE app_t" + i + " SET amount_cents = NULL WHERE amount_cents = 0";
        }
      }
      y.append("  - id: s").append(i).append("\n    kind: sql\n    title: step ").append(i)
          .append("\n    forward: \"").append(fwd).append("\"\n    rollback:\n      postgresql: \"").append(back)
          .append("\"\n      mysql: \"").append(back).append(i % 4 == 2 ? " ON app_t" + i : "").append("\"\n");
    }
    return y.toString();
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
