package backstep.ui.shell;

import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.db.TargetsFile;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Add or edit a target: name, JDBC URL, user, environment class, and the password — from an environment variable
 * (its name is what the targets file keeps) or typed here (kept in memory for this session only, never written).
 * <em>Test</em> connects and closes again; <em>Save</em> writes the targets file and connects.
 */
public final class TargetDialog {
  private TargetDialog() {
  }

  /** Shows the dialog (not waiting: the FX thread stays free); {@code editing} null to add a target. */
  public static Dialog<TargetEntry> show(Window owner, TargetsController controller, TargetEntry editing) {
    Dialog<TargetEntry> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle(editing == null ? "Add a target" : "Edit target " + editing.name());
    d.setHeaderText("Written to " + controller.file() + " — never with a password.");
    TargetSpec was = editing == null ? null : editing.spec();
    TextField name = field("target-name", was == null ? "" : was.name(), "orders-staging");
    TextField url = field("target-url", was == null ? "" : was.url(), "jdbc:postgresql://db-host:5432/orders");
    url.setPrefColumnCount(36);
    TextField user = field("target-user", was == null || was.user() == null ? "" : was.user(), "backstep");
    ChoiceBox<EnvironmentClass> env = new ChoiceBox<>();
    env.setId("target-environment");
    env.getItems().addAll(EnvironmentClass.STAGING, EnvironmentClass.PRODUCTION);
    env.setConverter(new StringConverter<>() {
      @Override
      public String toString(EnvironmentClass e) {
        return e == null ? "" : e.key().toUpperCase(Locale.ROOT);
      }

      @Override
      public EnvironmentClass fromString(String s) {
        return EnvironmentClass.valueOf(s);
      }
    });
    env.setValue(was == null ? EnvironmentClass.STAGING : was.environment());
    TextField passwordEnv = field("target-password-env", was == null || was.passwordEnv() == null ? ""
        : was.passwordEnv(), "ORDERS_DB_PASSWORD");
    PasswordField password = new PasswordField();
    password.setId("target-password");
    password.setPromptText("or type it: kept in memory only");
    Button test = new Button("Test connection");
    test.setId("target-test");
    Label result = new Label();
    result.setId("target-result");
    result.setWrapText(true);
    result.setMaxWidth(520);
    result.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

    GridPane g = new GridPane();
    g.setHgap(10);
    g.setVgap(8);
    g.addRow(0, new Label("Name"), name);
    g.addRow(1, new Label("JDBC URL"), url);
    g.addRow(2, new Label("User"), user);
    g.addRow(3, new Label("Environment"), env);
    g.addRow(4, new Label("Password from variable"), passwordEnv);
    g.addRow(5, new Label("…or typed"), password);
    g.getChildren().stream().filter(n -> n instanceof Label).forEach(l -> ((Label) l)
        .setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE)); // "Password from variable" in full
    g.add(new HBox(10, test, result), 0, 6, 2, 1);
    d.getDialogPane().setContent(g);
    ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, save);
    Button saveButton = (Button) d.getDialogPane().lookupButton(save);
    saveButton.setId("target-save");

    java.util.function.Supplier<TargetSpec> spec = () -> new TargetSpec(name.getText().trim(), url.getText().trim(),
        user.getText().trim().isEmpty() ? null : user.getText().trim(),
        passwordEnv.getText().trim().isEmpty() ? null : passwordEnv.getText().trim(), env.getValue(),
        was == null ? null : was.ledger());
    java.util.function.Supplier<String> typed = () -> password.getText().isEmpty() ? null : password.getText();
    test.setOnAction(e -> {
      String why = TargetsFile.problem(spec.get());
      if (why != null) {
        say(result, "✖ " + why, false);
        return;
      }
      say(result, "◌ connecting…", true);
      test.setDisable(true);
      controller.test(spec.get(), typed.get()).whenComplete((what, error) -> { // completed on the FX thread
        test.setDisable(false);
        say(result, error == null ? "✔ connected: " + what : "✖ " + cause(error), error == null);
      });
    });
    saveButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
      e.consume(); // the dialog closes once the file is written, or stays with the reason
      String why = TargetsFile.problem(spec.get());
      if (why != null) {
        say(result, "✖ " + why, false);
        return;
      }
      saveButton.setDisable(true);
      controller.save(editing, spec.get(), typed.get()).whenComplete((entry, error) -> {
        saveButton.setDisable(false);
        if (error != null) {
          say(result, "✖ " + cause(error), false);
        } else {
          d.setResult(entry);
          d.close();
        }
      });
    });
    d.setResultConverter(b -> null);
    d.show();
    return d;
  }

  private static TextField field(String id, String text, String prompt) {
    TextField f = new TextField(text);
    f.setId(id);
    f.setPromptText(prompt);
    return f;
  }

  private static void say(Label l, String text, boolean ok) {
    l.setText(text);
    l.getStyleClass().removeAll("success-text", "danger-text");
    l.getStyleClass().add(ok ? "success-text" : "danger-text");
  }

  static String cause(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof backstep.playbook.InvalidFileException ife ? ife.problems().get(0).format()
        : String.valueOf(c.getMessage());
  }
}
