package backstep.drill.fault;

import backstep.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens {@code count} idle connections from outside the engine's pool and holds them, as a leaking application
 * pool would; stops early when the server refuses more (the limit is reached). Closed on undo.
 */
public final class ExhaustFault implements Fault {
  private final Database db;
  private final int count;
  private final List<Connection> held = new ArrayList<>();

  ExhaustFault(Database db, int count) {
    this.db = db;
    this.count = count;
  }

  @Override
  public String inject() {
    String refused = null;
    for (int i = 0; i < count; i++) {
      try {
        held.add(db.openDedicated("backstep-drill-fault"));
      } catch (SQLException e) {
        refused = Faults.message(e);
        break;
      }
    }
    return "holding " + held.size() + " idle connections" + (refused == null ? ""
        : " (the server refused more: " + refused + ")");
  }

  @Override
  public String undo() {
    int n = held.size();
    held.forEach(Faults::closeQuietly);
    held.clear();
    return "closed " + n + " held connections";
  }
}
