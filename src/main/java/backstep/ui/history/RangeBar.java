package backstep.ui.history;

import backstep.history.History;
import backstep.playbook.Playbook;
import backstep.ui.fx.Later;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;

/**
 * The range the walks take, chosen as on the command line: <em>From</em> ({@code rehearse --from}), <em>Up to</em>
 * ({@code apply --to}, {@code rehearse --to}) and <em>Roll back to</em> ({@code rollback --to}: that migration and
 * those before it stay applied). Ids {@code #history-from}, {@code #history-to}, {@code #history-back-to}.
 */
final class RangeBar extends FlowPane {
  private final HistoryController controller;
  private final ComboBox<Integer> from = combo("history-from", "Rehearse from this migration; those before it are "
      + "applied as set-up, not rehearsed (rehearse --from)");
  private final ComboBox<Integer> to = combo("history-to", "Apply and Rehearse stop after this migration "
      + "(apply --to, rehearse --to)");
  private final ComboBox<Integer> backTo = combo("history-back-to", "Roll back undoes what is after this "
      + "migration, newest first; it and those before it stay applied (rollback --to)");
  private boolean filling;

  RangeBar(HistoryController controller) {
    this.controller = controller;
    setId("history-range");
    getStyleClass().add("history-range");
    setHgap(16);
    setVgap(6);
    // a field a pulse, after the page (a combo box is 27 nodes with its list's skin: the bar was 96 of the page's 145)
    Later.add(this, field("_From", from));
    Later.add(this, field("_Up to", to));
    Later.add(this, field("Roll _back to", backTo));
    HistoryModel model = controller.model();
    model.entryProperty().addListener((o, a, e) -> refill());
    model.rangeProperty().addListener((o, a, r) -> refill());
    for (ComboBox<Integer> c : List.of(from, to, backTo)) {
      c.valueProperty().addListener((o, a, v) -> {
        if (!filling && v != null) {
          controller.setRange(new HistoryRange(value(from, 0), value(to, 0), value(backTo, -1)));
        }
      });
      c.disableProperty().bind(model.busyProperty());
    }
    refill();
  }

  private void refill() {
    HistoryModel model = controller.model();
    List<Playbook> migrations = model.entry() == null || !model.entry().valid() ? List.of()
        : model.entry().history().migrations();
    HistoryRange r = model.range();
    filling = true;
    try {
      List<Integer> all = IntStream.range(0, migrations.size()).boxed().toList();
      set(from, all, migrations, r.from(), "");
      set(to, all, migrations, r.to(), "");
      set(backTo, IntStream.range(-1, migrations.size()).boxed().toList(), migrations, r.keep(),
          "the start (undo all)");
    } finally {
      filling = false;
    }
    setVisible(migrations.size() > 1);
    setManaged(isVisible());
  }

  private static void set(ComboBox<Integer> c, List<Integer> items, List<Playbook> migrations, int value,
      String none) {
    if (!c.getItems().equals(items)) {
      c.getItems().setAll(items);
    }
    c.setCellFactory(v -> new Cell(migrations, none));
    c.setButtonCell(new Cell(migrations, none));
    c.setValue(items.contains(value) ? value : null);
  }

  private static int value(ComboBox<Integer> c, int otherwise) {
    return c.getValue() == null ? otherwise : c.getValue();
  }

  /** "3 · Add the orders table": the name the CLI takes (version or playbook id), then the title. */
  static String describe(List<Playbook> migrations, int index, String none) {
    if (index < 0 || index >= migrations.size()) {
      return none;
    }
    Playbook p = migrations.get(index);
    return History.name(p) + " · " + p.title();
  }

  private static HBox field(String caption, ComboBox<Integer> c) {
    Label l = new Label(caption);
    l.setMnemonicParsing(true);
    l.setLabelFor(c);
    l.getStyleClass().add("caption");
    HBox box = new HBox(6, l, c);
    box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return box;
  }

  private static ComboBox<Integer> combo(String id, String tip) {
    ComboBox<Integer> c = new ComboBox<>();
    c.setId(id);
    c.setTooltip(new Tooltip(tip));
    c.setAccessibleText(tip);
    c.setPrefWidth(280); // "1 · 1: create branches and books" whole; the bar wraps when narrower
    c.setVisibleRowCount(12);
    return c;
  }

  private static final class Cell extends ListCell<Integer> {
    private final List<Playbook> migrations;
    private final String none;

    Cell(List<Playbook> migrations, String none) {
      this.migrations = migrations;
      this.none = none;
    }

    @Override
    protected void updateItem(Integer i, boolean empty) {
      super.updateItem(i, empty);
      setText(empty || i == null ? null : describe(migrations, i, none));
    }
  }
}
