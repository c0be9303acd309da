package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A destructive step with a recovery point: drop a column, roll back, every original value is back. */
class RecoveryPointIT {
  @TempDir
  Path dir;

  static final String PLAYBOOK = """
      id: drop-full-name
      title: Drop customers.full_name, with a recovery point
      intent: the contract phase of a column split
      checks:
        - name: names restored exactly
          sql:
            postgresql: SELECT sum(hashtext(id::text || ':' || full_name)::bigint) FROM customers
            mysql: SELECT sum(crc32(concat(id, ':', full_name))) FROM customers
          expect_same_as: before
          when: [after_rollback]
      steps:
        - id: keep-names
          kind: snapshot
          title: Recovery point for customers.full_name
          table: customers
          key: [id]
          columns: [full_name]
        - id: drop-full-name
          kind: sql
          title: Drop full_name
          forward: ALTER TABLE customers DROP COLUMN full_name
          rollback:
            postgresql: |
              ALTER TABLE customers ADD COLUMN full_name VARCHAR(200);
              UPDATE customers c SET full_name = r.full_name FROM ${recovery.keep-names} r WHERE r.id = c.id;
              ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
            mysql: |
              ALTER TABLE customers ADD COLUMN full_name VARCHAR(200) NULL AFTER id;
              UPDATE customers c JOIN ${recovery.keep-names} r ON r.id = c.id SET c.full_name = r.full_name;
              ALTER TABLE customers MODIFY full_name VARCHAR(200) NOT NULL;
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}'
                AND table_name = 'customers' AND column_name = 'full_name'
              expect: 0
      """;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void droppedColumnValuesAreRestoredFromTheRecoveryPoint(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("drop-full-name.yaml");
    Files.writeString(pb, PLAYBOOK);
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      Cli.Result apply = Cli.on(db, "apply", pb.toString(), "--yes");
      assertEquals(0, apply.exit(), apply::toString);
      Cli.Result list = Cli.on(db, "recovery", "list");
      assertEquals(0, list.exit(), list::toString);
      assertTrue(list.out().contains("20000 rows") && list.out().contains("keep-names"), list::toString);

      Cli.Result back = Cli.on(db, "rollback", "--yes", "--json");
      assertEquals(0, back.exit(), back::toString);
      assertTrue(back.out().contains("\"name\" : \"names restored exactly\""), back::toString);
      assertTrue(!back.out().contains("\"passed\" : false"), "every original value is back: " + back);
      assertTrue(back.out().contains("recovery point kept"), back::toString);

      String name = list.out().lines().filter(l -> l.contains("keep-names")).findFirst().orElseThrow().trim()
          .split("\\s+")[0];
      Cli.Result drop = Cli.on(db, "recovery", "drop", name, "--yes");
      assertEquals(0, drop.exit(), drop::toString);
      assertTrue(Cli.on(db, "recovery", "list").out().contains("dropped"), "the ledger remembers the drop");
    }
  }

  @ParameterizedTest
  @EnumSource(value = ScratchDb.Kind.class, names = "POSTGRES")
  void aRecoveryPointChangedAfterItWasTakenIsRefused(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("drop-full-name.yaml");
    Files.writeString(pb, PLAYBOOK);
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      assertEquals(0, Cli.on(db, "apply", pb.toString(), "--yes").exit());
      try (var c = db.connect(); var rs = c.createStatement().executeQuery(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'backstep_recovery'")) {
        rs.next();
        db.exec("UPDATE backstep_recovery." + rs.getString(1) + " SET full_name = 'Mallory' WHERE id = 1");
      }
      Cli.Result back = Cli.on(db, "rollback", "--yes");
      assertEquals(1, back.exit(), back::toString);
      assertTrue(back.out().contains("changed since it was taken"), back::toString);
    }
  }
}
