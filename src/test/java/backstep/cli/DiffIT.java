package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Environment parity and drift: two databases that differ by an index, a column type and a foreign key. */
class DiffIT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void listsExactlyTheThreeDifferences(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb a = ScratchDb.seeded(kind); ScratchDb b = ScratchDb.seeded(kind)) {
      Cli.Result same = Cli.on(b, "diff", "--against-url", a.url(), "--against-user", a.user());
      assertEquals(0, same.exit(), same::toString);

      b.exec("CREATE INDEX orders_created_idx ON orders (created_at)",
          kind == ScratchDb.Kind.POSTGRES ? "ALTER TABLE orders ALTER COLUMN total_cents TYPE numeric(12,0)"
              : "ALTER TABLE orders MODIFY total_cents DECIMAL(12,0) NOT NULL",
          kind == ScratchDb.Kind.POSTGRES ? "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk"
              : "ALTER TABLE orders DROP FOREIGN KEY orders_customer_fk");
      Cli.Result diff = Cli.on(b, "diff", "--against-url", a.url(), "--against-user", a.user());
      assertEquals(1, diff.exit(), diff::toString);
      List<String> lines = diff.out().lines().filter(l -> l.startsWith("  ")).toList();
      assertEquals(3, lines.size(), diff::toString);
      assertTrue(lines.stream().anyMatch(l -> l.contains("orders_created_idx") && l.contains("unexpected")),
          diff::toString);
      assertTrue(lines.stream().anyMatch(l -> l.contains("orders.total_cents") && l.contains("type")),
          diff::toString);
      assertTrue(lines.stream().anyMatch(l -> l.contains("orders_customer_fk") && l.contains("missing")),
          diff::toString);

      Path saved = dir.resolve("a.json");
      assertEquals(0, Cli.on(a, "snapshot", "--out", saved.toString()).exit());
      Cli.Result drift = Cli.on(b, "diff", "--against", saved.toString());
      assertEquals(1, drift.exit(), drift::toString);
      assertEquals(lines, drift.out().lines().filter(l -> l.startsWith("  ")).toList(), "same answer from a file");
    }
  }

  /** Regression: a snapshot saved before functions were captured listed every function of the target as new. */
  @org.junit.jupiter.api.Test
  void aSnapshotSavedBeforeFunctionsWereCapturedDoesNotListThemAsNew() throws Exception {
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE FUNCTION order_total(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT $1 * 2'");
      Path saved = dir.resolve("now.json");
      assertEquals(0, Cli.on(db, "snapshot", "--out", saved.toString()).exit());
      com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
          backstep.playbook.Json.MAPPER.readTree(java.nio.file.Files.readString(saved));
      assertTrue(json.has("routines"), json::toString);
      json.remove("routines"); // as written by a Backstep from before 2026-11-23
      Path old = dir.resolve("old.json");
      java.nio.file.Files.writeString(old, json.toString());

      Cli.Result diff = Cli.on(db, "diff", "--against", old.toString());
      assertEquals(0, diff.exit(), diff::toString);
      assertTrue(diff.err().contains("saved before snapshots held functions and procedures; they are not compared"),
          diff::toString);
      Cli.Result current = Cli.on(db, "diff", "--against", saved.toString());
      assertEquals(0, current.exit(), current::toString);
      assertTrue(!current.err().contains("not compared"), current::toString);
    }
  }
}
