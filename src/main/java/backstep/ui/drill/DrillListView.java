package backstep.ui.drill;

import backstep.ui.shell.CellText;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The sidebar's drills: each drill of the drills folder; selecting one opens drill mode on it. */
public final class DrillListView extends VBox {
  public DrillListView(DrillController controller, Runnable showDrillMode) {
    getStyleClass().add("sidebar-section");
    Label header = new Label("DRILLS");
    header.getStyleClass().add("section-header");
    HBox head = new HBox(header);
    head.getStyleClass().add("section-head");
    ListView<DrillEntry> list = new ListView<>(controller.drills());
    list.setId("drill-list");
    list.getStyleClass().add("library-list");
    list.setPlaceholder(new Label("No drills folder"));
    list.setPrefHeight(130);
    list.setMinHeight(100); // two drills in sight under the menu bar at 1280×800
    Anchor anchor = new Anchor(list);
    list.setCellFactory(v -> new ListCell<>() {
      private final Label icon = new Label("⚡");
      private final Label title = new Label();
      private final Label sub = new Label();
      private final HBox box = new HBox(8, icon, new VBox(1, title, sub));

      {
        icon.getStyleClass().add("lib-icon");
        title.getStyleClass().add("lib-title");
        sub.getStyleClass().add("hint");
        CellText.wrap(title, this, 60); // a drill's title in full, on two lines when it must
        CellText.wrap(sub, this, 60); // "connection-lost-mariadb · 1 fault · expect rollback" in full
        setPrefWidth(0);
        heightProperty().addListener(o -> anchor.later()); // wrapped to more or fewer lines
      }

      @Override
      protected void updateItem(DrillEntry e, boolean empty) {
        super.updateItem(e, empty);
        if (empty || e == null) {
          setGraphic(null);
          return;
        }
        title.setText(e.title());
        sub.setText(e.subtitle());
        setTooltip(new javafx.scene.control.Tooltip(e.title() + "\n" + e.file()));
        setGraphic(box);
      }
    });
    list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
      if (b != null && b != controller.model().entry()) {
        controller.select(b);
        showDrillMode.run();
      }
    });
    list.setOnMouseClicked(e -> {
      if (list.getSelectionModel().getSelectedItem() != null) {
        showDrillMode.run();
      }
    });
    getChildren().addAll(head, list);
    setSpacing(6);
    VBox.setVgrow(list, Priority.SOMETIMES);
  }

  /**
   * Keeps the drill last scrolled to or picked at the list's top as its rows wrap again: the list's flow kept its
   * offset in pixels while the rows above grew or shrank (their heights guessed before they were laid out, or
   * wrapped again at another width), and the picked drill's first line was drawn under the list's top edge (the drill
   * page's pictures at 1280×800, session 19). A picked drill already whole in sight moves nothing: the first row
   * whole in sight is kept at the top. A wheel or the scroll bar lets go of it.
   */
  private static final class Anchor {
    private final ListView<?> list;
    private int index = -1;
    private int picked = -1;
    private int passes;
    private final backstep.ui.fx.AfterLayout afterLayout;

    Anchor(ListView<?> list) {
      this.list = list;
      this.afterLayout = new backstep.ui.fx.AfterLayout(list, this::settle);
      list.addEventHandler(javafx.scene.control.ScrollToEvent.scrollToTopIndex(), e -> {
        index = e.getScrollTarget();
        again();
      });
      list.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
        picked = b.intValue();
        again();
      });
      list.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> index = -1);
      list.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
        for (javafx.scene.Node n = e.getTarget() instanceof javafx.scene.Node t ? t : null; n != null && n != list;
            n = n.getParent()) {
          if (n instanceof javafx.scene.control.ScrollBar) {
            index = -1;
          }
        }
      });
      list.widthProperty().addListener(o -> again());
      list.heightProperty().addListener(o -> again());
    }

    /** Aligns the anchor anew (a few passes at most: each may bring rows of other heights into sight). */
    void again() {
      passes = 0;
      later();
    }

    /** Aligns the anchor after the next layout pass (the rows' heights known then). */
    void later() {
      if (index >= 0 || picked >= 0) {
        afterLayout.ask(true);
      }
    }

    private void settle() {
      if (!(list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
        return;
      }
      double top = flow.localToScene(0, 0).getY();
      double bottom = top + flow.getHeight();
      if (picked >= 0) {
        javafx.scene.control.IndexedCell<?> c = flow.getVisibleCell(picked);
        index = c != null && top(c) >= top - 0.5 && top(c) + c.getHeight() <= bottom + 0.5 ? firstWhole(flow, top)
            : picked;
        picked = -1;
      }
      javafx.scene.control.IndexedCell<?> c = index < 0 ? null : flow.getVisibleCell(index);
      if (c == null) {
        return;
      }
      double off = top(c) - top;
      if (Math.abs(off) > 0.5 && passes++ < 4 && Math.abs(flow.scrollPixels(off)) > 0.01) {
        later(); // again once laid out: a row that comes into sight may wrap to another height
      }
    }

    private static double top(javafx.scene.control.IndexedCell<?> c) {
      return c.localToScene(0, 0).getY();
    }

    private static int firstWhole(javafx.scene.control.skin.VirtualFlow<?> flow, double top) {
      for (int i = flow.getFirstVisibleCell() == null ? 0 : flow.getFirstVisibleCell().getIndex();
          flow.getVisibleCell(i) != null; i++) {
        if (top(flow.getVisibleCell(i)) >= top - 0.5) {
          return i;
        }
      }
      return -1;
    }
  }
}
