package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CI's question — is this migration safely reversible? — answered on real servers: every sample passes
 * rehearsal; a rollback that leaves an index, a column or a constraint behind, or loses rows, fails it, and the
 * report names the difference.
 */
class RehearseIT {
  @TempDir
  Path dir;

  static List<Arguments> good() {
    List<Arguments> out = new ArrayList<>();
    for (ScratchDb.Kind k : ScratchDb.Kind.values()) {
      for (String p : List.of("add-email-verified", "add-orders-status-index", "split-customer-name")) {
        out.add(Arguments.of(k, p));
      }
    }
    return out;
  }

  static List<Arguments> broken() {
    List<Arguments> out = new ArrayList<>();
    for (ScratchDb.Kind k : ScratchDb.Kind.values()) {
      out.add(Arguments.of(k, "leaves-index", "index orders_created_idx"));
      out.add(Arguments.of(k, "leaves-column", "column customers.nickname"));
      out.add(Arguments.of(k, "leaves-constraint", "orders_total_positive"));
      out.add(Arguments.of(k, "loses-rows", "table orders"));
    }
    return out;
  }

  /** The server to rehearse on: the scratch database's server, reached through its URL. */
  private static List<String> server(ScratchDb db) {
    return db.cliArgs();
  }

  @ParameterizedTest(name = "{1} on {0} passes rehearsal")
  @MethodSource("good")
  void everySamplePassesRehearsal(ScratchDb.Kind kind, String playbook) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path junit = dir.resolve("junit.xml");
      List<String> args = new ArrayList<>(List.of("rehearse", "playbooks/" + playbook + ".yaml", "--idempotence",
          "--junit", junit.toString()));
      args.addAll(server(db));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("PASSED"), r::toString);
      assertTrue(r.out().contains("equal the starting fingerprint exactly"), r::toString);
      String xml = Files.readString(junit);
      assertTrue(xml.contains("failures=\"0\"") && xml.contains("name=\"idempotent\""), xml);
    }
  }

  @ParameterizedTest(name = "{1} on {0} fails rehearsal naming {2}")
  @MethodSource("broken")
  void aRollbackThatDoesNotRestoreFailsRehearsal(ScratchDb.Kind kind, String playbook, String named)
      throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      List<String> args = new ArrayList<>(List.of("rehearse", "src/test/resources/broken/" + playbook + ".yaml"));
      args.addAll(server(db));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(1, r.exit(), r::toString);
      assertTrue(r.out().contains("✖ restored"), r::toString);
      assertTrue(r.out().contains(named), "the difference is named: " + r);
    }
  }
}
