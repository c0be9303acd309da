package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.engine.Engine;
import backstep.engine.RunListener;
import backstep.engine.Sleeper;
import backstep.ledger.DrillAttempts;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.PlaybookLoader;
import backstep.report.DrillDebrief;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample drill runs headless end to end on a scratch database (the sandbox drills on the local PostgreSQL
 * for speed, the MariaDB drill on the local MariaDB): faults fire, the automated response happens, the target
 * comes back, no committed write is lost, the score is complete and ordered, the debrief is written and the
 * attempt is in the ledger.
 */
class DrillsIT {
  private static long count(Connection c, String sql) throws java.sql.SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @TempDir
  Path reports;

  /**
   * Regression: the kill used to land before the first batch committed, leaving nothing half-done to recover.
   * With {@code after_statements: N} at least N batches have committed (the engine said so) before the fault
   * fires, the timeline says how many, and the rollback still loses no committed write (asserted by the caller).
   */
  private static void assertKilledAfterCommittedBatches(DrillResult r, int after, List<Instant> committed,
      String why) {
    TimelineEvent fault = r.timeline().stream().filter(e -> e.kind() == TimelineEvent.Kind.FAULT).findFirst()
        .orElseThrow();
    assertTrue(fault.text().contains("killed the step's connection"), why);
    long before = committed.stream().filter(t -> !t.isAfter(fault.at())).count();
    assertTrue(before >= after, before + " batches committed before the kill, expected ≥ " + after + "\n" + why);
    int counted = r.timeline().indexOf(r.timeline().stream().filter(e -> e.text().contains("'backfill': " + after
        + " statement(s)/batch(es) finished")).findFirst().orElseThrow(() -> new AssertionError(why)));
    assertTrue(counted < r.timeline().indexOf(fault), "the count comes before the fault: " + why);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lock-pileup, POSTGRES, APPLIED", "failed-backfill, POSTGRES, ROLLED_BACK",
      "corrupted-backfill, POSTGRES, ROLLED_BACK", "latency-regression, POSTGRES, ROLLED_BACK",
      "connection-lost-mariadb, MARIADB, ROLLED_BACK"})
  void sampleDrillRunsHeadlessWithAFullScore(String name, ScratchDb.Kind kind, String finalState) throws Exception {
    Drill drill = new DrillLoader().load(Path.of("drills", name + ".yaml"));
    try (ScratchDb scratch = ScratchDb.create(kind)) {
      try (Connection c = scratch.connect()) {
        DemoSchema.seed(c, kind == ScratchDb.Kind.POSTGRES ? org.jooq.SQLDialect.POSTGRES
            : org.jooq.SQLDialect.MARIADB, false);
      }
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      List<Instant> committed = new CopyOnWriteArrayList<>();
      RunListener batches = new RunListener() {
        @Override
        public void statementDone(String stepId, int done, int total, long rows, Duration took) {
          if (done == 0 && total == 0) { // a batch of a batched statement has committed
            committed.add(Instant.now());
          }
        }
      };
      try (Database db = scratch.open()) {
        DrillResult r = new DrillRunner(engine, Clock.systemUTC()).run(drill,
            new PlaybookLoader(null).load(drill.playbook()), db, new DrillRunner.Options("ana",
                DrillRunner.Options.headless("ana").decisions(), true, batches), null);
        String why = String.join("\n", r.timeline().stream().map(e -> e.at() + " " + e.kind() + " " + e.source()
            + ": " + e.text()).toList()) + "\n" + r.score();
        assertEquals(finalState, r.finalState().name(), why);
        DrillScore s = r.score();
        assertNotNull(s.incidentAt(), why);
        assertNotNull(s.detect(), why);
        assertNotNull(s.decide(), why);
        assertNotNull(s.restore(), why);
        assertTrue(s.detect().compareTo(s.decide()) <= 0 && s.decide().compareTo(s.restore()) <= 0,
            "detect ≤ decide ≤ restore: " + why);
        assertTrue(s.expectedResponse(), why);
        assertEquals(0, r.lostWrites().lost(), () -> r.lostWrites().toString());
        assertTrue(r.lostWrites().checked() > 0, "the workload wrote and the check looked: " + r.lostWrites());
        assertTrue(r.automatic());
        assertTrue(r.passed(), why);
        assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEvent.Kind.FAULT) || drill.faults()
            .isEmpty(), why);
        int after = drill.faults().isEmpty() ? 0 : drill.faults().get(0).timing().afterStatements();
        if (after > 0) {
          assertKilledAfterCommittedBatches(r, after, committed, why);
        }
        List<Path> written = DrillDebrief.write(r, reports);
        for (Path p : written) {
          assertTrue(Files.size(p) > 0, p::toString);
        }
        assertTrue(Files.readString(reports.resolve("debrief.html")).contains("data:image/png;base64,"));
        try (Connection c = db.connection()) {
          List<DrillAttempts.Attempt> attempts = new DrillAttempts(db).list(c, drill.id());
          assertEquals(1, attempts.size());
          assertTrue(attempts.get(0).passed());
          List<EventRecord> ev = new Ledger(db).events(c, r.runId());
          assertTrue(ev.stream().anyMatch(e -> e.type().equals("DRILL_SCORED")), ev::toString);
          assertTrue(new Ledger(db).verifyChain(c).intact());
          assertEquals(0, count(c, kind == ScratchDb.Kind.POSTGRES
              ? "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'backstep_drill_fault%'"
              : "SELECT count(*) FROM information_schema.TRIGGERS WHERE TRIGGER_NAME LIKE 'backstep_drill_fault%'"),
              "no fault trigger outlives the drill");
          if (kind == ScratchDb.Kind.POSTGRES) {
            assertEquals(0, count(c, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name LIKE 'backstep-drill%'"), "no fault or workload session outlives the drill");
          }
        }
      }
    }
  }
}
