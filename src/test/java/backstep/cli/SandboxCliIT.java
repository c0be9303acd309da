package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zero setup: every sample playbook applies and rolls back on the embedded sandbox with no configuration. */
class SandboxCliIT {
  @TempDir
  static Path home;

  @BeforeAll
  static void useTemporaryHome() {
    System.setProperty("backstep.home", home.toString());
  }

  @AfterAll
  static void restoreHome() {
    System.clearProperty("backstep.home");
  }

  @Test
  void everySampleAppliesAndRollsBackOnTheSandbox() {
    for (String p : new String[] {"add-email-verified", "add-orders-status-index", "split-customer-name"}) {
      Cli.Result apply = Cli.run("apply", "playbooks/" + p + ".yaml", "--target", "sandbox", "--yes");
      assertEquals(0, apply.exit(), apply::toString);
      Cli.Result back = Cli.run("rollback", "playbooks/" + p + ".yaml", "--target", "sandbox", "--yes");
      assertEquals(0, back.exit(), back::toString);
      assertTrue(back.out().contains("ROLLED BACK"), back::toString);
    }
    Cli.Result failing = Cli.run("apply", "playbooks/dedupe-customers-fails.yaml", "--yes");
    assertEquals(1, failing.exit(), "sandbox is the default target; the failing sample fails: " + failing);
    Cli.Result back = Cli.run("rollback", "playbooks/dedupe-customers-fails.yaml", "--yes");
    assertEquals(0, back.exit(), back::toString);
    Cli.Result status = Cli.run("status");
    assertEquals(0, status.exit(), status::toString);
    assertTrue(status.out().contains("dedupe-customers-fails v1 — ROLLED BACK"), status::toString);
  }

  @Test
  void theDemoRunsForwardAndBack() {
    Cli.Result demo = Cli.run("demo");
    assertEquals(0, demo.exit(), demo::toString);
    assertTrue(demo.out().contains("APPLIED") && demo.out().contains("ROLLED BACK"), demo::toString);
  }
}
