package backstep.ui.run;

import java.util.List;

/**
 * Where the divider under the checklist goes: low enough for every step to show (rows measured as the checklist
 * draws them: the title wrapped to its column, then the step's status or its error, two lines at most), never past
 * {@link #MOST} of the pane, so the selected step's SQL gets what the steps do not need.
 */
final class ChecklistFit {
  /** The largest share the checklist takes (a long playbook then scrolls). */
  static final double MOST = 0.62;
  /**
   * A step's error takes at most this many lines in its row: the banner above the checklist shows the whole error
   * (two lines here left the fourth step of a failed run under the checklist's edge at 1280×800: RunViewFitIT).
   */
  static final int ERROR_LINES = 1;
  private static final double HEADER = 34;
  private static final double ROW = 30;
  private static final double TITLE_LINE = 17;
  private static final double SMALL_LINE = 15;
  /** Average width of a character in the checklist's bold titles and in its small status lines, in px. */
  private static final double TITLE_CHAR = 8.4;
  private static final double SMALL_CHAR = 6.9;
  /** The state, time and who columns, the step's number and kind chip, the scroll bar. */
  private static final double OTHER_COLUMNS = 146 + 68 + 64 + 16;

  private ChecklistFit() {}

  /** The first divider's position for {@code rows} in a pane {@code length} px long, the table {@code width} wide. */
  static double position(List<StepRow> rows, double length, double width) {
    if (length <= 0) {
      return MOST;
    }
    return Math.max(0.2, Math.min(MOST, need(rows, width) / length));
  }

  /** The height {@code rows} need in a table {@code width} wide, its header included, in px. */
  static double need(List<StepRow> rows, double width) {
    double column = Math.max(160, width - OTHER_COLUMNS);
    double need = HEADER + 4;
    for (StepRow r : rows) {
      need += ROW + TITLE_LINE * (lines(r.step().title(), TITLE_CHAR, column - 100) - 1);
      String err = r.errorProperty().get();
      String note = r.detailProperty().get();
      if (err != null) {
        need += SMALL_LINE * Math.min(ERROR_LINES, lines("✖ " + err, SMALL_CHAR, column - 24));
      } else if (note != null && !note.isEmpty()) {
        need += SMALL_LINE * lines(note, SMALL_CHAR, column - 24);
      }
      need += SMALL_LINE * r.deviationsProperty().get().size();
    }
    return need;
  }

  private static int lines(String text, double charWidth, double lineWidth) {
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n += Math.max(1, (int) Math.ceil(line.length() * charWidth / Math.max(60, lineWidth)));
    }
    return n;
  }

  /**
   * {@code text} cut to about {@code lines} lines of {@code width} px of the small type, with "…" where it was cut
   * (whole when it fits, or when the width is not known yet).
   */
  static String clip(String text, double width, int lines) {
    if (width <= 0) {
      return text;
    }
    int fits = (int) (Math.max(60, width) / SMALL_CHAR) * lines - 6;
    return text.length() <= fits ? text : text.substring(0, Math.max(1, fits)).stripTrailing() + " …";
  }
}
