package backstep.ui.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
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
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final Label problems = new Label();
  private final IntFunction<Node> numbers = LineNumberFactory.get(area);
  private List<LineMark> marks = List.of();

  public SqlView(String id) {
    setId(id);
    getStyleClass().add("sql-view");
    area.setEditable(false);
    area.setWrapText(true);
    area.getStyleClass().add("sql-code");
    area.setAccessibleText("SQL");
    VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
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
    text.addListener((o, a, b) -> show(b == null ? "" : b));
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
    List<LineMark> next = List.copyOf(lineMarks);
    if (s.equals(text.get()) && next.equals(marks)) {
      return;
    }
    marks = next;
    if (s.equals(text.get())) {
      show(s);
    } else {
      text.set(s); // the listener shows it
    }
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
      area.setParagraphGraphicFactory(line -> graphic(numbers.apply(line), line + 1));
    }
    super.layoutChildren();
  }

  /** Selects {@code start}..{@code end} of the text and scrolls it into sight (find in the console). */
  public void select(int start, int end) {
    area.selectRange(start, end);
    area.requestFollowCaret();
  }

  /** The problems marked now. */
  public List<LineMark> marks() {
    return marks;
  }

  /** The CSS classes of the characters at {@code offset} (for tests and the accessibility text). */
  public Collection<String> stylesAt(int offset) {
    return area.getStyleAtPosition(offset + 1);
  }

  /** The CSS classes of line {@code line} (1-based). */
  public Collection<String> lineStyles(int line) {
    return area.getParagraph(line - 1).getParagraphStyle();
  }

  /** Preferred height for {@code rows} lines of text. */
  public void setPrefRows(int rows) {
    setPrefHeight(rows * 18 + 12);
  }

  private void show(String s) {
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

  static StyleSpans<Collection<String>> spans(String s) {
    StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
    for (SqlTokens.Token t : SqlTokens.of(s)) {
      Collection<String> style = t.kind() == SqlTokens.Kind.PLAIN ? Collections.emptyList() : List.of(t.kind().style());
      b.add(style, t.end() - t.start());
    }
    return b.create();
  }
}
