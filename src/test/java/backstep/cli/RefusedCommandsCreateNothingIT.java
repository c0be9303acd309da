package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 4): an unconfirmed production apply ("nothing was changed"), a resume with nothing
 * to resume and a rollback of an unknown run created the ledger schema. Nothing is created until a change starts.
 */
class RefusedCommandsCreateNothingIT {
  private static List<String> target(ScratchDb db, String environment) {
    return List.of("--url", db.url(), "--user", db.user(), "--environment", environment, "--name", db.name());
  }

  private static Cli.Result run(ScratchDb db, String environment, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(target(db, environment));
    return Cli.run(all.toArray(new String[0]));
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void refusedAndInvalidCommandsLeaveNoLedgerBehind(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result apply = run(db, "production", "apply", "playbooks/add-email-verified.yaml");
      assertEquals(5, apply.exit(), apply.toString());
      assertFalse(ledgerExists(db), "an unconfirmed production apply created the ledger");

      Cli.Result resume = run(db, "sandbox", "resume");
      assertEquals(2, resume.exit(), resume.toString());
      assertFalse(ledgerExists(db), "resume with nothing to resume created the ledger");

      Cli.Result rollback = run(db, "sandbox", "rollback", "--run", "nosuch");
      assertEquals(2, rollback.exit(), rollback.toString());
      assertFalse(ledgerExists(db), "rollback --run nosuch created the ledger");
    }
  }

  private static boolean ledgerExists(ScratchDb db) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        db.kind() == ScratchDb.Kind.POSTGRES
            ? "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'backstep'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND table_name LIKE 'backstep%'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }
}
