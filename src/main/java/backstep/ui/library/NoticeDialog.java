package backstep.ui.library;

import backstep.db.Dialect;
import backstep.db.TargetSpec;
import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.report.ChangeReports;
import backstep.ui.fx.UiThread;
import backstep.ui.ledger.ExportDestination;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The pre-change notice for stakeholders, shown in the console as {@code backstep report notice} writes it (from the
 * playbook and the target it is planned for; no connection), with Markdown and HTML export.
 */
public final class NoticeDialog {
  private final Window owner;
  private final ExportDestination destination;
  private final UiThread fx;
  private final Executor io;

  public NoticeDialog(Window owner, ExportDestination destination, UiThread fx, Executor io) {
    this.owner = owner;
    this.destination = destination;
    this.fx = fx;
    this.io = io;
  }

  /** Opens the notice of {@code playbook} on {@code target}; says so when the playbook has no SQL for it. */
  public void show(Playbook playbook, TargetSpec target) {
    UiThread.check();
    DialectFamily family = target.isSandbox() || target.url() == null ? DialectFamily.POSTGRESQL
        : Dialect.familyOf(target.url());
    String text = playbook.dialects().contains(family)
        ? ChangeReports.notice(playbook, target, family, null, ChangeReports.Format.MD)
        : "Playbook '" + playbook.id() + "' has no " + family.key() + " SQL, so it cannot be planned on "
            + target.name() + ".";
    Dialog<ButtonType> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle("Pre-change notice: " + playbook.id() + " on " + target.name());
    d.setResizable(true);
    TextArea area = new TextArea(text);
    area.setId("notice-text");
    area.setEditable(false);
    area.setWrapText(true);
    area.setStyle("-fx-font-family: 'Monospaced';");
    area.setPrefSize(860, 560);
    VBox.setVgrow(area, Priority.ALWAYS);
    Label status = new Label("For stakeholders: intent, blast radius, steps and what they lock, rollback plan, "
        + "decision points, success criteria.");
    status.setId("notice-status");
    status.setWrapText(true);
    Button html = new Button("Save HTML…");
    html.setId("notice-save-html");
    html.setOnAction(e -> save(playbook, target, family, ChangeReports.Format.HTML, status));
    Button md = new Button("Save Markdown…");
    md.setId("notice-save-md");
    md.setOnAction(e -> save(playbook, target, family, ChangeReports.Format.MD, status));
    boolean plannable = playbook.dialects().contains(family);
    html.setDisable(!plannable);
    md.setDisable(!plannable);
    d.getDialogPane().setContent(new VBox(10, area, new HBox(10, html, md), status));
    d.getDialogPane().getButtonTypes().add(new ButtonType("Close", ButtonBar.ButtonData.CANCEL_CLOSE));
    d.show();
  }

  private void save(Playbook pb, TargetSpec target, DialectFamily family, ChangeReports.Format format,
      Label status) {
    String name = "notice-" + pb.id() + "-" + target.name() + "." + format.extension();
    Optional<Path> chosen = destination.choose(owner, name, "pre-change notice (" + format.extension() + ")",
        format.extension());
    if (chosen.isEmpty()) {
      return;
    }
    Path file = chosen.get();
    fx.whenDone(CompletableFuture.runAsync(() -> ExportDestination.write(file,
        ChangeReports.notice(pb, target, family, null, format)), io), (v, error) -> status.setText(error == null
            ? "saved " + file
            : "could not save: " + (error instanceof UncheckedIOException u ? u.getCause().getMessage()
                : error.getMessage())));
  }
}
