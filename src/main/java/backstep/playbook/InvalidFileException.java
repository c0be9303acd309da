package backstep.playbook;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A playbook or targets file with one or more problems; all of them, found in one pass. */
public final class InvalidFileException extends Exception {
  private final Path file;
  private final List<Problem> problems;

  public InvalidFileException(Path file, List<Problem> problems) {
    super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  public Path file() {
    return file;
  }

  public List<Problem> problems() {
    return problems;
  }
}
