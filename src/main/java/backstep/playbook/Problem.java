package backstep.playbook;

import java.nio.file.Path;

/** One validation problem, positioned: {@code playbooks/x.yaml:14:5 steps[2].rollback: missing}. */
public record Problem(Path file, int line, int column, String path, String message) {
  public String format() {
    String where = file + ":" + line + ":" + column;
    return path.isEmpty() ? where + " " + message : where + " " + path + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
