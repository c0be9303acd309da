package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a DBA needs before trusting a playbook: on a fresh PostgreSQL and a fresh MariaDB database, seed → apply →
 * rollback leaves schema and data exactly as after seed (compared with pg_dump / mysqldump, the ledger aside), and
 * applying again after the rollback works.
 */
class SamplePlaybooksIT {
  static List<Arguments> cases() {
    List<String> ok = List.of("add-email-verified", "add-orders-status-index", "split-customer-name");
    List<Arguments> out = new java.util.ArrayList<>();
    for (ScratchDb.Kind k : ScratchDb.Kind.values()) {
      for (String p : ok) {
        out.add(Arguments.of(k, p));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{1} on {0}: seed, apply, rollback restores the dump; apply again works")
  @MethodSource("cases")
  void applyThenRollbackRestoresTheDatabaseExactly(ScratchDb.Kind kind, String playbook) throws Exception {
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      List<String> before = db.dump();

      Cli.Result apply = Cli.on(db, "apply", "playbooks/" + playbook + ".yaml", "--yes", "--operator", "ana");
      assertEquals(0, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("APPLIED"), apply::toString);
      assertTrue(!db.dump().equals(before), "apply changed nothing");

      Cli.Result back = Cli.on(db, "rollback", "playbooks/" + playbook + ".yaml", "--yes", "--operator", "ana");
      assertEquals(0, back.exit(), back::toString);
      assertEquals(before, db.dump(), "rollback must leave schema and rows exactly as after seed");

      Cli.Result again = Cli.on(db, "apply", "playbooks/" + playbook + ".yaml", "--yes");
      assertEquals(0, again.exit(), again::toString);
      Cli.Result status = Cli.on(db, "status");
      assertEquals(0, status.exit(), status::toString);
      assertTrue(status.out().contains("APPLIED"), status::toString);
    }
  }

  @ParameterizedTest(name = "failing sample on {0}: apply exits 1, status explains, rollback restores the dump")
  @MethodSource("kinds")
  void theFailingSampleStopsAndRollsBackClean(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      List<String> before = db.dump();

      Cli.Result apply = Cli.on(db, "apply", "playbooks/dedupe-customers-fails.yaml", "--yes");
      assertEquals(1, apply.exit(), apply::toString);
      assertTrue(apply.out().contains("unique-name-key"), apply::toString);
      assertTrue(apply.out().toLowerCase().contains("duplicate"), "the database's own error is shown: " + apply);

      Cli.Result status = Cli.on(db, "status");
      assertEquals(3, status.exit(), "half-applied target: " + status);
      assertTrue(status.out().contains("backstep rollback"), status::toString);

      Cli.Result another = Cli.on(db, "apply", "playbooks/add-orders-status-index.yaml", "--yes");
      assertEquals(3, another.exit(), "a half-applied target refuses a new apply: " + another);
      assertTrue(another.err().contains("half-applied"), another::toString);

      Cli.Result back = Cli.on(db, "rollback", "--yes");
      assertEquals(0, back.exit(), back::toString);
      assertEquals(before, db.dump());
    }
  }

  static List<ScratchDb.Kind> kinds() {
    return List.of(ScratchDb.Kind.values());
  }
}
