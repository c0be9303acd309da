package backstep.fleet;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FleetCanaryIT} and {@link FleetCanaryTakeoverIT} share: four members of each test's own (PostgreSQL and
 * MariaDB alternating, each with a {@code probe} view), a PostgreSQL central ledger, and the playbook whose step slows
 * the probe its canary guard watches.
 */
abstract class CanaryMembers {
  /** Slows the probe view by 150 ms a read; the guard watches the probe's latency. */
  static final String PLAYBOOK = """
      id: probe-view
      title: Swap the probe view
      intent: the canary's probe reads the view this change replaces
      telemetry: {interval: 250ms, baseline: 1s}
      canary: SELECT x FROM probe
      guards:
        - metric: canary_ms
          aggregate: p50
          above: %s
          window: 3s
          action: %s
      steps:
        - id: swap
          kind: sql
          title: Replace the probe view
          forward:
            postgresql: CREATE OR REPLACE VIEW probe AS SELECT 1 AS x FROM (SELECT pg_sleep(0.15)) s
            mysql: CREATE OR REPLACE VIEW probe AS SELECT SLEEP(0.15) + 1 AS x
          rollback:
            postgresql: CREATE OR REPLACE VIEW probe AS SELECT 1 AS x
            mysql: CREATE OR REPLACE VIEW probe AS SELECT 1 AS x
      """;

  @TempDir
  Path dir;
  final List<ScratchDb> members = new ArrayList<>();
  ScratchDb central;
  Path targets;

  @BeforeEach
  void create() throws Exception {
    central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    for (int i = 0; i < 4; i++) {
      ScratchDb db = ScratchDb.create(i % 2 == 0 ? ScratchDb.Kind.POSTGRES : ScratchDb.Kind.MARIADB);
      db.exec("CREATE VIEW probe AS SELECT 1 AS x");
      members.add(db);
    }
  }

  @AfterEach
  void drop() throws SQLException {
    for (ScratchDb db : members) {
      db.close();
    }
    central.close();
  }

  Path playbook(String threshold) throws Exception {
    return playbook(threshold, "rollback");
  }

  Path playbook(String threshold, String action) throws Exception {
    Path p = dir.resolve("probe-" + threshold + "-" + action + ".yaml");
    Files.writeString(p, PLAYBOOK.formatted(threshold, action));
    return p;
  }

  void targets(String extra, String groups) throws Exception {
    StringBuilder y = new StringBuilder("ledger: central\ntargets:\n  central:\n    url: " + central.url()
        + "\n    user: postgres\n    environment: staging\n");
    String[] names = {"c1", "c2", "w1", "w2"};
    for (int i = 0; i < members.size(); i++) {
      y.append("  ").append(names[i]).append(":\n    url: ").append(members.get(i).url()).append("\n    user: ")
          .append(members.get(i).user()).append("\n    environment: sandbox\n");
    }
    y.append(extra).append("groups:\n").append(groups);
    targets = dir.resolve("targets.yaml");
    Files.writeString(targets, y.toString());
  }

  Cli.Result fleet(String... args) {
    return FleetCli.fleet(targets, args);
  }

  List<String> rows(String sql) throws SQLException {
    return central.rows(sql);
  }

  String states() throws SQLException {
    return String.join(", ", rows("SELECT member, state FROM backstep.fleet_member ORDER BY ordinal"));
  }
}
