package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import backstep.playbook.DialectFamily;
import backstep.testing.Cli;
import backstep.testing.PgCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a history walk costs the target in durable commits (each one a WAL flush; on an ordinary disk a few
 * milliseconds, so on a history of quick DDL they are most of a migration's time). Counted as transaction ids
 * assigned, on a scratch cluster of its own (autovacuum off: nothing else writes there). Regression for issue 13:
 * a one-step migration cost nine commits (run row, RUN_STARTED, run fingerprint, FINGERPRINT event, step
 * fingerprint, the step, run state, RUN_APPLIED, chain head); a run's state with its event and the chain head, and
 * a new run with its RUN_STARTED event, are now one transaction each.
 */
class HistoryCommitsIT {
  @TempDir
  Path dir;

  /**
   * Durable commits a one-step migration of a walk may cost on the target: nine before the walk was batched, five
   * once its grouped writes were one transaction each, about four (the walk's first migration five) once a run
   * handed its "before" stored it with its start.
   */
  static final double BUDGET = 4.5;

  /**
   * Statements a one-step migration of a walk may send, as pg_stat_statements counts them (BEGIN and COMMIT
   * included): 57.7 with every ledger write committed on its own, 61 once the grouped writes added their BEGIN and
   * COMMIT, 59 once the walk stopped asking the ledger, before each migration, for unsettled runs and for an earlier
   * applied run of it, 44 once a migration's last step read the next migration's full "before" fingerprint as its
   * own "after" (one catalog read a migration instead of two: eight catalog statements and a savepoint's fewer),
   * 38.9 (46.0 just before) once a run's rows that belong together (its row with RUN_STARTED, its fingerprint with
   * FINGERPRINT, its state with its event and the chain head) each went as one statement, without a BEGIN and COMMIT
   * of their own.
   */
  static final int STATEMENTS = 40;

  @Test
  void aWalkCommitsAtMostItsBudgetPerMigration() throws Exception {
    assumeTrue(PgCluster.unavailable() == null, PgCluster.unavailable());
    List<Migration> ms = new ArrayList<>();
    int n = 8;
    for (int i = 1; i <= n; i++) {
      String sql = "CREATE TABLE t" + i + " (id int PRIMARY KEY, v text);";
      ms.add(new Migration(String.valueOf(i), "t" + i, "V" + i + "__t" + i + ".sql", 1, "ana", "crc32:" + i, false,
          Map.of(DialectFamily.POSTGRESQL, sql), Map.of(DialectFamily.POSTGRESQL, "DROP TABLE t" + i + ";"),
          Map.of(), List.of()));
    }
    Path history = dir.resolve("history");
    HistoryWriter.write(new ImportResult("flyway", Path.of("db/migration"), "tables", Set.of(DialectFamily.POSTGRESQL),
        ms, List.of(), List.of()), history, true, Instant.now());
    try (PgCluster pg = PgCluster.start("autovacuum = off\nshared_preload_libraries = 'pg_stat_statements'")) {
      try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE walk");
      }
      String[] target = {"--url", pg.url("walk"), "--user", "postgres", "--environment", "sandbox", "-y"};
      // the first migration creates the ledger; the walk measured is the other seven, on a ledger that exists
      Cli.Result first = Cli.run(args(history, "1", target));
      assertEquals(0, first.exit(), first.toString());
      try (Connection c = pg.connect("walk"); Statement st = c.createStatement()) {
        st.execute("CREATE EXTENSION pg_stat_statements");
        st.execute("SELECT pg_stat_statements_reset()");
      }
      long before = xid(pg);
      Cli.Result rest = Cli.run(args(history, null, target));
      long after = xid(pg);
      long statements = statements(pg);
      assertEquals(0, rest.exit(), rest.toString());
      assertTrue(rest.out().contains("7 migration(s) applied"), rest.toString());
      long commits = after - before - 1; // the second txid_current() takes one itself
      assertTrue(commits <= BUDGET * (n - 1), "a walk of " + (n - 1) + " one-step migrations committed "
          + commits + " transactions on the target (" + String.format(java.util.Locale.ROOT, "%.2f",
          commits / (double) (n - 1)) + " a migration; budget " + BUDGET + ")");
      assertTrue(statements <= (long) STATEMENTS * (n - 1), "a walk of " + (n - 1) + " one-step migrations sent "
          + statements + " statements to the target (" + String.format(java.util.Locale.ROOT, "%.1f",
          statements / (double) (n - 1)) + " a migration; budget " + STATEMENTS + ")");
    }
  }

  private static String[] args(Path history, String to, String[] target) {
    List<String> a = new ArrayList<>(List.of("apply", history.toString()));
    if (to != null) {
      a.addAll(List.of("--to", to));
    }
    a.addAll(List.of(target));
    return a.toArray(new String[0]);
  }

  /** Statements the walk's sessions sent to the target's database, as pg_stat_statements counts them. */
  private static long statements(PgCluster pg) throws Exception {
    try (Connection c = pg.connect("walk"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d"
            + " ON d.oid = s.dbid WHERE d.datname = 'walk' AND s.query NOT LIKE '%txid_current%'"
            + " AND s.query NOT LIKE '%pg_stat_statements%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long xid(PgCluster pg) throws Exception {
    try (Connection c = pg.connect("walk"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT txid_current()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
