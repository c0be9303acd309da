package backstep.ui.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * SQL shown read-only with syntax highlighting and line numbers (a RichTextFX {@link CodeArea}); lines with a
 * problem carry a mark beside their number (icon and severity word in the tooltip, with the message) and a tinted
 * background, and the first problem is said in words under the text (all of them in its tooltip). Selectable and
 * copyable; the text comes from {@link #textProperty()}.
 */
public final class SqlView extends VBox {
  private final CodeArea area = new CodeArea();
  private final VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final Label problems = new Label();
  private List<LineMark> marks = List.of();
  /** The text and marks are ahead of what the area draws ({@link #hold}); {@link #draw} brings it up. */
  private boolean stale;
  private boolean holding;

  public SqlView(String id) {
    setId(id);
    getStyleClass().add("sql-view");
    area.setEditable(false);
    area.setWrapText(true);
    area.getStyleClass().add("sql-code");
    area.setAccessibleText("SQL");
    VBox.setVgrow(scroll, Priority.ALWAYS);
    problems.getStyleClass().add("sql-problems");
    problems.setMinWidth(0); // the first problem under the text, wrapped, never cut; every problem in its tooltip
    problems.setWrapText(true);
    problems.setMinHeight(Region.USE_PREF_SIZE); // the SQL above scrolls; the problem keeps its lines
    problems.setTooltip(new Tooltip());
    problems.managedProperty().bind(problems.visibleProperty());
    problems.setVisible(false);
    getChildren().addAll(scroll, problems);
    setMinHeight(64);
    text.addListener((o, a, b) -> {
      stale = true;
      if (!holding) {
        draw();
      }
    });
  }

  public StringProperty textProperty() {
    return text;
  }

  public String getText() {
    return text.get();
  }

  public void setText(String s) {
    text.set(s);
  }

  /**
   * Shows {@code s} with problems marked on their lines. The same text with the same marks is left as it is: the
   * step detail shows its step again whenever the selection, the dialect or the lint findings change (the findings
   * arrive after the playbook opens), and replacing the text re-highlights it on the FX thread and takes away the
   * reader's selection.
   */
  public void show(String s, List<LineMark> lineMarks) {
    hold(s, lineMarks);
    draw();
  }

  /**
   * Takes {@code s} and its marks as the pane's text now ({@link #textProperty()}, {@link #marks()}, find) and draws
   * them at {@link #draw}: each line drawn is a new RichTextFX cell (about eight nodes and a text a highlighted run,
   * styled and laid out in the pulse it joins), and the step detail draws its three panes on three pulses instead
   * of one (docs/performance.md, "The console's FX thread", session 16). What reads the drawn text (selection,
   * styles) draws first.
   */
  public void hold(String s, List<LineMark> lineMarks) {
    List<LineMark> next = List.copyOf(lineMarks);
    if (s.equals(text.get()) && next.equals(marks)) {
      return;
    }
    stale |= !next.equals(marks);
    marks = next;
    holding = true;
    try {
      text.set(s);
    } finally {
      holding = false;
    }
    // until drawn, the pane shows nothing rather than the text it held before (another step's SQL)
    scroll.setVisible(!stale || s.equals(area.getText()));
  }

  /** Draws what {@link #hold} took, if the area does not show it yet. */
  public void draw() {
    if (stale) {
      stale = false;
      render(text.get() == null ? "" : text.get());
    }
  }

  /** Whether the area shows the pane's text and marks (nothing held back). */
  public boolean drawn() {
    return !stale;
  }

  /**
   * Numbers the lines once the pane is laid out in a window, its parents styled: RichTextFX styles a line's cell the
   * moment it joins a scene, and a line number (a label) in a pane that joined a new window empty looked up the
   * theme's text colour in parents not yet styled ("Could not resolve '-fx-text-background-color'", four times a
   * pane). Added now, the numbers are styled with the page, as any label is.
   */
  @Override
  protected void layoutChildren() {
    if (area.getParagraphGraphicFactory() == null && getScene() != null) {
      area.setParagraphGraphicFactory(line -> graphic(number(line + 1), line + 1));
    }
    super.layoutChildren();
  }

  /** Selects {@code start}..{@code end} of the text and scrolls it into sight (find in the console). */
  public void select(int start, int end) {
    draw();
    area.selectRange(start, end);
    area.requestFollowCaret();
  }

  /** The problems marked now. */
  public List<LineMark> marks() {
    return marks;
  }

  /** The CSS classes of the characters at {@code offset} (for tests and the accessibility text). */
  public Collection<String> stylesAt(int offset) {
    draw();
    return area.getStyleAtPosition(offset + 1);
  }

  /** The CSS classes of line {@code line} (1-based). */
  public Collection<String> lineStyles(int line) {
    draw();
    return area.getParagraph(line - 1).getParagraphStyle();
  }

  /**
   * Preferred height for {@code rows} lines of SQL; a problem said under them adds its own lines (it took them from
   * the SQL's, and at 1280×800 a three-line finding left one and a half lines of SQL in sight).
   */
  public void setPrefRows(int rows) {
    scroll.setPrefHeight(rows * 18 + 12);
  }

  private void render(String s) {
    scroll.setVisible(true);
    area.replaceText(s);
    if (!s.isEmpty()) {
      area.setStyleSpans(0, spans(s));
    }
    for (int p = 0; p < area.getParagraphs().size(); p++) {
      String severity = severityOf(p + 1);
      area.setParagraphStyle(p, severity == null ? Collections.emptyList() : List.of("sql-mark-" + severity));
    }
    area.moveTo(0);
    area.requestFollowCaret();
    List<String> said = new ArrayList<>();
    for (LineMark m : marks) {
      said.add((m.severity().equals("error") ? "✖" : "▲") + " line " + m.line() + " · " + m.message());
    }
    problems.setText(said.isEmpty() ? "" : said.get(0) + (said.size() > 1 ? "  (+" + (said.size() - 1) + " more)"
        : ""));
    problems.getTooltip().setText(String.join("\n", said));
    problems.setVisible(!said.isEmpty());
  }

  private String severityOf(int line) {
    return marks.stream().filter(m -> m.line() == line).map(LineMark::severity).findFirst().orElse(null);
  }

  /**
   * A line's number: one label, right-aligned to the widest number of the text (RichTextFX's own factory gave each
   * line a second label, for folding, which these panes do not do: four nodes a line instead of two).
   */
  private Label number(int line) {
    int digits = Integer.toString(Math.max(1, area.getParagraphs().size())).length();
    Label n = new Label(String.format(Locale.ROOT, "%" + digits + "d", line));
    n.getStyleClass().add("lineno");
    n.setAlignment(Pos.TOP_RIGHT);
    n.setMaxHeight(Double.MAX_VALUE);
    return n;
  }

  private Node graphic(Node number, int line) {
    List<LineMark> here = marks.stream().filter(m -> m.line() == line).toList();
    if (here.isEmpty()) {
      return number;
    }
    Label mark = new Label(here.get(0).severity().equals("error") ? "✖" : "▲");
    mark.getStyleClass().addAll("sql-mark", "sql-mark-icon-" + here.get(0).severity());
    List<String> lines = new ArrayList<>();
    for (LineMark m : here) {
      lines.add(m.severity() + ": " + m.message());
    }
    Tooltip tip = new Tooltip(String.join("\n", lines));
    tip.setWrapText(true);
    tip.setMaxWidth(520);
    Tooltip.install(mark, tip);
    mark.setAccessibleText(String.join("; ", lines));
    HBox box = new HBox(number, mark);
    box.getStyleClass().add("sql-gutter");
    return box;
  }

  /**
   * The highlighting as style spans, a run of spaces taking the style of the run before it and runs of one style
   * joined: each span is a text node in its line's cell, and "CREATE UNIQUE INDEX" is one node, not five. A space
   * looks the same in any of the styles (monospaced, no underline or background).
   */
  static StyleSpans<Collection<String>> spans(String s) {
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    Collection<String> style = null;
    int length = 0;
    for (SqlTokens.Token t : SqlTokens.of(s)) {
      Collection<String> next = t.kind() == SqlTokens.Kind.PLAIN ? Collections.emptyList()
          : List.of(t.kind().style());
      if (style != null && (next.equals(style) || t.kind() == SqlTokens.Kind.PLAIN && s.substring(t.start(),
          t.end()).isBlank())) {
        length += t.end() - t.start();
        continue;
      }
      if (style != null) {
        b.add(style, length);
      }
      style = next;
      length = t.end() - t.start();
    }
    if (style != null) {
      b.add(style, length);
    }
    return b.create();
  }
}
