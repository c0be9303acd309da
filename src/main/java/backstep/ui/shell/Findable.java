package backstep.ui.shell;

import backstep.ui.sql.SqlView;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;

/**
 * Something Find (Ctrl+F) searches: a text (the step's forward and rollback SQL), a list (the event log) or a table
 * (the ledger's runs, steps and events). Made from the nodes on the page on screen ({@link #on(Node)}), so a new
 * view's tables and texts are searched without being registered.
 */
interface Findable {
  /** One occurrence: in {@code item} (a row; 0 for a text) from {@code start} to {@code end} (text offsets). */
  record Match(Findable in, int item, int start, int end) {}

  /** What this is called in the find bar ("forward-sql", "ledger-events"): the node's id. */
  String name();

  /** Every occurrence of {@code query}, ignoring case, in reading order. */
  List<Match> find(String query);

  /** Brings the match into view and selects it. */
  void reveal(Match m);

  /** The searchable nodes under {@code root} that are on screen (not in a hidden tab), in scene order. */
  static List<Findable> on(Node root) {
    List<Findable> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static void collect(Node n, List<Findable> out) {
    if (!n.isVisible()) {
      return;
    }
    String name = n.getId() == null ? n.getClass().getSimpleName() : n.getId();
    if (n instanceof TextInputControl t && !t.isEditable()) {
      out.add(text(name, t));
      return;
    }
    if (n instanceof SqlView v) { // a RichTextFX code area, named by its pane ("forward-sql")
      out.add(sql(name, v));
      return;
    }
    if (n instanceof ListView<?> l) {
      out.add(list(name, l));
      return;
    }
    if (n instanceof TableView<?> t) {
      out.add(table(name, t));
      return;
    }
    if (n instanceof javafx.scene.Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, out);
      }
    }
  }

  /** The offsets of {@code query} in {@code text}, ignoring case. */
  static List<int[]> occurrences(String text, String query) {
    List<int[]> out = new ArrayList<>();
    if (query.isEmpty() || text == null) {
      return out;
    }
    String t = text.toLowerCase(Locale.ROOT);
    String q = query.toLowerCase(Locale.ROOT);
    for (int i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + Math.max(1, q.length()))) {
      out.add(new int[] {i, i + q.length()});
    }
    return out;
  }

  private static Findable text(String name, TextInputControl t) {
    return new Findable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Match> find(String query) {
        return occurrences(t.getText(), query).stream().map(o -> new Match(this, 0, o[0], o[1])).toList();
      }

      @Override
      public void reveal(Match m) {
        t.selectRange(m.start(), m.end());
      }
    };
  }

  private static Findable sql(String name, SqlView v) {
    return new Findable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Match> find(String query) {
        return occurrences(v.getText(), query).stream().map(o -> new Match(this, 0, o[0], o[1])).toList();
      }

      @Override
      public void reveal(Match m) {
        v.select(m.start(), m.end());
      }
    };
  }

  private static <T> Findable list(String name, ListView<T> l) {
    return rows(name, () -> l.getItems().size(), i -> words(l.getItems().get(i)), i -> {
      l.getSelectionModel().select(i);
      l.scrollTo(i);
    });
  }

  private static <T> Findable table(String name, TableView<T> t) {
    return rows(name, () -> t.getItems().size(), i -> {
      StringBuilder row = new StringBuilder();
      for (TableColumn<T, ?> c : t.getVisibleLeafColumns()) {
        row.append(words(c.getCellData(i))).append('\t');
      }
      return row.toString();
    }, i -> {
      t.getSelectionModel().clearAndSelect(i);
      t.scrollTo(Math.max(0, i - 2));
    });
  }

  /** Rows searched by their text, one match per occurrence; {@code reveal} selects and scrolls to a row. */
  private static Findable rows(String name, java.util.function.IntSupplier size,
      java.util.function.IntFunction<String> text, java.util.function.IntConsumer reveal) {
    return new Findable() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Match> find(String query) {
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < size.getAsInt(); i++) {
          for (int[] o : occurrences(text.apply(i), query)) {
            out.add(new Match(this, i, o[0], o[1]));
          }
        }
        return out;
      }

      @Override
      public void reveal(Match m) {
        reveal.accept(m.item());
      }
    };
  }

  /** A row's words: a record's component values, anything else as it prints itself. */
  static String words(Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof Record r) {
      StringBuilder b = new StringBuilder();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          b.append(c.getAccessor().invoke(r)).append(' ');
        } catch (ReflectiveOperationException | RuntimeException e) {
          // a component that cannot be read is not searched
        }
      }
      return b.toString();
    }
    return String.valueOf(o);
  }
}
