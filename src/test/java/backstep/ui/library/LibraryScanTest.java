package backstep.ui.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library lists a history (a folder holding history.yaml under the playbook folder) as one entry of its own,
 * never its playbooks one by one; a history with a problem is listed with the problem, not dropped.
 */
class LibraryScanTest {
  @Test
  void theSamplePlaybooksAndTheSampleHistory() {
    LibraryController.Scan scan = LibraryController.read(Path.of("playbooks"), null);
    assertEquals(List.of("add-email-verified.yaml", "add-orders-status-index.yaml", "dedupe-customers-fails.yaml",
        "split-customer-name.yaml"), scan.playbooks().stream().map(e -> e.file().getFileName().toString()).toList());
    assertEquals(1, scan.histories().size());
    HistoryEntry h = scan.histories().get(0);
    assertTrue(h.valid(), () -> String.valueOf(h.problems()));
    assertEquals(Path.of("playbooks/histories/library"), h.folder());
    assertEquals("library (Flyway migrations)", h.title());
    assertEquals("library · 6 migrations · from Flyway", h.subtitle());
    assertTrue(h.matches("FLYWAY") && h.matches("library") && !h.matches("orders"));
  }

  /**
   * Regression: the Playbook page linted the playbook on the FX thread each time one was picked (JSqlParser parses
   * every statement); the library's read, on a background thread, finds the findings once.
   */
  @Test
  void theScanLintsEachPlaybookSoThePageDoesNot() {
    LibraryController.Scan scan = LibraryController.read(Path.of("playbooks"), null);
    for (PlaybookEntry e : scan.playbooks()) {
      assertEquals(backstep.lint.Linter.lint(e.playbook()), e.findings(), e.file().toString());
      assertEquals(null, e.lintError());
    }
    assertTrue(scan.playbooks().stream().anyMatch(e -> !e.findings().isEmpty()),
        "no sample playbook has a lint finding: the check above proves nothing");
  }

  @Test
  void aFolderThatIsAHistoryShowsTheHistoryNotItsPlaybooks(@TempDir Path dir) throws Exception {
    for (Path p : List.of(Path.of("playbooks/histories/library/history.yaml"),
        Path.of("playbooks/histories/library/1-create-branches-and-books.yaml"),
        Path.of("playbooks/histories/library/2-create-members.yaml"))) {
      Files.copy(p, dir.resolve(p.getFileName()));
    }
    Files.writeString(dir.resolve("history.yaml"), Files.readString(dir.resolve("history.yaml"))
        .replaceAll("(?m)^  - \"[3-6]-.*\\n", ""));
    Files.copy(Path.of("playbooks/add-orders-status-index.yaml"), dir.resolve("beside.yaml"));
    LibraryController.Scan scan = LibraryController.read(dir, null);
    assertEquals(List.of("beside.yaml"), scan.playbooks().stream().map(e -> e.file().getFileName().toString())
        .toList());
    assertEquals(1, scan.histories().size());
    assertEquals(2, scan.histories().get(0).history().migrations().size());
  }

  @Test
  void aHistoryNamingAMissingPlaybookIsListedWithTheProblem(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("histories/billing"));
    Files.writeString(sub.resolve("history.yaml"), "history: billing\nmigrations:\n  - \"1-create-invoices.yaml\"\n");
    LibraryController.Scan scan = LibraryController.read(dir, null);
    assertEquals(List.of(), scan.playbooks());
    HistoryEntry h = scan.histories().get(0);
    assertFalse(h.valid());
    assertEquals("billing/history.yaml", h.title());
    assertEquals("1 problem · cannot run", h.subtitle());
    assertTrue(h.problems().get(0).format().contains("no such playbook: 1-create-invoices.yaml"),
        h.problems().get(0).format());
  }
}
