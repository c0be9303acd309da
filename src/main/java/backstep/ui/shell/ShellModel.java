package backstep.ui.shell;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Window-wide state: who is operating, and the last thing the console has to say. */
public final class ShellModel {
  private final StringProperty operator = new SimpleStringProperty();
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  public ShellModel(String operator) {
    this.operator.set(operator);
  }

  /** The operator's name as typed in the top bar; recorded in the ledger with each run. */
  public StringProperty operatorProperty() {
    return operator;
  }

  public String operator() {
    String o = operator.get();
    return o == null || o.isBlank() ? System.getProperty("user.name") : o.trim();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Shows a message in the status bar (FX thread). */
  public void say(String text) {
    message.set(text);
  }
}
