package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.Json;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** `backstep watch` samples live metrics on both database families; what the target cannot tell is null, not 0. */
class WatchIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void printsOneJsonReadingPerInterval(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      db.exec("CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
      Cli.Result r = Cli.on(db, "watch", "--count", "3", "--interval", "200", "--json", "--canary",
          "SELECT * FROM t WHERE id = 1");
      assertEquals(0, r.exit(), r::toString);
      List<String> lines = r.out().lines().toList();
      assertEquals(3, lines.size(), r::toString);
      JsonNode last = Json.MAPPER.readTree(lines.get(2));
      assertTrue(last.get("probe_ms").asDouble() > 0, lines.get(2));
      assertTrue(last.get("canary_ms").asDouble() > 0, lines.get(2));
      assertEquals(0, last.get("lock_waiters").asInt(), lines.get(2));
      assertTrue(last.get("commits_per_s").isNumber(), "a rate once two samples exist: " + lines.get(2));
      assertTrue(last.get("active_connections").asInt() >= 1, lines.get(2));
      assertTrue(last.get("replication_lag_s").isNull(), "no replication here: unavailable, not 0");
    }
  }
}
