package backstep.ui.library;

import backstep.lint.Finding;
import backstep.lint.Linter;
import backstep.playbook.Playbook;
import backstep.playbook.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One file of the library: a valid, frozen playbook, or the problems that keep it from being one (with the file's
 * text, so the console can show each problem at its line). A valid playbook's lint findings are found when the
 * file is read, off the FX thread (JSqlParser parses every statement); {@code lintError} says why the linter could
 * not read it, when it could not.
 */
public record PlaybookEntry(Path file, Playbook playbook, List<Problem> problems, String source,
    List<Finding> findings, String lintError) {
  public PlaybookEntry {
    problems = List.copyOf(problems);
    findings = List.copyOf(findings);
  }

  /** A file that is not a valid playbook: its problems, no lint. */
  static PlaybookEntry invalid(Path file, List<Problem> problems, String source) {
    return new PlaybookEntry(file, null, problems, source, List.of(), null);
  }

  /** A valid playbook, linted now (slow: call it off the FX thread). */
  static PlaybookEntry linted(Path file, Playbook playbook, String source) {
    try {
      return new PlaybookEntry(file, playbook, List.of(), source, Linter.lint(playbook), null);
    } catch (RuntimeException e) {
      return new PlaybookEntry(file, playbook, List.of(), source, List.of(), String.valueOf(e.getMessage()));
    }
  }

  public boolean valid() {
    return playbook != null;
  }

  public String title() {
    return valid() ? playbook.title() : file.getFileName().toString();
  }

  public String subtitle() {
    return valid() ? playbook.id() + " · v" + playbook.version() + " · " + playbook.steps().size()
        + (playbook.steps().size() == 1 ? " step" : " steps")
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
