package backstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run killed before its JVM's shutdown hook leaves its demo shop templates on the machine's servers (20,000
 * customers and 60,000 orders each). A JVM that makes its template first drops every template whose JVM is gone,
 * and none whose JVM still runs, though two runs (helpers, CI) share the servers: a template's JVM holds a session
 * lock named after it for as long as it lives, and the server releases that lock when the JVM's connection ends,
 * killed or not.
 */
class ShopTemplatesIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aKilledRunsTemplateIsDroppedAndALiveRunsIsKept(ScratchDb.Kind kind) throws Exception {
    String own = ShopTemplates.template(kind);
    String killed = ShopTemplates.newName();
    String live = ShopTemplates.newName();
    try (Connection liveRun = ShopTemplates.hold(kind, live)) {
      create(kind, live);
      create(kind, killed); // its JVM's lock went with the JVM
      List<String> dropped = ShopTemplates.dropStale(kind);
      assertEquals(List.of(killed), dropped.stream().filter(n -> n.equals(killed) || n.equals(live)
          || n.equals(own)).toList(), "only the killed run's template is stale");
      assertTrue(!exists(kind, killed) && exists(kind, live) && exists(kind, own),
          "the killed run's template dropped, the live run's and this JVM's kept");
    }
    // the live run's connection ends, as it does when its JVM is killed: now its template is stale too
    List<String> dropped = ShopTemplates.dropStale(kind);
    assertTrue(dropped.contains(live) && !dropped.contains(own), dropped.toString());
    assertTrue(!exists(kind, live) && exists(kind, own), "the ended run's template dropped, this JVM's kept");
    try (ScratchDb copy = ScratchDb.seeded(kind)) {
      assertEquals(List.of("20000"), copy.rows("SELECT count(*) FROM customers"), "this JVM's template still copies");
    }
  }

  private static void create(ScratchDb.Kind kind, String name) throws Exception {
    try (Connection c = ScratchDb.admin(kind); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
  }

  private static boolean exists(ScratchDb.Kind kind, String name) throws Exception {
    String sql = kind == ScratchDb.Kind.POSTGRES ? "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"
        : "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'";
    try (Connection c = ScratchDb.admin(kind)) {
      return ScratchDb.rows(c, sql).equals(List.of("1"));
    }
  }
}
