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

/** A team tightens its targets.yaml policy; the engine asks for what it names and the ledger says which rule held. */
class PolicyIT {
  @TempDir
  Path dir;

  private Path targets(ScratchDb db, String user, String policy) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, """
        targets:
          stage-orders:
            url: %s
            user: %s
            environment: staging
        """.formatted(db.url(), user) + policy);
    return f;
  }

  @Test
  void stagingApplyNeedsASecondApproverWhenThePolicySaysSo() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path f = targets(db, "postgres", """
          policy:
            staging: {apply: [second_approver]}
          """);
      String[] on = {"--targets", f.toString(), "--target", "stage-orders"};
      assertEquals(0, Cli.run(cat(new String[] {"seed"}, on)).exit());
      String pb = "playbooks/add-orders-status-index.yaml";

      Cli.Result alone = Cli.run(cat(cat(new String[] {"apply", pb, "--yes", "--operator", "ana"}, on)));
      assertEquals(5, alone.exit(), alone::toString);
      assertTrue(alone.err().contains("a staging change needs a second person's approval (--approver NAME) under "
          + "policy staging.apply (targets.yaml:7); nothing was changed"), alone::toString);

      Cli.Result self = Cli.run(cat(new String[] {"apply", pb, "--operator", "ana", "--approver", "ANA"}, on));
      assertEquals(5, self.exit(), self::toString);
      assertTrue(self.err().contains("someone other than the operator"), self::toString);

      Cli.Result ok = Cli.run(cat(new String[] {"apply", pb, "--operator", "ana", "--approver", "bob"}, on));
      assertEquals(0, ok.exit(), "no --yes needed: the policy asks for an approver only: " + ok);
      try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT r.approver, e.detail FROM backstep.run r JOIN backstep.event e ON e.run_id = r.run_id "
              + "WHERE e.event_type = 'RUN_STARTED'")) {
        assertTrue(rs.next());
        assertEquals("bob", rs.getString(1));
        assertTrue(rs.getString(2).contains("\"approver\":\"bob\",\"policy\":{\"rule\":\"staging.apply\","
            + "\"gates\":[\"second_approver\"],\"from\":\"targets.yaml:7\"}"), rs.getString(2));
      }
      Cli.Result back = Cli.run(cat(new String[] {"rollback", pb, "--yes", "--operator", "ana"}, on));
      assertEquals(0, back.exit(), "rollback keeps the built-in staging rule: " + back);
      Cli.Result audit = Cli.run(cat(new String[] {"audit", "verify"}, on));
      assertEquals(0, audit.exit(), audit::toString);
    }
  }

  @Test
  void aLoosenedProductionPolicyIsRefusedBeforeAnythingConnects() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      Path f = targets(db, "postgres", """
          policy:
            production:
              apply: [typed_confirmation]
          """);
      Cli.Result r = Cli.run("apply", "playbooks/add-orders-status-index.yaml", "--targets", f.toString(),
          "--target", "stage-orders", "--yes");
      assertEquals(2, r.exit(), r::toString);
      assertTrue(r.err().contains(f + ":8:12 policy.production.apply: a policy can only tighten production"),
          r::toString);
      assertTrue(r.err().contains("1 problem(s) in " + f + "; nothing was changed."), r::toString);
    }
  }

  @Test
  void onMariaDbARollbackCanBeMadeToNeedAReason() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      Path f = targets(db, "root", """
          policy:
            staging:
              rollback: [confirmation, reason]
          """);
      String[] on = {"--targets", f.toString(), "--target", "stage-orders", "--yes", "--operator", "ana"};
      assertEquals(0, Cli.run("seed", "--targets", f.toString(), "--target", "stage-orders").exit());
      String pb = "playbooks/add-orders-status-index.yaml";
      Cli.Result apply = Cli.run(cat(new String[] {"apply", pb}, on));
      assertEquals(0, apply.exit(), apply::toString);

      Cli.Result noReason = Cli.run(cat(new String[] {"rollback", pb}, on));
      assertEquals(5, noReason.exit(), noReason::toString);
      assertTrue(noReason.err().contains("policy staging.rollback (targets.yaml:8) needs a reason for the ledger "
          + "(--reason TEXT)"), noReason::toString);

      Cli.Result back = Cli.run(cat(new String[] {"rollback", pb, "--reason", "INC-42 checkout errors"}, on));
      assertEquals(0, back.exit(), back::toString);
      try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT detail FROM backstep_event WHERE event_type = 'ROLLBACK_STARTED'")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).contains("\"reason\":\"INC-42 checkout errors\",\"policy\":{\"rule\":"
            + "\"staging.rollback\",\"gates\":[\"confirmation\",\"reason\"]"), rs.getString(1));
      }
    }
  }

  static String[] cat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
