package backstep.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.PgCluster;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Param;
import backstep.traffic.TrafficProfile.Role;
import backstep.traffic.TrafficProfile.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pgbench run on a scratch cluster that preloads pg_stat_statements is captured into a profile; the profile keeps
 * no value of the source; replayed on the same database, a second capture of the replay shows the captured rate and
 * read/write mix within 10 %.
 */
class TrafficProfilePgIT {
  private static final Path PGBENCH = Path.of("/usr/lib/postgresql/15/bin/pgbench");

  @TempDir
  Path dir;

  @Test
  void aCapturedPgbenchProfileReplaysWithinTenPercentOfItsRateAndMix() throws Exception {
    Assumptions.assumeTrue(PgCluster.unavailable() == null, PgCluster::unavailable);
    Assumptions.assumeTrue(Files.isExecutable(PGBENCH), "no pgbench");
    try (PgCluster pg = PgCluster.start("shared_preload_libraries = 'pg_stat_statements'")) {
      try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE bench");
      }
      try (Connection c = pg.connect("bench"); Statement st = c.createStatement()) {
        st.execute("CREATE EXTENSION pg_stat_statements");
      }
      pgbench(pg, "-i", "-s", "1", "-q", "bench").waitFor(120, TimeUnit.SECONDS);
      String secret = "9876543";
      try (Connection c = pg.connect("bench"); Statement st = c.createStatement()) {
        st.execute("UPDATE pgbench_accounts SET filler = 'confidential-" + secret + "' WHERE aid <= 10");
        st.execute("SELECT aid FROM pgbench_accounts WHERE filler = 'confidential-" + secret + "'");
      }

      // pgbench: 60 transactions/s, one tpcb-like to two select-only
      Process bench = pgbench(pg, "-c", "2", "-j", "1", "-T", "22", "-R", "60", "-b", "tpcb-like@1", "-b",
          "select-only@2", "bench");
      Path captured = dir.resolve("pgbench.profile.yaml");
      Cli.Result cap;
      try {
        awaitTransactions(pg); // both clients at work (was a fixed 3 s)
        cap = capture(pg, captured, 15);
      } finally {
        bench.destroy(); // -T 22 only bounds it: the capture is what needs it, and it is done
        bench.waitFor(60, TimeUnit.SECONDS);
      }
      awaitSessions(pg, 0); // none of its statements is left to count in the replay's capture
      assertEquals(0, cap.exit(), cap::toString);
      String text = Files.readString(captured);
      assertFalse(text.contains(secret), "a value of the source is in the profile:\n" + text);
      assertFalse(text.contains("confidential"), "a value of the source is in the profile:\n" + text);
      TrafficProfile p = ProfileFile.load(captured);
      System.out.println(cap.out());
      Shape update = shape(p, "UPDATE pgbench_accounts");
      assertEquals(Kind.WRITE, update.kind());
      Param aid = update.params().stream().filter(x -> "pgbench_accounts.aid".equals(x.column())).findFirst()
          .orElseThrow(() -> new AssertionError("aid not found in " + update));
      assertEquals(Role.MATCH, aid.role());
      assertEquals(TrafficProfile.ParamType.INTEGER, aid.type());
      assertNotNull(aid.stats());
      assertEquals(Kind.READ, shape(p, "SELECT abalance FROM pgbench_accounts").kind());
      assertTrue(p.rate() > 60, "pgbench ran about 140 statements/s: " + p.rate());

      // replay it for 20 s and capture 12 s of the replay, from its first second at the profile's rate
      try (Connection c = pg.connect("bench"); Statement st = c.createStatement()) {
        st.execute("SELECT pg_stat_statements_reset()");
      }
      try (Connection c = pg.connect("bench"); Statement st = c.createStatement()) {
        ReplayCheck.replaysWithinTenPercent(captured, dir, pg.url("bench"), "postgres", 20, () -> count(st,
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"), 12);
      }
    }
  }

  /** Waits until both pgbench clients are connected and a transaction has run, so the capture starts on the load. */
  private static void awaitTransactions(PgCluster pg) throws Exception {
    awaitSessions(pg, 2);
    try (Connection c = pg.connect("bench"); Statement st = c.createStatement()) {
      // pgbench's own UPDATE (the test's UPDATE of filler above is counted too: it is not this one)
      org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> count(st, "SELECT coalesce(sum(calls), 0)"
          + " FROM pg_stat_statements WHERE query LIKE 'UPDATE pgbench_accounts SET abalance%'") > 0);
    }
  }

  /** Waits until the server has {@code n} pgbench sessions. */
  private static void awaitSessions(PgCluster pg, int n) throws Exception {
    try (Connection c = pg.connect("bench"); Statement st = c.createStatement()) {
      org.testfx.util.WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () ->
          count(st, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'") == n);
    }
  }

  private static long count(Statement st, String sql) throws java.sql.SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Cli.Result capture(PgCluster pg, Path out, int seconds) {
    return Cli.run("traffic", "capture", "--url", pg.url("bench"), "--user", "postgres", "--seconds",
        Integer.toString(seconds), "-o", out.toString());
  }

  private static Shape shape(TrafficProfile p, String start) {
    return p.shapes().stream().filter(s -> s.sql().startsWith(start)).findFirst().orElseThrow(() ->
        new AssertionError("no shape starting '" + start + "' in " + p.shapes()));
  }

  private static Process pgbench(PgCluster pg, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PGBENCH.toString(), "-h", "127.0.0.1", "-p",
        Integer.toString(pg.port()), "-U", "postgres"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p;
  }

}
