package backstep.ui.library;

import backstep.playbook.Playbook;
import backstep.playbook.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One file of the library: a valid, frozen playbook, or the problems that keep it from being one (with the file's
 * text, so the console can show each problem at its line).
 */
public record PlaybookEntry(Path file, Playbook playbook, List<Problem> problems, String source) {
  public PlaybookEntry {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return playbook != null;
  }

  public String title() {
    return valid() ? playbook.title() : file.getFileName().toString();
  }

  public String subtitle() {
    return valid() ? playbook.id() + " · v" + playbook.version() + " · " + playbook.steps().size() + " steps"
        : problems.size() + (problems.size() == 1 ? " problem" : " problems") + " · cannot run";
  }

  /** For the library filter: title, id and file name, case-insensitive. */
  public boolean matches(String filter) {
    if (filter == null || filter.isBlank()) {
      return true;
    }
    String f = filter.trim().toLowerCase(Locale.ROOT);
    return title().toLowerCase(Locale.ROOT).contains(f) || file.getFileName().toString().toLowerCase(Locale.ROOT)
        .contains(f) || valid() && playbook.id().toLowerCase(Locale.ROOT).contains(f);
  }
}
