package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regressions: a rehearsal whose rollback failed printed no summary and exited 3 advising to resume or roll back a
 * scratch database it had already dropped; a rehearsal in which no step ran said PASSED.
 */
class RehearseProofIT {
  @TempDir
  Path dir;

  private static List<String> server(ScratchDb db) {
    return db.kind() == ScratchDb.Kind.POSTGRES
        ? List.of("--url", ScratchDb.PG_ADMIN, "--user", "postgres", "--environment", "sandbox")
        : List.of("--url", ScratchDb.MARIADB_ADMIN + "test", "--user", "root", "--environment", "sandbox");
  }

  private Cli.Result rehearse(ScratchDb db, Path pb, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("rehearse", pb.toString(), "--empty"));
    args.addAll(List.of(more));
    args.addAll(server(db));
    return Cli.run(args.toArray(new String[0]));
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aFailingRollbackStillPrintsEveryPhaseAndExits1(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path pb = dir.resolve("parcels.yaml");
      Files.writeString(pb, """
          id: parcels
          title: Parcels table
          intent: track parcels
          steps:
            - id: create-parcels
              kind: sql
              title: Create parcels
              forward: CREATE TABLE parcels (id INT PRIMARY KEY, weight_g INT)
              rollback: DROP TABLE parcel
          """);
      Cli.Result r = rehearse(db, pb);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.out().contains("FAILED"), r.out());
      assertTrue(r.out().contains("✔ forward"), r.out());
      assertTrue(r.out().contains("✖ rollback"), r.out());
      assertTrue(r.out().contains("✖ restored"), r.out());
      assertTrue(r.out().contains("table parcels: unexpected"), r.out());
      assertFalse((r.out() + r.err()).contains("backstep resume"), r.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aRehearsalInWhichNoStepRanFailsUnlessEmptyIsAllowed(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path pb = dir.resolve("drop-legacy.yaml");
      Files.writeString(pb, """
          id: drop-legacy-sessions
          title: Drop the legacy sessions table
          intent: sessions moved to the cache years ago
          steps:
            - id: drop
              kind: sql
              title: Drop legacy_sessions
              forward: DROP TABLE IF EXISTS legacy_sessions
              rollback: CREATE TABLE legacy_sessions (id INT PRIMARY KEY)
              verify:
                - sql:
                    postgresql: >
                      SELECT count(*) FROM information_schema.tables
                      WHERE table_schema = current_schema() AND table_name = 'legacy_sessions'
                    mysql: >
                      SELECT count(*) FROM information_schema.tables
                      WHERE table_schema = DATABASE() AND table_name = 'legacy_sessions'
                  expect: 0
          """);
      Cli.Result r = rehearse(db, pb);
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.out().contains("nothing was rehearsed"), r.out());
      Cli.Result allowed = rehearse(db, pb, "--allow-empty");
      assertEquals(0, allowed.exit(), allowed.toString());
    }
  }
}
