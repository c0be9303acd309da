package backstep.ui.panels;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * Under the blockers table, the selected session (else the first blocker) in words, wrapped to the panel's width:
 * the table's eight columns do not fit a live panel's column at 1280×800, and the state, what it waits for and the
 * query were past its right edge (the table scrolled sideways, a DBA read them in a tooltip).
 */
final class BlockerDetail extends Label {
  /** The query's length shown here; the whole query is in the row's menu (Copy query) and tooltip. */
  static final int QUERY_CHARS = 240;

  BlockerDetail(BlockersTable table) {
    setId("blocker-detail");
    getStyleClass().addAll("hint", "blocker-detail");
    setWrapText(true);
    setMinHeight(Region.USE_PREF_SIZE);
    setMinWidth(0);
    setMaxWidth(Double.MAX_VALUE);
    InvalidationListener refresh = o -> {
      BlockerRow r = table.getSelectionModel().getSelectedItem();
      if (r == null) {
        r = table.getItems().stream().filter(BlockerRow::blocker).findFirst()
            .orElse(table.getItems().isEmpty() ? null : table.getItems().get(0));
      }
      setText(r == null ? "" : words(r));
    };
    table.getSelectionModel().selectedItemProperty().addListener(refresh);
    table.getItems().addListener(refresh);
    // its height at the width it has (computePrefHeight), asked again when that width changes: a blocked run's
    // detail kept two lines of four at 1280×800, the query cut at the pane's bottom
    widthProperty().addListener((o, a, b) -> requestLayout());
    visibleProperty().bind(textProperty().isNotEmpty());
    managedProperty().bind(visibleProperty());
    refresh.invalidated(null);
  }

  /**
   * Its height at the width it has once laid out, whatever width it is asked about: the sections above it ask their
   * children for their heights without a width or at their preferred (unwrapped) width, which kept two lines of four.
   */
  @Override
  protected double computePrefHeight(double width) {
    return super.computePrefHeight(getWidth() > 0 ? getWidth() : width);
  }

  /** A session in words: who, pid, user, application, state, for how long, what it waits for, its query. */
  static String words(BlockerRow r) {
    String query = r.query().strip().replaceAll("\\s+", " ");
    if (query.length() > QUERY_CHARS) {
      query = query.substring(0, QUERY_CHARS) + " … (Copy query in the row's menu)";
    }
    return (r.blocker() ? "▲ " : "… ") + "pid " + r.pid() + " " + r.who() + " · " + r.user()
        + (r.app().isEmpty() ? "" : " · " + r.app()) + " · " + r.state() + " for " + r.duration()
        + (r.waitingFor().isEmpty() ? "" : " · waiting for " + r.waitingFor())
        + (query.isEmpty() ? "" : "\n" + query);
  }
}
