package backstep.ui.shell;

import backstep.db.Database;
import backstep.db.TargetSpec;
import backstep.engine.TargetStatus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** A server's name and version at the start of its line: "PostgreSQL 15.20", "MariaDB 10.11.6". */
  private static final Pattern SERVER = Pattern.compile("\\S+ \\d+(\\.\\d+)*");

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

  /**
   * The detail as the sidebar's line under the name says it: a server's name and version only ("PostgreSQL 15.20"
   * of "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)", "MariaDB 10.11.6" of "MariaDB 10.11.6-MariaDB-1:10.11.6+maria~
   * ubu2204"): the whole string was cut in a 264 px sidebar; it stays in the row's tooltip and the status bar.
   */
  String line() {
    String d = detail.get();
    Matcher m = SERVER.matcher(d);
    return connection.get() == Connection.OPEN && m.lookingAt() ? m.group() : d;
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
    connected(db.dialect().displayName() + " " + db.serverVersion());
  }

  /** Connected to a server that says what it is in {@code server}: "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)". */
  void connected(String server) {
    detail.set(server);
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
