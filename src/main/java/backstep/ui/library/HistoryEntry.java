package backstep.ui.library;

import backstep.history.History;
import backstep.history.HistoryWriter;
import backstep.playbook.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One history of the library: a folder whose {@code history.yaml} lists playbooks in apply order, loaded and frozen
 * ({@link History}), or the problems of that file and of the playbooks it lists.
 *
 * @param file the {@code history.yaml}
 */
public record HistoryEntry(Path file, History history, List<Problem> problems) {
  public HistoryEntry {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return history != null;
  }

  /** The folder holding {@code history.yaml}: what {@code backstep apply|rollback|rehearse} take. */
  public Path folder() {
    Path parent = file.getParent();
    return parent == null ? Path.of(".") : parent;
  }

  public String title() {
    return valid() ? history.title() : folder().getFileName() + "/" + file.getFileName();
  }

  public String subtitle() {
    if (!valid()) {
      return problems.size() + (problems.size() == 1 ? " problem" : " problems") + " · cannot run";
    }
    int n = history.migrations().size();
    String format = history.migrations().stream().map(p -> p.origin().format()).filter(f -> !f.isEmpty())
        .findFirst().map(HistoryWriter::formatName).orElse("");
    return history.id() + " · " + n + (n == 1 ? " migration" : " migrations") + (format.isEmpty() ? ""
        : " · from " + format);
  }

  /** For the library filter: title, history name and folder name, case-insensitive. */
  public boolean matches(String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String f = filter.trim().toLowerCase(Locale.ROOT);
    return title().toLowerCase(Locale.ROOT).contains(f) || String.valueOf(folder().getFileName())
        .toLowerCase(Locale.ROOT).contains(f) || valid() && history.id().toLowerCase(Locale.ROOT).contains(f);
  }
}
