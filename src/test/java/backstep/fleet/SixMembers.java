package backstep.fleet;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link FleetIT} and {@link FleetTakeoverIT} share: six scratch members (PostgreSQL and MariaDB alternating,
 * made once a class, each left as it was by every test), a PostgreSQL central ledger of each test's own and the
 * playbook that adds {@code accounts.tier}.
 */
abstract class SixMembers {
  static final List<ScratchDb> MEMBERS = new ArrayList<>();
  static final Map<String, List<String>> PRISTINE = new LinkedHashMap<>();

  @TempDir
  Path dir;
  ScratchDb central;
  Path targets;
  Path playbook;

  @BeforeAll
  static void members() throws Exception {
    for (int i = 1; i <= 6; i++) {
      ScratchDb db = ScratchDb.create(i % 2 == 1 ? ScratchDb.Kind.POSTGRES : ScratchDb.Kind.MARIADB);
      MEMBERS.add(db);
      db.exec("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40))",
          "INSERT INTO accounts VALUES (1, 'ada'), (2, 'bo'), (3, 'cy')");
      PRISTINE.put("m" + i, db.dump());
    }
  }

  @AfterAll
  static void dropMembers() throws SQLException {
    for (ScratchDb db : MEMBERS) {
      db.close();
    }
    MEMBERS.clear();
    PRISTINE.clear();
  }

  @BeforeEach
  void ledger() throws Exception {
    central = ScratchDb.create(ScratchDb.Kind.POSTGRES);
    playbook = dir.resolve("tier.yaml");
    Files.writeString(playbook, """
        id: account-tier
        title: Add accounts.tier
        intent: give every account a tier
        checks:
          - name: accounts keep every row
            row_count: accounts
            expect_same_as: before
            when: [after_forward, after_rollback]
        steps:
          - id: add-tier
            kind: sql
            title: Add a nullable tier column
            forward: ALTER TABLE accounts ADD COLUMN tier INT
            rollback: ALTER TABLE accounts DROP COLUMN tier
        """);
  }

  @AfterEach
  void dropLedger() throws Exception {
    for (ScratchDb db : MEMBERS) { // every test leaves the members as they were
      if (hasTier(db)) {
        db.exec("ALTER TABLE accounts DROP COLUMN tier");
      }
    }
    central.close();
  }

  void targets(String group) throws Exception {
    StringBuilder y = new StringBuilder("ledger: central\ntargets:\n  central:\n    url: " + central.url()
        + "\n    user: postgres\n    environment: staging\n");
    for (int i = 0; i < MEMBERS.size(); i++) {
      ScratchDb m = MEMBERS.get(i);
      y.append("  m").append(i + 1).append(":\n    url: ").append(m.url()).append("\n    user: ").append(m.user())
          .append("\n    environment: sandbox\n");
    }
    y.append("groups:\n").append(group);
    targets = dir.resolve("targets.yaml");
    Files.writeString(targets, y.toString());
  }

  static boolean hasTier(ScratchDb db) throws SQLException {
    String sql = db.kind() == ScratchDb.Kind.POSTGRES
        ? "SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'tier'"
        : "SELECT count(*) FROM information_schema.columns WHERE table_schema = DATABASE() "
            + "AND table_name = 'accounts' AND column_name = 'tier'";
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  List<String> rows(String sql) throws SQLException {
    return central.rows(sql);
  }

  String memberStates() throws SQLException {
    return String.join(", ", rows("SELECT member, state FROM backstep.fleet_member ORDER BY ordinal"));
  }

  Cli.Result fleet(String... args) {
    return FleetCli.fleet(targets, args);
  }
}
