package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Json;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 16): an orphan check behind a foreign key PostgreSQL enforces printed a green ✔ 0 that looked
 * like a counted zero. `verify` now says what each value rests on — counted, proved without scanning, or skipped — in
 * the text (its own mark and a basis column) and in the JSON ({@code basis}).
 */
class VerifyBasisIT {
  private static final String PLAYBOOK = """
      id: basis
      title: What each check rests on
      intent: tell a proved zero from a counted one
      checks:
        - name: no orphan orders
          orphans: all
          when: [after_rollback]
        - name: customers counted
          row_count: customers
          expect: "> 0"
          when: [after_rollback]
      steps:
        - id: nothing
          kind: sql
          title: Nothing
          transactional: true
          forward: SELECT 1
          rollback: SELECT 1
          verify:
            - sql: SELECT count(*) FROM customers
              expect: "> 0"
      """;

  @TempDir
  Path dir;

  @Test
  void anEnforcedForeignKeyReadsAsProvedNotCountedAndFullScanCounts() throws Exception {
    Path pb = dir.resolve("basis.yaml");
    Files.writeString(pb, PLAYBOOK);
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.POSTGRES)) {

      Cli.Result text = Cli.on(db, "verify", pb.toString());
      assertEquals(0, text.exit(), text::toString);
      String orphans = line(text.out(), "no orphan orders");
      assertTrue(orphans.startsWith("≡ "), "not the ✔ of a counted value: " + orphans);
      assertTrue(orphans.contains("proved without scanning"), orphans);
      String rows = line(text.out(), "customers counted");
      assertTrue(rows.startsWith("✔ ") && rows.contains(" counted "), rows);

      Map<String, String> basis = basis(Cli.on(db, "verify", pb.toString(), "--json").out());
      assertEquals(Map.of("no orphan orders", "PROVED", "customers counted", "COUNTED"), basis);

      Cli.Result scanned = Cli.on(db, "verify", pb.toString(), "--full-scan");
      String counted = line(scanned.out(), "no orphan orders");
      assertTrue(counted.startsWith("✔ ") && counted.contains(" counted "), counted);
      assertEquals("COUNTED", basis(Cli.on(db, "verify", pb.toString(), "--full-scan", "--json").out())
          .get("no orphan orders"));
    }
  }

  @Test
  void mariaDbCountsOrphansAndASchemaWithoutForeignKeysIsSkipped() throws Exception {
    Path pb = dir.resolve("basis.yaml");
    Files.writeString(pb, PLAYBOOK);
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.MARIADB)) {
      assertEquals("COUNTED", basis(Cli.on(db, "verify", pb.toString(), "--json").out()).get("no orphan orders"));

      db.exec("ALTER TABLE orders DROP FOREIGN KEY orders_customer_fk");
      Cli.Result text = Cli.on(db, "verify", pb.toString());
      assertEquals(0, text.exit(), text::toString);
      String orphans = line(text.out(), "no orphan orders");
      assertTrue(orphans.startsWith("– ") && orphans.contains("skipped") && orphans.contains("no foreign keys"),
          orphans);
      assertEquals("SKIPPED", basis(Cli.on(db, "verify", pb.toString(), "--json").out()).get("no orphan orders"));
    }
  }

  private static String line(String out, String check) {
    List<String> lines = out.lines().filter(l -> l.contains(check)).toList();
    assertEquals(1, lines.size(), out);
    return lines.get(0);
  }

  private static Map<String, String> basis(String json) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (JsonNode o : Json.MAPPER.readTree(json)) {
      out.put(o.path("name").asText(), o.path("basis").asText());
    }
    return out;
  }
}
