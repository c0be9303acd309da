package backstep.ui.ledger;

import backstep.ui.shell.CellText;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * The events table's Detail cell: the event's facts ({@link EventLine}, joined by " · ") drawn as many whole as the
 * column holds, then "+N" for the N left out, never a fact cut in the middle ("attempts 1 · r…" at 1280×800); the
 * whole line in the tooltip and every field in the event's form. A check's name wider than the column on its own
 * ("✔ customer data unchanged after rollback" at 1280×800), the name a DBA looks for, is drawn on two lines, broken
 * between words ({@link CellText#lines}), the facts after it on its second line; any other first fact that wide, or
 * a name too long for two lines, ends the line in "…" (whole in the tooltip too), so that the events stay one line
 * each and ten or more are in sight. The tooltip is made when a fact is left out, not with the cell (a tooltip
 * styled per new row cost the ledger's first frame, docs/performance.md session 14).
 */
final class FactsCell<T> extends TableCell<T, String> {
  static final String SEPARATOR = " · ";
  private static final Pattern FACTS = Pattern.compile(Pattern.quote(SEPARATOR));
  private static final PseudoClass TWO_LINES = PseudoClass.getPseudoClass("two-lines");
  /** Pixels under a two-line cell's text. */
  private static final double UNDER_TWO_LINES = 3;
  private final Text measure = new Text();
  private final Predicate<T> onTwoLines;
  private String whole;
  private boolean leftOut;
  private Tooltip tip;

  /**
   * A cell whose row's item, when {@code onTwoLines} holds for it, may draw a first fact too wide for the column on
   * two lines (a check's name); other first facts that wide end in "…", so that the events stay one line each.
   */
  FactsCell(Predicate<T> onTwoLines) {
    this.onTwoLines = onTwoLines;
  }

  @Override
  protected void updateItem(String s, boolean empty) {
    super.updateItem(s, empty);
    whole = empty ? null : s;
    // fitted to the column now, so that the row is as tall as its lines when the table lays it out
    TableColumn<T, String> column = getTableColumn();
    setText(whole == null || column == null ? whole : fit(whole, room(column.getWidth())));
    markRow(getText());
    if (tip != null) {
      tip.setText(whole);
    }
  }

  @Override
  protected void layoutChildren() {
    String shown = whole == null ? null : fit(whole, room(getWidth()));
    if (shown != null && !shown.equals(getText())) {
      setText(shown);
      markRow(shown); // a row that changes its height is laid out again on the next pulse, after its CSS
    }
    super.layoutChildren();
    boolean left = shown != null && (leftOut || getChildrenUnmodifiable().stream()
        .anyMatch(n -> n instanceof Text t && !shown.equals(t.getText())));
    if (left && tip == null) {
      tip = new Tooltip(whole);
    }
    Tooltip want = left ? tip : null;
    if (getTooltip() != want) {
      setTooltip(want);
    }
  }

  /**
   * Two lines of text and a few pixels under them: an underscore on the second line ("email_verified") sat on the
   * row's bottom line, unseen.
   */
  @Override
  protected double computePrefHeight(double width) {
    double h = super.computePrefHeight(width);
    return lines(getText()) > 1 ? h + UNDER_TWO_LINES : h;
  }

  private double room(double width) {
    return width - snappedLeftInset() - snappedRightInset() - 2;
  }

  private static int lines(String s) {
    return s == null ? 0 : (int) s.chars().filter(c -> c == '\n').count() + 1;
  }

  /**
   * Marks the row {@code :two-lines} when this cell's text has two: the events' rows are one line high
   * ({@code -fx-cell-size: 22px}, which a table row takes whatever its cells ask for) and cut the second line off;
   * a row so marked is as tall as its cells ({@code console.css}).
   */
  private void markRow(String text) {
    TableRow<T> row = getTableRow();
    if (row != null) {
      row.pseudoClassStateChanged(TWO_LINES, lines(text) > 1);
    }
  }

  /**
   * As many of {@code line}'s facts as fit {@code room} px in this cell's font, and "+N" for those left out; a check's
   * name (its first fact) too wide for one line on two, the facts after it on the second.
   */
  String fit(String line, double room) {
    measure.setFont(getFont());
    leftOut = false;
    if (room <= 0 || width(line) <= room) {
      return line;
    }
    String[] facts = FACTS.split(line);
    if (width(facts[0]) <= room) {
      return facts(facts[0], facts, room);
    }
    String[] two = mayTakeTwoLines() ? twoLines(facts[0], room) : new String[0];
    if (two.length != 2) {
      return line; // not a check, or not even on two lines: the line ends in "…", whole in the tooltip
    }
    return two[0] + "\n" + facts(two[1], facts, room);
  }

  private boolean mayTakeTwoLines() {
    int i = getIndex();
    return getTableView() != null && i >= 0 && i < getTableView().getItems().size()
        && onTwoLines.test(getTableView().getItems().get(i));
  }

  /**
   * {@code fact} on two lines of {@code room} px, broken at the last space that leaves both whole ("✔ every customer
   * has" / "email_verified"), else where {@link CellText#lines} breaks a name ({@code _ . / -}); more than two
   * lines if it needs them.
   */
  private String[] twoLines(String fact, double room) {
    for (int i = fact.lastIndexOf(' '); i > 1; i = fact.lastIndexOf(' ', i - 1)) { // not after a lone icon
      String head = fact.substring(0, i).stripTrailing();
      String tail = fact.substring(i + 1);
      if (width(tail) > room) {
        break; // a later space leaves a longer tail
      }
      if (width(head) <= room && !head.isEmpty()) {
        return new String[] {head, tail};
      }
    }
    return CellText.lines(fact, room, this::width).split("\n");
  }

  /** {@code first} (the first fact, or its second line), then as many of the other facts as fit, then "+N". */
  private String facts(String first, String[] facts, double room) {
    String shown = first;
    int drawn = 1;
    for (int i = 1; i < facts.length; i++) {
      String more = shown + SEPARATOR + facts[i];
      String mark = i + 1 < facts.length ? SEPARATOR + "+" + (facts.length - i - 1) : "";
      if (width(more + mark) > room) {
        break;
      }
      shown = more;
      drawn++;
    }
    if (drawn == facts.length) {
      return shown;
    }
    leftOut = true;
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
