package backstep.ui.run;

import java.time.Instant;

/** One line of the event log. */
public record LogLine(Instant at, Level level, String text) {
  /** How a line is marked: the icon and colour follow the state table of docs (UI.md). */
  public enum Level {
    INFO("·"), RUNNING("▶"), OK("✔"), WARN("⚠"), ERROR("✖"), BACK("⟲"), DECISION("?");

    private final String icon;

    Level(String icon) {
      this.icon = icon;
    }

    public String icon() {
      return icon;
    }
  }
}
