package backstep.ui.shell;

import backstep.db.Database;
import backstep.db.TargetSpec;
import backstep.engine.TargetStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One target in the list: its spec, its connection state in words, and (once open) its database and status. */
public final class TargetEntry {
  /** Where the connection stands. */
  public enum Connection {
    CLOSED("○", "not connected"), OPENING("◌", "connecting…"), OPEN("●", "connected"), FAILED("✖", "unreachable");

    private final String icon;
    private final String words;

    Connection(String icon, String words) {
      this.icon = icon;
      this.words = words;
    }

    public String icon() {
      return icon;
    }

    public String words() {
      return words;
    }
  }

  private final TargetSpec spec;
  private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(Connection.CLOSED);
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<TargetStatus> status = new ReadOnlyObjectWrapper<>();
  private Database database;

  TargetEntry(TargetSpec spec) {
    this.spec = spec;
  }

  public TargetSpec spec() {
    return spec;
  }

  public String name() {
    return spec.name();
  }

  /** The open database, or null; only for handing to background work. */
  public Database database() {
    return database;
  }

  public ReadOnlyObjectProperty<Connection> connectionProperty() {
    return connection.getReadOnlyProperty();
  }

  /** Plain words: "starting sandbox…", "PostgreSQL 15.19", or why it failed. */
  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  /** What the target's ledger says, refreshed after connecting and after every run. */
  public ReadOnlyObjectProperty<TargetStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  void opening(String words) {
    connection.set(Connection.OPENING);
    detail.set(words);
  }

  void opened(Database db) {
    database = db;
    detail.set(db.dialect().displayName() + " " + db.serverVersion());
    connection.set(Connection.OPEN);
  }

  void failed(String why) {
    database = null;
    status.set(null);
    detail.set(why);
    connection.set(Connection.FAILED);
  }

  void closed() {
    database = null;
    status.set(null);
    detail.set("");
    connection.set(Connection.CLOSED);
  }

  void status(TargetStatus s) {
    status.set(s);
  }

  @Override
  public String toString() {
    return spec.name();
  }
}
