package backstep.ui.drill;

import backstep.drill.Drill;
import backstep.playbook.Playbook;
import java.nio.file.Path;

/** One file of the drills folder: a drill and its playbook, both valid, or why it cannot run. */
public record DrillEntry(Path file, Drill drill, Playbook playbook, String problem) {
  public boolean valid() {
    return drill != null && playbook != null;
  }

  public String title() {
    return drill != null ? drill.title() : file.getFileName().toString();
  }

  public String subtitle() {
    if (!valid()) {
      return "cannot run: " + problem;
    }
    long faults = drill.faults().size();
    return drill.id() + " · " + faults + (faults == 1 ? " fault" : " faults") + " · expect "
        + drill.expected().action().name().toLowerCase(java.util.Locale.ROOT);
  }
}
