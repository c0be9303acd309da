package backstep.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.engine.Engine;
import backstep.engine.Sleeper;
import backstep.ledger.DrillAttempts;
import backstep.playbook.PlaybookLoader;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample fleet drill (drills/tenant-fails-mid-wave.yaml) headless on PostgreSQL and MariaDB members: four
 * member databases created on the target's server, a workload on each, the fault fails member 3 (mid wave 1) when
 * its run starts, the fleet's all-or-none rollback brings members 1-3 back (proven) and never touches member 4; the
 * score's detect and decide are the fleet's own events, the fleet comes back, no committed write of any member is
 * lost, the attempt is kept, and the member databases are gone afterwards.
 */
class FleetDrillIT {
  private static final Path DRILL = Path.of("drills", "tenant-fails-mid-wave.yaml");

  @TempDir
  Path reports;

  @ParameterizedTest(name = "{0}")
  @EnumSource(ScratchDb.Kind.class)
  void oneMemberFailingMidWaveRollsTheWholeFleetBackAndLosesNoWrite(ScratchDb.Kind kind) throws Exception {
    Drill drill = new DrillLoader().load(DRILL);
    try (ScratchDb server = ScratchDb.create(kind); Database db = server.open()) {
      Engine engine = new Engine(Clock.systemUTC(), Sleeper.REAL, Executors.newSingleThreadExecutor());
      DrillResult r = new DrillRunner(engine, Clock.systemUTC()).run(drill,
          new PlaybookLoader(null).load(drill.playbook()), db, DrillRunner.Options.headless("ana"), null);
      String why = String.join("\n", r.timeline().stream().map(e -> e.at() + " " + e.kind() + " " + e.source()
          + ": " + e.text()).toList()) + "\n" + r.score();
      String p = kind == ScratchDb.Kind.POSTGRES ? "backstep." : "backstep_";
      List<String> members = server.rows("SELECT member, state, coalesce(proof, '-') FROM " + p + "fleet_member "
          + "ORDER BY ordinal");
      assertEquals(4, members.size(), why);
      why += "\n" + server.rows("SELECT member, preflight, coalesce(error_message, '-') FROM " + p + "fleet_member "
          + "ORDER BY ordinal");
      for (int i = 0; i < 3; i++) {
        assertTrue(members.get(i).contains(" ROLLED_BACK "), members + "\n" + why);
      }
      assertTrue(members.get(0).contains("proven") && members.get(1).contains("proven"), members.toString());
      assertTrue(members.get(3).contains(" NOT_STARTED "), "member 4 never touched: " + members);
      String third = members.get(2).split(" ")[0];
      assertEquals(List.of(third), server.rows("SELECT member FROM " + p + "fleet_event WHERE event_type = "
          + "'MEMBER_FAILED'"), "the fault's member failed, and only it");

      assertEquals("ROLLED_BACK", r.finalState().name(), why);
      DrillScore s = r.score();
      assertNotNull(s.incidentAt(), why);
      assertNotNull(s.detect(), why);
      assertNotNull(s.decide(), why);
      assertNotNull(s.restore(), why);
      assertTrue(s.detect().compareTo(s.decide()) <= 0 && s.decide().compareTo(s.restore()) <= 0,
          "detect ≤ decide ≤ restore: " + why);
      // detect and decide are measured from the fleet's own events (the first alert may only come earlier)
      Instant failed = at(server, p, "MEMBER_FAILED");
      Instant decided = at(server, p, "BUDGET_EXCEEDED");
      assertTrue(!s.incidentAt().plus(s.detect()).isAfter(failed.plusMillis(1)), why);
      assertEquals(decided.toEpochMilli(), s.incidentAt().plus(s.decide()).toEpochMilli(), 1.0, why);
      assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEvent.Kind.DECISION
          && e.source().equals("fleet") && e.text().startsWith("all or none")), why);
      assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEvent.Kind.FAULT
          && e.text().contains("on member " + third)), why);
      assertTrue(s.expectedResponse(), why);
      assertEquals(0, r.lostWrites().lost(), () -> r.lostWrites().toString());
      assertTrue(r.lostWrites().checked() > 0, "the workload wrote and the check looked: " + r.lostWrites());
      assertTrue(r.passed(), why);

      assertEquals(List.of("1"), server.rows("SELECT count(*) FROM " + p + "fleet_event WHERE event_type = "
          + "'DRILL_SCORED'"));
      try (Connection c = db.connection()) {
        List<DrillAttempts.Attempt> attempts = new DrillAttempts(db).list(c, drill.id());
        assertEquals(1, attempts.size());
        assertTrue(attempts.get(0).passed());
      }
      for (String m : members) {
        assertEquals(List.of("0"), server.rows(kind == ScratchDb.Kind.POSTGRES
            ? "SELECT count(*) FROM pg_database WHERE datname = '" + m.split(" ")[0] + "'"
            : "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + m.split(" ")[0] + "'"),
            "member database dropped after the drill");
      }
    }
  }

  @Test
  void theCliRunsTheSampleFleetDrillAndPrintsTheScore() throws Exception {
    try (ScratchDb server = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      List<String> args = new ArrayList<>(List.of("drill", "run", DRILL.toString(), "--report-dir",
          reports.toString()));
      args.addAll(server.cliArgs());
      Cli.Result run = Cli.run(args.toArray(new String[0]));
      assertEquals(0, run.exit(), run::toString);
      assertTrue(run.out().contains("Drill tenant-fails-mid-wave on") && run.out().contains("PASSED"),
          run::toString);
      assertTrue(run.err().contains("⚡ [fault] fail_statement on member"), run::toString);
      assertTrue(run.err().contains("→ [fleet] all or none"), run::toString);
    }
  }

  private static Instant at(ScratchDb db, String p, String type) throws SQLException {
    return Instant.ofEpochMilli(Long.parseLong(db.rows("SELECT at_ms FROM " + p + "fleet_event WHERE event_type = '"
        + type + "'").get(0)));
  }
}
