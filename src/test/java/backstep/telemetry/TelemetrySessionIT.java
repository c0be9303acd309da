package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.db.Database;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sampler's session settings (its name, its short lock and statement timeouts) stay on its own session: a
 * connection the engine takes from the pool afterwards — a run's work or control connection — is named "backstep"
 * and has the server's timeouts. Before, the sampler borrowed a pooled connection, set them and gave it back: a run
 * started after a target was picked again showed its waiting ALTER as "backstep-telemetry" in the blockers table,
 * with a 900 ms statement timeout on its ledger and fingerprint reads.
 */
class TelemetrySessionIT {
  private static String read(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void thePoolsConnectionsKeepTheirOwnSettingsAfterTheSamplerStops(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb scratch = ScratchDb.create(kind); Database db = scratch.open()) {
      String timeout;
      try (Connection c = db.connection()) {
        timeout = read(c, kind == ScratchDb.Kind.POSTGRES ? "SHOW statement_timeout"
            : "SELECT @@SESSION.innodb_lock_wait_timeout");
      }
      try (Telemetry t = Telemetry.start(db, Clock.systemUTC(), Duration.ofMillis(500), null);
          Connection c = scratch.connect()) {
        if (kind == ScratchDb.Kind.POSTGRES) { // the sampler's own session still carries its name
          assertEquals("1", read(c, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
              + "'backstep-telemetry' AND datname = current_database()"));
        }
      }
      List<Connection> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) { // the first is the one this thread gave back last, if the pool reuses it
          Connection c = db.connection();
          held.add(c);
          if (kind == ScratchDb.Kind.POSTGRES) {
            assertEquals("backstep", read(c, "SHOW application_name"), "connection " + i);
            assertEquals(timeout, read(c, "SHOW statement_timeout"), "connection " + i);
            assertEquals("0", read(c, "SHOW lock_timeout"), "connection " + i);
          } else {
            assertEquals(timeout, read(c, "SELECT @@SESSION.innodb_lock_wait_timeout"), "connection " + i);
          }
        }
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
    }
  }
}
