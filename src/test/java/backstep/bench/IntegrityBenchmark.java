package backstep.bench;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.integrity.CheckResult;
import backstep.integrity.DataChecks;
import backstep.integrity.ForeignKeyRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Cost of the data checks ({@link DataChecks#rowCount}, {@link DataChecks#checksum}, {@link DataChecks#orphans})
 * against {@code SELECT count(*)} of the same table in the same run — one scan being the floor.
 *
 * <p>PostgreSQL (127.0.0.1:5432, user postgres): {@code parent} with {@code bench.pg.rows} rows (5,000,000) and
 * {@code child} with as many rows referencing it (foreign key plus an index on {@code child.parent_id}), made with
 * {@code generate_series}, then VACUUM ANALYZE. Phase A interleaves count(*), rowCount, checksum and orphans with the
 * index, {@code bench.reps} (5) times; phase B drops the index and interleaves count(*) with orphans. Diagnostics
 * (3 runs each, not targets): the checksum's two halves — the row's text form alone, and a hash that skips it — and
 * EXPLAIN (ANALYZE, BUFFERS) of every query, saved to {@code target/bench/integrity/}.
 *
 * <p>MariaDB (127.0.0.1:3306, root): {@code t} with {@code bench.my.rows} rows (2,000,000) from {@code seq_1_to_N};
 * interleaves COUNT(*), {@code CHECKSUM TABLE t EXTENDED} (the previous check, which the target is measured against),
 * DataChecks.checksum and rowCount, and reports the checksum's ratio to {@code CHECKSUM TABLE … EXTENDED} in each
 * repetition as well as to COUNT(*).
 *
 * <p>Every timing is wall-clock from the JVM through the same connection pool (so including the JDBC round trip
 * and, for the checks, their read-only session setup and the orphan check's schema read). Scratch databases
 * {@code bs_bench_<random>} are dropped at the end. Run with {@code bash bench/integrity.sh [all|pg|mariadb]}.
 */
public final class IntegrityBenchmark {
  private static final String PG_HOST = System.getProperty("bench.pg.host", "127.0.0.1");
  private static final int PG_PORT = Integer.getInteger("bench.pg.port", 5432);
  private static final String PG_USER = System.getProperty("bench.pg.user", "postgres");
  private static final String MY_HOST = System.getProperty("bench.my.host", "127.0.0.1");
  private static final int MY_PORT = Integer.getInteger("bench.my.port", 3306);
  private static final String MY_USER = System.getProperty("bench.my.user", "root");
  private static final long PG_ROWS = Long.getLong("bench.pg.rows", 5_000_000L);
  private static final long MY_ROWS = Long.getLong("bench.my.rows", 2_000_000L);
  private static final int REPS = Integer.getInteger("bench.reps", 5);
  private static final int DIAG_REPS = Integer.getInteger("bench.diagReps", 3);
  private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench/integrity"));

  /** Timings of one measured operation, in milliseconds, one per repetition, and the ratios to that rep's floor. */
  static final class Series {
    final String label;
    final List<Double> ms = new ArrayList<>();
    final List<Double> ratio = new ArrayList<>();
    final Set<String> values = new LinkedHashSet<>();
    String detail = "";

    Series(String label) {
      this.label = label;
    }

    double median() {
      return IntegrityBenchmark.median(ms);
    }

    double medianRatio() {
      return IntegrityBenchmark.median(ratio);
    }
  }

  /** Runs one operation and returns its result text (value) for the stability check. */
  interface Op {
    String run() throws Exception;
  }

  private IntegrityBenchmark() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    Files.createDirectories(OUT);
    StringBuilder report = new StringBuilder();
    if (what.equals("all") || what.equals("pg")) {
      report.append(postgres());
    }
    if (what.equals("all") || what.equals("mariadb")) {
      report.append(mariadb());
    }
    Files.writeString(OUT.resolve("integrity.md"), report.toString());
    System.out.println();
    System.out.println(report);
  }

  // ---------------------------------------------------------------- PostgreSQL

  private static String postgres() throws Exception {
    String db = scratchName();
    String admin = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres";
    String url = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + db;
    System.out.printf(Locale.ROOT, "PostgreSQL: database %s, %,d parent rows, %,d child rows, %d reps%n", db,
        PG_ROWS, PG_ROWS, REPS);
    admin(admin, PG_USER, null, "CREATE DATABASE " + db);
    try {
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url, PG_USER, null)) {
        exec(c, "SET synchronous_commit = off",
            "CREATE TABLE parent (id bigint PRIMARY KEY, name text NOT NULL, email text, qty integer NOT NULL,"
                + " created_at timestamptz NOT NULL, amount numeric(12,2) NOT NULL)",
            "INSERT INTO parent SELECT g, 'Customer ' || g, 'user' || g || '@example.com',"
                + " (g * 7) % 1000, timestamptz '2020-01-01 00:00:00+00' + g * interval '17 seconds',"
                + " ((g * 7919) % 10000000) / 100.0 FROM generate_series(1::bigint, " + PG_ROWS + ") g",
            "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL, status text NOT NULL,"
                + " qty integer NOT NULL, created_at timestamptz NOT NULL, amount numeric(12,2) NOT NULL)",
            // parent_id spread over the parent's keys, not in id order (7919 is prime, coprime with the row count)
            "INSERT INTO child SELECT g, 1 + (g * 7919) % " + PG_ROWS + ", (ARRAY['new','paid','shipped','returned'])"
                + "[1 + g % 4], g % 17, timestamptz '2021-01-01 00:00:00+00' + g * interval '11 seconds',"
                + " (g % 50000) / 100.0 FROM generate_series(1::bigint, " + PG_ROWS + ") g",
            "ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id)",
            "CREATE INDEX child_parent_id_idx ON child (parent_id)",
            "VACUUM ANALYZE parent",
            "VACUUM ANALYZE child");
        System.out.printf(Locale.ROOT, "  loaded in %.1f s; parent %s, child %s%n", (System.nanoTime() - t0) / 1e9,
            one(c, "SELECT pg_size_pretty(pg_table_size('parent'))"),
            one(c, "SELECT pg_size_pretty(pg_table_size('child'))"));
      }
      try (Database target = open(url, PG_USER)) {
        return postgresRuns(target);
      }
    } finally {
      admin(admin, PG_USER, null, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      System.out.println("  dropped " + db);
    }
  }

  private static String postgresRuns(Database target) throws Exception {
    DataChecks checks = new DataChecks(target);
    ForeignKeyRef fk = new ForeignKeyRef("child_parent_fk", "child", List.of("parent_id"), "parent", List.of("id"));
    String parentSize;
    String childSize;
    String version = target.serverVersion();
    try (Connection c = target.connection()) {
      parentSize = one(c, "SELECT pg_size_pretty(pg_table_size('parent'))");
      childSize = one(c, "SELECT pg_size_pretty(pg_table_size('child'))");
    }
    // warm-up: one pass of each, so the first rep does not pay for cold OS cache
    sql(target, "SELECT count(*) FROM parent");
    sql(target, "SELECT count(*) FROM child");
    checks.checksum("parent");
    checks.orphans(fk);

    Series count = new Series("`SELECT count(*) FROM parent` (floor)");
    Series countChild = new Series("`SELECT count(*) FROM child`");
    Series rows = new Series("`DataChecks.rowCount(parent)`");
    Series sum = new Series("`DataChecks.checksum(parent)`");
    Series orphans = new Series("`DataChecks.orphans(child_parent_fk)` (default: the enforced constraint is proof)");
    DataChecks scanning = checks.scanningEveryForeignKey("benchmark: full scan");
    Series orphanScan = new Series("`DataChecks.orphans(child_parent_fk)`, full scan, index on child.parent_id");
    System.out.println("  phase A: with the index on child(parent_id)");
    for (int rep = 1; rep <= REPS; rep++) {
      double floor = time(count, () -> sql(target, "SELECT count(*) FROM parent"));
      time(countChild, () -> sql(target, "SELECT count(*) FROM child"));
      time(rows, () -> value(checks.rowCount("parent"), rows));
      time(sum, () -> value(checks.checksum("parent"), sum));
      time(orphans, () -> value(checks.orphans(fk), orphans));
      time(orphanScan, () -> value(scanning.orphans(fk), orphanScan));
      ratios(floor, countChild, rows, sum, orphans, orphanScan);
      count.ratio.add(1.0);
      progress(rep, count, countChild, rows, sum, orphans, orphanScan);
    }

    // diagnostics: the previous and rejected checksum forms, serial runs, the orphan query's planner choices
    String checksumSql = checks.checksumSql("parent");
    Series text = new Series("diag: previous form `sum(hashtextextended(ROW(t.*)::text, 0))`");
    Series hashOnly = new Series("diag: `sum(hash_record_extended(t, 0))` (whole row, by equality; rejected)");
    Series serial = new Series("diag: checksum SQL with `max_parallel_workers_per_gather = 0`");
    Series countSerial = new Series("diag: `count(*)` with `max_parallel_workers_per_gather = 0`");
    Series withJit = new Series("diag: checksum SQL with the server's `jit` (on; the check turns it off)");
    Series orphanHash = new Series("diag: orphan SQL, planner's choice (hash anti join; the previous behaviour)");
    Series orphanParallel = new Series(
        "diag: orphan SQL, `enable_hashjoin = off`, parallel workers on (the check's plan until issue 16's third"
            + " pass: a parallel merge anti join, each worker walking the whole parent index)");
    Series orphanSerial = new Series(
        "diag: orphan SQL, `enable_hashjoin = off`, `max_parallel_workers_per_gather = 0` (the check's plan: a"
            + " serial merge anti join)");
    String orphanSql = "SELECT count(*) FROM child c WHERE c.parent_id IS NOT NULL AND NOT EXISTS"
        + " (SELECT 1 FROM parent p WHERE p.id = c.parent_id)";
    for (int rep = 1; rep <= DIAG_REPS; rep++) {
      double floor = time(new Series("floor"), () -> sql(target, "SELECT count(*) FROM parent"));
      time(text, () -> sql(target, "SELECT count(*), sum(hashtextextended(ROW(t.*)::text, 0)) FROM parent t"));
      time(hashOnly, () -> sql(target, "SELECT sum(hash_record_extended(t, 0)) FROM parent t"));
      time(countSerial, () -> sql(target, "SELECT count(*) FROM parent", "SET max_parallel_workers_per_gather = 0"));
      time(serial, () -> sql(target, checksumSql, "SET max_parallel_workers_per_gather = 0"));
      time(withJit, () -> sql(target, checksumSql));
      time(orphanHash, () -> sql(target, orphanSql));
      time(orphanParallel, () -> sql(target, orphanSql, "SET enable_hashjoin = off"));
      time(orphanSerial, () -> sql(target, orphanSql, "SET enable_hashjoin = off",
          "SET max_parallel_workers_per_gather = 0"));
      ratios(floor, text, hashOnly, serial, countSerial, withJit, orphanHash, orphanParallel, orphanSerial);
      progress(rep, text, hashOnly, serial, countSerial, withJit, orphanHash, orphanParallel, orphanSerial);
    }
    Map<String, String> plans = new LinkedHashMap<>();
    plans.put("count", explain(target, "SELECT count(*) FROM parent"));
    plans.put("checksum", explain(target, checksumSql));
    plans.put("orphans-indexed-hash-anti-join", explain(target, orphanSql));
    plans.put("orphans-indexed-no-hashjoin-parallel", explain(target, orphanSql, "SET enable_hashjoin = off"));
    plans.put("orphans-indexed-no-hashjoin-serial", explain(target, orphanSql, "SET enable_hashjoin = off",
        "SET max_parallel_workers_per_gather = 0"));

    System.out.println("  phase B: index on child(parent_id) dropped");
    sql(target, "DROP INDEX child_parent_id_idx");
    sql(target, "VACUUM ANALYZE child");
    Series count2 = new Series("`SELECT count(*) FROM parent` (floor, phase B)");
    Series orphansNoIdx = new Series("`DataChecks.orphans(child_parent_fk)`, full scan, no index on child.parent_id");
    scanning.orphans(fk);
    for (int rep = 1; rep <= REPS; rep++) {
      double floor = time(count2, () -> sql(target, "SELECT count(*) FROM parent"));
      time(orphansNoIdx, () -> value(scanning.orphans(fk), orphansNoIdx));
      ratios(floor, orphansNoIdx);
      count2.ratio.add(1.0);
      progress(rep, count2, orphansNoIdx);
    }
    plans.put("orphans-no-index", explain(target, orphanSql));
    for (Map.Entry<String, String> p : plans.entrySet()) {
      Files.writeString(OUT.resolve("pg-explain-" + p.getKey() + ".txt"), p.getValue());
    }

    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "### PostgreSQL %s — parent %,d rows (%s), child %,d rows (%s)%n%n",
        version, PG_ROWS, parentSize, PG_ROWS, childSize));
    md.append("Median of ").append(REPS).append(" interleaved repetitions; ratio = median of the per-repetition"
        + " ratios to `count(*)` on parent in the same repetition.\n\n");
    md.append(table(List.of(count, countChild, rows, sum, orphans, orphanScan, count2, orphansNoIdx)));
    md.append("\nDiagnostics (median of ").append(DIAG_REPS).append(", ratio to `count(*)` on parent in the same"
        + " repetition, default settings):\n\n");
    md.append(table(List.of(text, hashOnly, countSerial, serial, withJit, orphanHash, orphanParallel,
        orphanSerial)));
    md.append("\nChecksum SQL: `").append(checksumSql).append("`\n");
    md.append("\nChecksum values seen: ").append(sum.values).append("; orphan check details: default `")
        .append(orphans.detail).append("`, full scan with the index `").append(orphanScan.detail)
        .append("`, without it `").append(orphansNoIdx.detail).append("`\n\n");
    for (Map.Entry<String, String> p : plans.entrySet()) {
      md.append("EXPLAIN (ANALYZE, BUFFERS) ").append(p.getKey()).append(":\n\n```\n").append(p.getValue())
          .append("```\n\n");
    }
    return md.toString();
  }

  private static String explain(Database target, String query, String... setup) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Connection c = target.connection(); Statement st = c.createStatement()) {
      for (String s : setup) {
        st.execute(s);
      }
      try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query)) {
        while (rs.next()) {
          sb.append(rs.getString(1)).append('\n');
        }
      }
      st.execute("RESET ALL");
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- MariaDB

  private static String mariadb() throws Exception {
    String db = scratchName();
    String admin = "jdbc:mysql://" + MY_HOST + ":" + MY_PORT + "/";
    String url = "jdbc:mysql://" + MY_HOST + ":" + MY_PORT + "/" + db;
    System.out.printf(Locale.ROOT, "MariaDB: database %s, %,d rows, %d reps%n", db, MY_ROWS, REPS);
    admin(admin, MY_USER, "", "CREATE DATABASE " + db);
    try {
      long t0 = System.nanoTime();
      try (Connection c = DriverManager.getConnection(url, MY_USER, "")) {
        exec(c, "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(64) NOT NULL, email varchar(128),"
                + " qty int NOT NULL, created_at datetime NOT NULL, amount decimal(12,2) NOT NULL) ENGINE=InnoDB",
            "INSERT INTO t SELECT seq, concat('Customer ', seq), concat('user', seq, '@example.com'),"
                + " (seq * 7) % 1000, timestamp '2020-01-01 00:00:00' + interval (seq * 17) second,"
                + " ((seq * 7919) % 10000000) / 100.0 FROM seq_1_to_" + MY_ROWS,
            "ANALYZE TABLE t");
        System.out.printf(Locale.ROOT, "  loaded in %.1f s; t %s MB (data + indexes)%n",
            (System.nanoTime() - t0) / 1e9, one(c, "SELECT round((data_length + index_length) / 1048576)"
                + " FROM information_schema.TABLES WHERE table_schema = DATABASE() AND table_name = 't'"));
      }
      try (Database target = open(url, MY_USER)) {
        return mariadbRuns(target);
      }
    } finally {
      admin(admin, MY_USER, "", "DROP DATABASE IF EXISTS " + db);
      System.out.println("  dropped " + db);
    }
  }

  private static String mariadbRuns(Database target) throws Exception {
    DataChecks checks = new DataChecks(target);
    String version = target.serverVersion();
    String size;
    try (Connection c = target.connection()) {
      size = one(c, "SELECT concat(round((data_length + index_length) / 1048576), ' MB') FROM"
          + " information_schema.TABLES WHERE table_schema = DATABASE() AND table_name = 't'");
    }
    sql(target, "SELECT COUNT(*) FROM t");
    sql(target, "CHECKSUM TABLE t");
    checks.checksum("t");

    Series count = new Series("`SELECT COUNT(*) FROM t` (floor)");
    Series native_ = new Series("`CHECKSUM TABLE t EXTENDED` (the previous check; misses boundary moves)");
    Series sum = new Series("`DataChecks.checksum(t)` (count and length-prefixed CRC32 sum, one scan)");
    Series rows = new Series("`DataChecks.rowCount(t)`");
    Series raw = new Series("the checksum's SQL alone (no read-only session, catalog read or time zone pinning)");
    String checksumSql = checks.checksumSql("t");
    List<Double> toNative = new ArrayList<>();
    List<Double> rawToNative = new ArrayList<>();
    for (int rep = 1; rep <= REPS; rep++) {
      double floor = time(count, () -> sql(target, "SELECT COUNT(*) FROM t"));
      double nativeMs = time(native_, () -> {
        String v = sqlValue(target, "CHECKSUM TABLE t EXTENDED", 2);
        native_.values.add(v);
        return v;
      });
      double sumMs = time(sum, () -> value(checks.checksum("t"), sum));
      time(rows, () -> value(checks.rowCount("t"), rows));
      double rawMs = time(raw, () -> sqlValue(target, checksumSql, 2));
      ratios(floor, native_, sum, rows, raw);
      count.ratio.add(1.0);
      toNative.add(sumMs / nativeMs);
      rawToNative.add(rawMs / nativeMs);
      progress(rep, count, native_, sum, rows, raw);
    }
    // diagnostics: CHECKSUM TABLE without EXTENDED, the previous SQL form, an MD5 row hash, one column
    String cols = "id, name, email, qty, created_at, amount";
    Series plain = new Series("diag: `CHECKSUM TABLE t` (without EXTENDED; the same for InnoDB)");
    Series previous = new Series("diag: session 2's form `sum(crc32(concat_ws(0x1f, c1, …, isnull(…), length(…))))`");
    Series md5 = new Series("diag: the same row string hashed with MD5, 60 bits summed (`conv(left(md5(…), 15), 16,"
        + " 10)`)");
    Series keyOnly = new Series("diag: `sum(crc32(id))` (scan + crc32 + sum of one column)");
    Series noLengths = new Series("diag: the checksum's row string without the lengths (unsound: what the"
        + " boundary safety costs)");
    String row = "concat_ws(0x1f, length(name), name, ifnull(length(email), 'N'), email, id, qty, created_at,"
        + " amount)";
    List<Double> diagToNative = new ArrayList<>();
    List<Double> bareToNative = new ArrayList<>();
    for (int rep = 1; rep <= DIAG_REPS; rep++) {
      double floor = time(new Series("floor"), () -> sql(target, "SELECT COUNT(*) FROM t"));
      double nativeMs = time(new Series("native"), () -> sql(target, "CHECKSUM TABLE t EXTENDED"));
      time(plain, () -> sql(target, "CHECKSUM TABLE t"));
      time(previous, () -> sql(target, "SELECT count(*), sum(crc32(concat_ws(0x1f, " + cols
          + ", isnull(email), length(name)))) FROM t"));
      double md5Ms = time(md5, () -> sql(target, "SELECT count(*), sum(conv(left(md5(" + row + "), 15), 16, 10))"
          + " FROM t"));
      time(keyOnly, () -> sql(target, "SELECT count(*), sum(crc32(id)) FROM t"));
      double bareMs = time(noLengths, () -> sql(target, "SELECT count(*), sum(crc32(concat_ws(0x1f, amount,"
          + " created_at, ifnull(email, 'N'), id, name, qty))) FROM t"));
      ratios(floor, plain, previous, md5, keyOnly, noLengths);
      diagToNative.add(md5Ms / nativeMs);
      bareToNative.add(bareMs / nativeMs);
      progress(rep, plain, previous, md5, keyOnly, noLengths);
    }
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "### MariaDB %s — t %,d rows (%s)%n%n", version, MY_ROWS, size));
    md.append("Median of ").append(REPS).append(" interleaved repetitions; ratio = median of the per-repetition"
        + " ratios to `COUNT(*)` in the same repetition.\n\n");
    md.append(table(List.of(count, native_, sum, rows, raw)));
    md.append(String.format(Locale.ROOT, "%n`DataChecks.checksum` / `CHECKSUM TABLE t EXTENDED`, same repetition:"
        + " median **%.2f×** (per repetition: %s); the SQL alone: median %.2f× (%s)%n", median(toNative),
        ratioList(toNative), median(rawToNative), ratioList(rawToNative)));
    md.append("\nDiagnostics (median of ").append(DIAG_REPS).append("):\n\n");
    md.append(table(List.of(plain, previous, md5, keyOnly, noLengths)));
    md.append(String.format(Locale.ROOT, "%nMD5 form / `CHECKSUM TABLE t EXTENDED`, same repetition: median %.2f×;"
        + " the row string without lengths / `CHECKSUM TABLE t EXTENDED`: median %.2f×%n", median(diagToNative),
        median(bareToNative)));
    List<Double> cpu = serverCpuRatios(target, checksumSql);
    md.append(String.format(Locale.ROOT, "%nServer CPU time (`SHOW PROFILE`: user + system of the statement's thread,"
        + " which the machine's load inflates far less than wall time), the checksum's SQL / `CHECKSUM TABLE t"
        + " EXTENDED`, %d interleaved pairs: median **%.2f×** (%s)%n", cpu.size(), median(cpu), ratioList(cpu)));
    md.append("\nChecksum SQL: `").append(checksumSql).append("`\n");
    md.append("\nChecksum values seen: DataChecks ").append(sum.values).append(", CHECKSUM TABLE EXTENDED ")
        .append(native_.values).append("\n\n");
    return md.toString();
  }

  private static String ratioList(List<Double> ratios) {
    List<String> out = new ArrayList<>();
    ratios.forEach(r -> out.add(String.format(Locale.ROOT, "%.2f", r)));
    return String.join(", ", out);
  }

  // ---------------------------------------------------------------- helpers

  private static Database open(String url, String user) throws Exception {
    return Database.open(new TargetSpec("bench", url, user, null, EnvironmentClass.SANDBOX), null,
        Path.of("target"), false);
  }

  private static String scratchName() {
    return "bs_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static double time(Series s, Op op) throws Exception {
    long start = System.nanoTime();
    op.run();
    double ms = (System.nanoTime() - start) / 1e6;
    s.ms.add(ms);
    return ms;
  }

  private static void ratios(double floor, Series... series) {
    for (Series s : series) {
      s.ratio.add(s.ms.get(s.ms.size() - 1) / floor);
    }
  }

  private static String value(CheckResult r, Series s) {
    String v = String.valueOf(r.value());
    s.values.add(v);
    s.detail = r.detail();
    return v;
  }

  private static void progress(int rep, Series... series) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "    rep %d:", rep));
    for (Series s : series) {
      sb.append(String.format(Locale.ROOT, " %.0f ms", s.ms.get(s.ms.size() - 1)));
    }
    System.out.println(sb);
  }

  private static String table(List<Series> series) {
    StringBuilder sb = new StringBuilder("| operation | median | min–max | × count(*) |\n|---|---:|---:|---:|\n");
    for (Series s : series) {
      double min = s.ms.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      double max = s.ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      sb.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f–%.0f | %.1f× |%n", s.label, s.median(), min, max,
          s.medianRatio()));
    }
    return sb.toString();
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Runs {@code query} (after {@code setup} statements on the same connection) and reads its first column. */
  private static String sql(Database target, String query, String... setup) throws SQLException {
    try (Connection c = target.connection(); Statement st = c.createStatement()) {
      for (String s : setup) {
        st.execute(s);
      }
      try {
        if (!st.execute(query)) {
          return null;
        }
        try (ResultSet rs = st.getResultSet()) {
          return rs.next() ? rs.getString(1) : null;
        }
      } finally {
        if (setup.length > 0 && target.dialect() == backstep.db.Dialect.POSTGRES) {
          st.execute("RESET ALL");
        }
      }
    }
  }

  /**
   * CPU seconds the server spent on the checksum's SQL over those it spent on {@code CHECKSUM TABLE t EXTENDED}, one
   * ratio per interleaved pair, read from {@code information_schema.PROFILING} on one connection.
   */
  private static List<Double> serverCpuRatios(Database target, String checksumSql) throws SQLException {
    List<Double> out = new ArrayList<>();
    try (Connection c = target.connection(); Statement st = c.createStatement()) {
      st.execute("SET profiling = 1");
      st.execute("SET profiling_history_size = 10");
      for (int rep = 0; rep < REPS; rep++) {
        st.executeQuery("CHECKSUM TABLE t EXTENDED").close();
        double nativeCpu = lastProfiledCpu(st, "CHECKSUM TABLE t EXTENDED");
        st.executeQuery(checksumSql).close();
        out.add(lastProfiledCpu(st, checksumSql) / nativeCpu);
      }
      st.execute("SET profiling = 0");
    }
    return out;
  }

  /** The CPU seconds of the latest profiled statement that starts like {@code sql} ({@code SHOW PROFILES}). */
  private static double lastProfiledCpu(Statement st, String sql) throws SQLException {
    long id = -1;
    try (ResultSet rs = st.executeQuery("SHOW PROFILES")) {
      while (rs.next()) {
        if (rs.getString("Query").startsWith(sql.substring(0, 20))) {
          id = Math.max(id, rs.getLong("Query_ID"));
        }
      }
    }
    try (ResultSet rs = st.executeQuery("SELECT SUM(CPU_USER + CPU_SYSTEM) FROM information_schema.PROFILING"
        + " WHERE QUERY_ID = " + id)) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  private static String sqlValue(Database target, String query, int column) throws SQLException {
    try (Connection c = target.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      return rs.next() ? rs.getString(column) : null;
    }
  }

  private static String one(Connection c, String query) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Runs the statements on a new connection to {@code url}, then closes it. */
  private static void admin(String url, String user, String password, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      exec(c, statement);
    }
  }

  private static void exec(Connection c, String... statements) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String s : statements) {
        long start = System.nanoTime();
        st.execute(s);
        if (s.length() > 40) {
          System.out.printf(Locale.ROOT, "    %.1f s  %s…%n", (System.nanoTime() - start) / 1e9,
              s.substring(0, 40));
        }
      }
    }
  }
}
