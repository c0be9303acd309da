package backstep.ui.fleet;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** One member in the grid: its name, wave (the canary marked), state, latest step and guards. */
final class MemberTile extends VBox {
  final MemberRow row;

  MemberTile(MemberRow row, boolean selected) {
    super(2);
    this.row = row;
    setId("member-" + row.member().replaceAll("[^A-Za-z0-9_-]", "_"));
    getStyleClass().addAll("member-tile", "state-" + row.state().name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', '-'));
    if (row.canary()) {
      getStyleClass().add("canary");
    }
    if (selected) {
      getStyleClass().add("selected");
    }
    Label name = new Label(row.ordinal() + "  " + row.member());
    name.getStyleClass().add("member-name");
    Label wave = new Label(row.canary() ? "CANARY · wave 0" : "wave " + row.wave());
    wave.getStyleClass().add(row.canary() ? "member-canary" : "member-wave");
    Label state = new Label(row.state().name().replace('_', ' '));
    state.getStyleClass().add("member-state");
    Label step = new Label("step: " + row.step());
    Label guards = new Label(row.guards());
    guards.getStyleClass().add("member-guards");
    getChildren().addAll(name, wave, state, step, guards);
    setPrefWidth(210);
    setMinWidth(210);
  }
}
