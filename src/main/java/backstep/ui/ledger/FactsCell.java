package backstep.ui.ledger;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * The events table's Detail cell: the event's facts ({@link EventLine}, joined by " · ") drawn as many whole as the
 * column holds, then "+N" for the N left out, never a fact cut in the middle ("attempts 1 · r…" at 1280×800); the
 * whole line in the tooltip and every field in the event's form. Only a first fact wider than the column on its own
 * ends the line in "…" (whole in the tooltip too). The tooltip is made when a fact is left out, not with the cell
 * (a tooltip styled per new row cost the ledger's first frame, docs/performance.md session 14).
 */
final class FactsCell<T> extends TableCell<T, String> {
  static final String SEPARATOR = " · ";
  private final Text measure = new Text();
  private String whole;
  private Tooltip tip;

  @Override
  protected void updateItem(String s, boolean empty) {
    super.updateItem(s, empty);
    whole = empty ? null : s;
    setText(whole);
    if (tip != null) {
      tip.setText(whole);
    }
  }

  @Override
  protected void layoutChildren() {
    String shown = whole == null ? null : fit(whole, getWidth() - snappedLeftInset() - snappedRightInset() - 2);
    if (shown != null && !shown.equals(getText())) {
      setText(shown);
    }
    super.layoutChildren();
    boolean left = shown != null && (!shown.equals(whole) || getChildrenUnmodifiable().stream()
        .anyMatch(n -> n instanceof Text t && !shown.equals(t.getText())));
    if (left && tip == null) {
      tip = new Tooltip(whole);
    }
    Tooltip want = left ? tip : null;
    if (getTooltip() != want) {
      setTooltip(want);
    }
  }

  /** As many of {@code line}'s facts as fit {@code room} px in this cell's font, and "+N" for those left out. */
  String fit(String line, double room) {
    measure.setFont(getFont());
    if (room <= 0 || width(line) <= room) {
      return line;
    }
    String[] facts = line.split(java.util.regex.Pattern.quote(SEPARATOR));
    if (width(facts[0]) > room) {
      return line; // not even the first fact: the line ends in "…", whole in the tooltip
    }
    String shown = facts[0];
    for (int i = 1; i < facts.length; i++) {
      String more = shown + SEPARATOR + facts[i];
      String mark = i + 1 < facts.length ? SEPARATOR + "+" + (facts.length - i - 1) : "";
      if (width(more + mark) > room) {
        break;
      }
      shown = more;
    }
    int drawn = shown.split(java.util.regex.Pattern.quote(SEPARATOR)).length;
    if (drawn == facts.length) {
      return shown;
    }
    String left = "+" + (facts.length - drawn);
    // the mark after a separator, else after a space, else none (the tooltip has them): never the fact cut for it
    return width(shown + SEPARATOR + left) <= room ? shown + SEPARATOR + left : width(shown + " " + left) <= room
        ? shown + " " + left : shown;
  }

  private double width(String s) {
    measure.setText(s);
    return measure.getLayoutBounds().getWidth();
  }
}
