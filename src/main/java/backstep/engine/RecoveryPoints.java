package backstep.engine;

import backstep.db.Database;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The recovery points a target's ledger knows of, and whether each is still kept. */
public final class RecoveryPoints {
  /** One recovery point. */
  public record Point(String table, String stepId, String runId, String changeId, long rows, String checksum,
      Instant takenAt, boolean exists) {}

  private RecoveryPoints() {}

  public static List<Point> list(Database db) throws EngineException {
    Ledger ledger = new Ledger(db);
    try (Connection c = ledger.connection(); Connection target = db.connection()) {
      if (!ledger.exists(c)) {
        return List.of();
      }
      Map<String, String> changes = new HashMap<>();
      for (RunRecord r : ledger.runs(c, null, 10_000)) {
        changes.put(r.runId(), r.changeId());
      }
      Set<String> dropped = new HashSet<>();
      List<Point> out = new ArrayList<>();
      for (EventRecord e : ledger.events(c, null)) {
        if (e.type().equals("RECOVERY_DROPPED") && e.detail() != null) {
          dropped.add(Json.MAPPER.readTree(e.detail()).path("copy").asText());
        }
      }
      for (EventRecord e : ledger.events(c, null)) {
        if (e.type().equals("RECOVERY_POINT") && e.detail() != null) {
          JsonNode d = Json.MAPPER.readTree(e.detail());
          String copy = d.path("copy").asText();
          out.add(new Point(copy, e.stepId(), e.runId(), changes.get(e.runId()), d.path("rows").asLong(),
              d.path("checksum").asText(), e.at(), !dropped.contains(copy) && exists(target, db, copy)));
        }
      }
      return out;
    } catch (SQLException | java.io.IOException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read recovery points: " + e.getMessage());
    }
  }

  static boolean exists(Connection c, Database db, String qualified) throws SQLException {
    String[] parts = qualified.split("\\.");
    String schema = parts.length == 2 ? parts[0] : db.schema();
    String table = parts[parts.length - 1];
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema.replace("'", "''")
            + "' AND table_name = '" + table.replace("'", "''") + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }
}
