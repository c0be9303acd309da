package backstep.ui.history;

import backstep.engine.HistoryRehearsal;
import backstep.ui.shell.Headers;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Text;

/**
 * A rehearsal's report as a table: one row per migration (✔ or ✖, the verdict, its detail in words, the time it
 * took), its differences from the state before its up as rows under it, expandable. A migration whose down is
 * broken is drawn red and starts expanded (the page also lists the broken ones above the table).
 */
final class RehearsalTable extends TreeTableView<RehearsalLine> {
  private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");


  RehearsalTable(HistoryModel model) {
    setId("rehearsal-report");
    getStyleClass().add("rehearsal-report");
    setShowRoot(false);
    setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY);
    Headers.whole(this);
    Label none = new Label("Not rehearsed yet. Rehearse history proves every down on a scratch database and "
        + "names each migration whose down does not restore what its up changed.");
    none.setWrapText(true);
    none.setPadding(new Insets(12));
    setPlaceholder(none);
    TreeTableColumn<RehearsalLine, RehearsalLine> migration = column("Migration", 250, 210, 320);
    migration.setCellFactory(c -> new TextCell(l -> l.difference() != null ? ""
        : (l.item().passed() ? "✔  " : "✖  ") + title(model, l.item()), "rehearsal-migration-text"));
    TreeTableColumn<RehearsalLine, RehearsalLine> verdict = column("Verdict", 170, 140, 220);
    verdict.setCellFactory(c -> new TextCell(l -> l.difference() != null ? "" : l.item().verdict().words(),
        "rehearsal-verdict-text"));
    TreeTableColumn<RehearsalLine, RehearsalLine> detail = column("Detail", 520, 200, Double.MAX_VALUE);
    detail.setCellFactory(c -> new TextCell(l -> l.difference() != null ? "– " + l.difference()
        : l.item().detail() + (l.item().differences().isEmpty() ? "" : "  (" + l.item().differences().size()
        + (l.item().differences().size() == 1 ? " difference" : " differences") + " below)"),
        "rehearsal-detail-text"));
    TreeTableColumn<RehearsalLine, RehearsalLine> took = column("Time", 70, 64, 90);
    took.setCellFactory(c -> new TextCell(l -> l.difference() != null ? "" : seconds(l.item().took()),
        "rehearsal-time-text"));
    getColumns().add(migration);
    getColumns().add(verdict);
    getColumns().add(detail);
    getColumns().add(took);
    setRowFactory(t -> new TreeTableRow<>() {
      @Override
      protected void updateItem(RehearsalLine l, boolean empty) {
        super.updateItem(l, empty);
        pseudoClassStateChanged(BROKEN, !empty && l != null && !l.item().passed());
      }
    });
    model.reportProperty().addListener((o, a, r) -> show(r));
    show(model.reportProperty().get());
  }

  private void show(HistoryRehearsal.Report r) {
    TreeItem<RehearsalLine> root = new TreeItem<>();
    if (r != null) {
      for (HistoryRehearsal.Item i : r.items()) {
        TreeItem<RehearsalLine> item = new TreeItem<>(new RehearsalLine(i, null));
        i.differences().forEach(d -> item.getChildren().add(new TreeItem<>(new RehearsalLine(i, d))));
        item.setExpanded(!i.passed());
        root.getChildren().add(item);
      }
    }
    setRoot(root);
  }


  /** The migration's title as the history page shows it ("5: catalogue search"), or its name. */
  private static String title(HistoryModel model, HistoryRehearsal.Item i) {
    return model.rows().stream().filter(r -> r.playbook().id().equals(i.playbookId())).findFirst()
        .map(r -> r.playbook().title()).orElse(i.migration());
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static TreeTableColumn<RehearsalLine, RehearsalLine> column(String title, double pref, double min,
      double max) {
    TreeTableColumn<RehearsalLine, RehearsalLine> c = new TreeTableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().getValue()));
    return Columns.sized(c, pref, min, max);
  }

  /** Text wrapped to the column, so a long detail makes its row taller instead of being cut. */
  private static final class TextCell extends TreeTableCell<RehearsalLine, RehearsalLine> {
    private final Function<RehearsalLine, String> text;
    private final Text shown;

    TextCell(Function<RehearsalLine, String> text, String style) {
      this.text = text;
      this.shown = WrappedText.of(style);
      setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(RehearsalLine l, boolean empty) {
      super.updateItem(l, empty);
      if (empty || l == null) {
        setGraphic(null);
        return;
      }
      if (getTableColumn() != null) {
        // the first column also holds the tree's disclosure arrow
        WrappedText.wrapTo(shown, getTableColumn().widthProperty(), getTableColumn() == getTreeTableView()
            .getTreeColumn() || getTreeTableView().getTreeColumn() == null
            && getTableColumn() == getTreeTableView().getColumns().get(0) ? 44 : 14);
      }
      shown.setText(text.apply(l));
      setGraphic(shown);
    }
  }
}
