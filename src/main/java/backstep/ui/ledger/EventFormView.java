package backstep.ui.ledger;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selected ledger event as a form: a name column and a value column (selectable text), lists as bullets, the
 * hash and previous hash in full, and the chain check's verdict on this event (icon, word and colour).
 */
final class EventFormView extends ScrollPane {
  private final GridPane grid = new GridPane();
  private final Label hint = new Label("Select an event: its fields, detail, hash, the previous hash and whether the"
      + " chain verified it.");
  private final List<FormRow> rows = new ArrayList<>();
  private final ZoneId zone;
  private final ReadOnlyObjectProperty<Ledger.ChainCheck> chain;
  private EventRecord shown;

  EventFormView(ReadOnlyObjectProperty<Ledger.ChainCheck> chain, ZoneId zone) {
    this.chain = chain;
    this.zone = zone;
    setId("ledger-event-detail");
    getStyleClass().add("event-form");
    setFitToWidth(true);
    grid.setHgap(12);
    grid.setVgap(3);
    ColumnConstraints name = new ColumnConstraints();
    name.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints value = new ColumnConstraints();
    value.setHgrow(Priority.ALWAYS);
    value.setMinWidth(0);
    grid.getColumnConstraints().addAll(name, value);
    grid.getStyleClass().add("event-form-grid");
    hint.getStyleClass().add("hint");
    hint.setWrapText(true);
    hint.managedProperty().bind(hint.visibleProperty());
    grid.add(hint, 0, 0, 2, 1);
    setContent(grid);
    chain.addListener((o, a, b) -> show(shown));
    show(null);
  }

  /** The event shown, or null for the hint. */
  EventRecord shown() {
    return shown;
  }

  /**
   * Shows {@code e} in the rows already there: their texts and classes are set, rows are added only past the most
   * this form has shown and hidden when fewer are needed. The form used to be built again for every event and at
   * every read of the ledger (the chain check is a new value each time), on the hidden tab too.
   */
  void show(EventRecord e) {
    shown = e;
    hint.setVisible(e == null);
    int r = 0;
    if (e != null) {
      for (EventForm.Row row : EventForm.rows(e, zone)) {
        FormRow f = row(r++);
        f.show(row.name(), row.value(), row.items(), row.name().contains("hash"));
        if (r == 1) { // the chain's verdict right under the event's name, where it is seen first
          EventForm.Verdict v = EventForm.verdict(e, chain.get());
          FormRow verdict = row(r++);
          verdict.show("chain", v.text(), List.of(), false);
          verdict.value.setId("event-chain-verdict");
          verdict.value.getStyleClass().add("verdict-" + v.word().toLowerCase(Locale.ROOT));
        }
      }
    }
    for (int k = r; k < rows.size(); k++) {
      rows.get(k).hide();
    }
  }

  private FormRow row(int r) {
    while (rows.size() <= r) {
      rows.add(new FormRow(grid, rows.size()));
    }
    return rows.get(r);
  }

  /** One field of the form: its name, and its value as one text or as bullets. */
  private static final class FormRow {
    private final GridPane grid;
    private final int index;
    private final Label name = new Label();
    private final Label value = value("", false);
    private VBox items;

    FormRow(GridPane grid, int index) {
      this.grid = grid;
      this.index = index;
      name.getStyleClass().add("event-form-name");
      GridPane.setValignment(name, javafx.geometry.VPos.TOP);
      for (Region n : new Region[] {name, value}) {
        n.managedProperty().bind(n.visibleProperty());
      }
      grid.add(name, 0, index);
      grid.add(value, 1, index);
    }

    void show(String field, String text, List<String> bullets, boolean mono) {
      name.setVisible(true);
      name.setText(field);
      name.setId("event-field-" + field.replaceAll("[^a-z0-9]+", "-"));
      value.setId(null);
      value.getStyleClass().removeIf(c -> c.startsWith("verdict-") || c.equals("mono-small") || c.equals("prose"));
      value.getStyleClass().add(mono ? "mono-small" : "prose");
      value.setVisible(text != null);
      value.setText(text == null ? "" : text);
      if (text != null) {
        if (items != null) {
          items.setVisible(false);
        }
        return;
      }
      if (items == null) {
        items = new VBox(1);
        items.managedProperty().bind(items.visibleProperty());
        grid.add(items, 1, index);
      }
      items.setVisible(true);
      List<String> lines = bullets.isEmpty() ? List.of("none") : bullets.stream().map(b -> "•  " + b).toList();
      while (items.getChildren().size() < lines.size()) {
        items.getChildren().add(value("", false));
      }
      for (int k = 0; k < items.getChildren().size(); k++) {
        Label l = (Label) items.getChildren().get(k);
        l.setVisible(k < lines.size());
        l.setManaged(k < lines.size());
        l.setText(k < lines.size() ? lines.get(k) : "");
      }
    }

    void hide() {
      name.setVisible(false);
      value.setVisible(false);
      if (items != null) {
        items.setVisible(false);
      }
    }
  }

  private static Label value(String text, boolean mono) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.setMinWidth(0);
    l.getStyleClass().addAll("event-form-value", mono ? "mono-small" : "prose");
    return l;
  }
}
