package backstep.ui.ledger;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import java.time.ZoneId;
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
    setContent(grid);
    chain.addListener((o, a, b) -> show(shown));
    show(null);
  }

  /** The event shown, or null for the hint. */
  EventRecord shown() {
    return shown;
  }

  void show(EventRecord e) {
    shown = e;
    grid.getChildren().clear();
    if (e == null) {
      Label hint = new Label("Select an event: its fields, detail, hash, the previous hash and whether the chain "
          + "verified it.");
      hint.getStyleClass().add("hint");
      hint.setWrapText(true);
      grid.add(hint, 0, 0, 2, 1);
      return;
    }
    int r = 0;
    for (EventForm.Row row : EventForm.rows(e, zone)) {
      add(r++, row.name(), row.value() != null ? value(row.value(), row.name().contains("hash")) : items(row));
      if (r == 1) { // the chain's verdict right under the event's name, where it is seen first
        EventForm.Verdict v = EventForm.verdict(e, chain.get());
        Label verdict = value(v.text(), false);
        verdict.setId("event-chain-verdict");
        verdict.getStyleClass().add("verdict-" + v.word().toLowerCase(Locale.ROOT));
        add(r++, "chain", verdict);
      }
    }
  }

  private void add(int r, String field, javafx.scene.Node value) {
    Label name = new Label(field);
    name.getStyleClass().add("event-form-name");
    name.setId("event-field-" + field.replaceAll("[^a-z0-9]+", "-"));
    GridPane.setValignment(name, javafx.geometry.VPos.TOP);
    grid.add(name, 0, r);
    grid.add(value, 1, r);
  }

  private static Label value(String text, boolean mono) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    l.setMinWidth(0);
    l.getStyleClass().addAll("event-form-value", mono ? "mono-small" : "prose");
    return l;
  }

  private static VBox items(EventForm.Row row) {
    VBox box = new VBox(1);
    if (row.items().isEmpty()) {
      box.getChildren().add(value("none", false));
    }
    for (String i : row.items()) {
      box.getChildren().add(value("•  " + i, false));
    }
    return box;
  }
}
