package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.lint.Linter;
import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.RollbackMode;
import backstep.playbook.SqlStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {
  @TempDir
  Path dir;

  private static Migration migration(String version, String desc, String up, String down) {
    return new Migration(version, desc, "V" + version + "__" + desc + ".sql", 1, "ana", "crc32:12345", false,
        Map.of(DialectFamily.POSTGRESQL, up), down == null ? Map.of() : Map.of(DialectFamily.POSTGRESQL, down),
        Map.of(), List.of("uses ${owner}: a Flyway placeholder, left as written"));
  }

  private History writeAndLoad(List<Migration> ms) throws IOException, InvalidFileException {
    ImportResult r = new ImportResult("flyway", Path.of("db/migration"), "shop", java.util.Set.of(
        DialectFamily.POSTGRESQL), ms, List.of("V3__x.java: Java migrations are not SQL"), List.of());
    HistoryWriter.write(r, dir, false, Instant.parse("2026-12-06T00:00:00Z"));
    return new HistoryLoader(new PlaybookLoader(null)).load(dir);
  }

  @Test
  void sqlComesBackExactlyAsImported() throws Exception {
    String up = "  -- leading blanks and a \"quote\"\nCREATE TABLE customers (\n\tid bigint PRIMARY KEY,\n"
        + "  note text DEFAULT 'a: b # c'\n);\n\nCOMMENT ON TABLE customers IS 'it''s';";
    History h = writeAndLoad(List.of(migration("1", "create customers", up, "DROP TABLE customers;")));
    assertTrue(HistoryLoader.isHistory(dir));
    assertEquals(1, h.migrations().size());
    SqlStep step = (SqlStep) h.migrations().get(0).steps().get(0);
    assertEquals(2, step.forward().statements(DialectFamily.POSTGRESQL).size());
    assertTrue(step.forward().statements(DialectFamily.POSTGRESQL).get(0).sql().contains("'a: b # c'"));
    assertEquals(RollbackMode.SCRIPT, step.rollbackMode());
    assertEquals("1", h.migrations().get(0).origin().version());
    assertEquals("crc32:12345", h.migrations().get(0).origin().checksum());
    assertEquals(List.of("V3__x.java: Java migrations are not SQL"), h.notImported());
    assertEquals(Optional.of(0), h.indexOf("1"));
  }

  @Test
  void aMissingDownIsAStepWithoutRollbackThatLintRefuses() throws Exception {
    History h = writeAndLoad(List.of(migration("1.1", "add index", "CREATE INDEX ix ON t (a)", null),
        migration("1.2", "add index", "CREATE INDEX iy ON t (b)", "  ")));
    for (var p : h.migrations()) {
      assertEquals(RollbackMode.NONE, ((SqlStep) p.steps().get(0)).rollbackMode());
      assertTrue(Linter.lint(p).stream().anyMatch(f -> f.rule().id().equals("BS017")), p.id());
    }
    assertEquals("1.1-add-index", h.migrations().get(0).id());
  }

  @Test
  void refusesAFolderThatHoldsFiles() throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    ImportResult r = new ImportResult("flyway", Path.of("x"), "x", java.util.Set.of(DialectFamily.POSTGRESQL),
        List.of(migration("1", "a", "SELECT 1", "SELECT 1")), List.of(), List.of());
    assertThrows(IOException.class, () -> HistoryWriter.write(r, dir, false, Instant.now()));
  }

  @Test
  void aHistoryNamingAMissingPlaybookSaysWhichLine() throws Exception {
    Files.writeString(dir.resolve("history.yaml"), "history: h\nmigrations:\n  - nope.yaml\n");
    InvalidFileException e = assertThrows(InvalidFileException.class,
        () -> new HistoryLoader(new PlaybookLoader(null)).load(dir));
    assertTrue(e.getMessage().contains("history.yaml:3:5 migrations[0]: no such playbook: nope.yaml"),
        e.getMessage());
  }
}
