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

  /** A playbook that names its own seed file is rehearsed from it, per SQL family, unless an option says otherwise. */
  @ParameterizedTest(name = "seed: from the playbook on {0}")
  @org.junit.jupiter.params.provider.EnumSource(ScratchDb.Kind.class)
  void aPlaybookSeedFileIsWhereTheRehearsalStarts(ScratchDb.Kind kind) throws Exception {
    Files.writeString(dir.resolve("ledger-seed.sql"), """
        CREATE TABLE accounts (id INT PRIMARY KEY, balance_cents BIGINT NOT NULL);
        INSERT INTO accounts VALUES (1, 100), (2, 250), (3, 0);
        """);
    Path pb = dir.resolve("accounts-note.yaml");
    Files.writeString(pb, """
        id: accounts-note
        title: Add accounts.note
        intent: a note per account
        seed: ledger-seed.sql
        steps:
          - id: add-note
            kind: sql
            title: Add accounts.note
            forward: ALTER TABLE accounts ADD COLUMN note VARCHAR(40)
            rollback: ALTER TABLE accounts DROP COLUMN note
            verify:
              - sql: >
                  SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}'
                  AND table_name = 'accounts' AND column_name = 'note'
                expect: 1
        """);
    try (ScratchDb db = ScratchDb.create(kind)) {
      List<String> args = new ArrayList<>(List.of("rehearse", pb.toString()));
      args.addAll(server(db));
      Cli.Result r = Cli.run(args.toArray(new String[0]));
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.out().contains("2 statement(s) from the seed file"), r::toString);

      args.add("--empty"); // an option wins: the playbook's table is then missing
      Cli.Result empty = Cli.run(args.toArray(new String[0]));
      assertEquals(1, empty.exit(), empty::toString);

      Files.delete(dir.resolve("ledger-seed.sql"));
      args.remove("--empty");
      Cli.Result missing = Cli.run(args.toArray(new String[0]));
      assertEquals(2, missing.exit(), missing::toString);
      assertTrue(missing.err().contains("accounts-note.yaml: seed: cannot read")
          && missing.err().contains("ledger-seed.sql (no such file)"), missing::toString);
    }
  }
}
