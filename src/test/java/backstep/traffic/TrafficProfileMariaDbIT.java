package backstep.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.drill.WorkloadSpec;
import backstep.drill.load.Workload;
import backstep.testing.Await;
import backstep.testing.Cli;
import backstep.testing.MariaDbServer;
import backstep.testing.ScratchDb;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Param;
import backstep.traffic.TrafficProfile.Role;
import backstep.traffic.TrafficProfile.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MariaDB: a shop's traffic on a scratch server with performance_schema on is captured from its statement digests;
 * replayed on the same database, a second capture shows the captured rate and read/write mix within 10 %. On the
 * machine's own servers (no pg_stat_statements, performance_schema off) the capture says what to switch on.
 */
class TrafficProfileMariaDbIT {
  @TempDir
  Path dir;

  @Test
  void aCapturedMariaDbProfileReplaysWithinTenPercentOfItsRateAndMix() throws Exception {
    Assumptions.assumeTrue(MariaDbServer.unavailable() == null, MariaDbServer::unavailable);
    try (MariaDbServer server = MariaDbServer.start("--performance-schema=ON")) {
      try (Connection c = server.connect(""); Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE shop");
      }
      try (Connection c = server.connect("shop")) {
        DemoSchema.seed(c, org.jooq.SQLDialect.MARIADB, false);
      }
      WorkloadSpec shop = new WorkloadSpec(3, 150, 60, 25, 15, "orders", "id", "total_cents", Map.of("customer_id",
          "7", "status", "'secret-status'", "created_at", "CURRENT_TIMESTAMP"), "customers", "id", 2000,
          Duration.ZERO);
      Path captured = dir.resolve("shop.profile.yaml");
      Cli.Result cap;
      try (Database db = open(server); Workload w = new Workload(db, shop, Clock.systemUTC())) {
        w.start();
        // the capture's first read once the shop's clients keep its rate (a full second at 90 % of it or more)
        Await.until("the shop's clients at their rate", Duration.ofSeconds(30), () -> {
          Instant now = Instant.now();
          return w.completed(now.minusSeconds(1), now) >= 0.9 * shop.rate();
        });
        cap = capture(server, captured, 10);
      }
      assertEquals(0, cap.exit(), cap::toString);
      System.out.println(cap.out());
      String text = Files.readString(captured);
      assertFalse(text.contains("secret-status"), "a value of the source is in the profile:\n" + text);
      TrafficProfile p = ProfileFile.load(captured);
      Shape insert = p.shapes().stream().filter(s -> s.sql().startsWith("INSERT")).findFirst().orElseThrow();
      assertEquals(Kind.WRITE, insert.kind());
      Param id = insert.params().stream().filter(x -> "orders.id".equals(x.column())).findFirst().orElseThrow(() ->
          new AssertionError(insert.toString()));
      assertTrue(id.unique() && id.role() == Role.VALUE, id::toString);
      Shape read = p.shapes().stream().filter(s -> s.kind() == Kind.READ).findFirst().orElseThrow();
      assertEquals("customers.id", read.params().get(0).column(), read::toString);

      try (Connection c = server.connect(""); Statement st = c.createStatement()) {
        ReplayCheck.replaysWithinTenPercent(captured, dir, server.url("shop"), "root", 16, () -> {
          try (ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(COUNT_STAR), 0) FROM "
              + "performance_schema.events_statements_summary_by_digest WHERE SCHEMA_NAME = 'shop'")) {
            rs.next();
            return rs.getLong(1);
          }
        }, 10);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aServerWithoutStatementStatisticsIsToldWhatToSwitchOn(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Path out = dir.resolve("none.yaml");
      Cli.Result r = Cli.on(db, "traffic", "capture", "--seconds", "1", "-o", out.toString());
      assertEquals(4, r.exit(), r::toString);
      assertTrue(r.err().contains(kind == ScratchDb.Kind.POSTGRES ? "shared_preload_libraries = "
          + "'pg_stat_statements'" : "performance_schema is off on this server"), r::toString);
      assertFalse(r.err().contains("Exception"), r::toString);
      assertFalse(Files.exists(out), "no profile written");
    }
  }

  private static Database open(MariaDbServer s) throws Exception {
    return Database.open(new TargetSpec("shop", s.url("shop"), "root", null, EnvironmentClass.SANDBOX), "",
        Path.of("target"), false);
  }

  private static Cli.Result capture(MariaDbServer s, Path out, int seconds) {
    return Cli.run(List.of("traffic", "capture", "--url", s.url("shop"), "--user", "root", "--seconds",
        Integer.toString(seconds), "-o", out.toString()).toArray(new String[0]));
  }
}
