package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four eyes on production: apply and rollback need the target's name typed and an approver who is not the operator. */
class ProductionApprovalIT {
  @TempDir
  Path dir;

  @Test
  void refusedWithoutASecondPersonAcceptedWithOneAndTheLedgerShowsBoth() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path targets = dir.resolve("targets.yaml");
      Files.writeString(targets, """
          targets:
            prod-orders:
              url: %s
              user: postgres
              environment: production
          """.formatted(db.url()));
      String[] base = {"--targets", targets.toString(), "--target", "prod-orders", "--operator", "ana", "--yes"};
      assertEquals(0, Cli.run(concat(new String[] {"seed"}, "--targets", targets.toString(), "--target",
          "prod-orders")).exit());
      String pb = "playbooks/add-orders-status-index.yaml";

      Cli.Result noName = Cli.run(concat(new String[] {"apply", pb}, base));
      assertEquals(5, noName.exit(), "production needs the name typed: " + noName);

      Cli.Result noApprover = Cli.run(concat(new String[] {"apply", pb, "--confirm-target", "prod-orders"}, base));
      assertEquals(5, noApprover.exit(), noApprover::toString);
      assertTrue(noApprover.err().contains("second person"), noApprover::toString);

      Cli.Result self = Cli.run(concat(new String[] {"apply", pb, "--confirm-target", "prod-orders", "--approver",
          "ana"}, base));
      assertEquals(5, self.exit(), self::toString);
      assertTrue(self.err().contains("someone other than the operator"), self::toString);

      Cli.Result ok = Cli.run(concat(new String[] {"apply", pb, "--confirm-target", "prod-orders", "--approver",
          "bob", "--reason", "CAB-1234"}, base));
      assertEquals(0, ok.exit(), ok::toString);
      assertTrue(ok.err().contains("default guards for production targets"), "production runs are watched: " + ok);
      assertTrue(ok.out().contains("3 guard(s) armed"), ok::toString);
      try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT operator_name, approver FROM backstep.run")) {
        assertTrue(rs.next());
        assertEquals("ana", rs.getString(1));
        assertEquals("bob", rs.getString(2));
      }

      Cli.Result backAlone = Cli.run(concat(new String[] {"rollback", pb, "--confirm-target", "prod-orders"}, base));
      assertEquals(5, backAlone.exit(), "rollback of a production change needs the approver too: " + backAlone);
      Cli.Result back = Cli.run(concat(new String[] {"rollback", pb, "--confirm-target", "prod-orders",
          "--approver", "carol"}, base));
      assertEquals(0, back.exit(), back::toString);
      Cli.Result history = Cli.run("history", "--targets", targets.toString(), "--target", "prod-orders", "--run",
          ok.out().substring(0, ok.out().indexOf(' ')));
      assertTrue(history.out().contains("\"approver\":\"carol\""), history::toString);
      assertTrue(history.out().contains("\"reason\":\"CAB-1234\""), history::toString);
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
