package backstep.ui.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * A table's rows brought to a new list by adds and removes only: a replacement, or removing every row, makes a
 * {@code TableView} rebuild all its rows (LedgerRowsTest shows it on the ledger's table).
 */
class RowsTest {
  private final List<String> replaced = new ArrayList<>();

  private ObservableList<String> rows(String... items) {
    ObservableList<String> rows = FXCollections.observableArrayList(items);
    rows.addListener((ListChangeListener<String>) c -> {
      while (c.next()) {
        if (c.wasReplaced() || c.getRemovedSize() > 0 && c.getRemovedSize() == c.getList().size()
            + c.getRemovedSize() - c.getAddedSize()) {
          replaced.add(c.toString());
        }
      }
    });
    return rows;
  }

  @Test
  void aNewRunOnTopIsOneAdd() {
    ObservableList<String> rows = rows("b", "a");
    Rows.sync(rows, List.of("c", "b", "a"));
    assertEquals(List.of("c", "b", "a"), rows);
    assertEquals(List.of(), replaced);
  }

  @Test
  void changedRemovedAndMovedRowsEndAsTheNewList() {
    ObservableList<String> rows = rows("e", "d", "c", "b", "a");
    Rows.sync(rows, List.of("f", "d2", "c", "a", "b"));
    assertEquals(List.of("f", "d2", "c", "a", "b"), rows);
    Rows.sync(rows, List.of("x"));
    assertEquals(List.of("x"), rows);
    Rows.sync(rows, List.of("y"));
    assertEquals(List.of("y"), rows, "a one-row table: the new row is added before the old is removed");
    assertEquals(List.of(), replaced, "never a replacement, never every row removed");
  }

  @Test
  void anEmptyListEmptiesTheTable() {
    ObservableList<String> rows = rows("b", "a");
    Rows.sync(rows, List.of());
    assertEquals(List.of(), rows);
    assertFalse(replaced.isEmpty(), "the only case that removes every row");
  }

  @Test
  void theSameListChangesNothing() {
    ObservableList<String> rows = rows("b", "a");
    List<String> changes = new ArrayList<>();
    rows.addListener((ListChangeListener<String>) c -> changes.add(c.toString()));
    Rows.sync(rows, List.of("b", "a"));
    assertEquals(List.of(), changes);
  }
}
