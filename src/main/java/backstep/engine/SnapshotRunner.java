package backstep.engine;

import backstep.db.Dialect;
import backstep.integrity.CheckResult;
import backstep.integrity.DataChecks;
import backstep.ledger.EventType;
import backstep.playbook.SnapshotStep;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes recovery points: copies the rows a destructive step will touch into a recovery table (PostgreSQL schema
 * {@code backstep_recovery}; MySQL/MariaDB tables prefixed {@code backstep_rp_}), verifies the copy by row count
 * against the source and records its checksum, so a restore can first prove the copy is unchanged.
 */
final class SnapshotRunner {
  static final String PG_SCHEMA = "backstep_recovery";

  private final RunSession s;

  SnapshotRunner(RunSession s) {
    this.s = s;
  }

  /** The recovery table of a snapshot step in a run: deterministic, so a later process finds it. */
  static String tableName(Dialect d, String runId, String stepId) {
    String base = stepId.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
    String run = runId.replace("-", "").substring(0, 8);
    String name = (d == Dialect.POSTGRES ? "" : backstep.integrity.Scope.RECOVERY_TABLE_PREFIX) + base;
    name = name.substring(0, Math.min(name.length(), 63 - run.length() - 1));
    return name + "_" + run;
  }

  static String qualified(Dialect d, String table) {
    return d == Dialect.POSTGRES ? PG_SCHEMA + "." + table : table;
  }

  void forward(StepExec e) throws StepFailure {
    SnapshotStep step = (SnapshotStep) e.step;
    Dialect d = s.dialect();
    String table = tableName(d, s.run().runId(), step.id());
    String copy = qualified(d, table);
    List<String> cols = new ArrayList<>(step.key());
    step.columns().stream().filter(c -> !cols.contains(c)).forEach(cols::add);
    String select = "SELECT " + (step.columns().isEmpty() ? "*" : String.join(", ", cols)) + " FROM " + step.table()
        + (step.where() == null ? "" : " WHERE " + step.where());
    Connection c = s.work();
    var head = s.ledger().head();
    e.attempts = 1;
    try {
      boolean tx = d.transactionalDdl();
      c.setAutoCommit(!tx);
      try (Statement st = c.createStatement()) {
        if (d == Dialect.POSTGRES) {
          st.execute("CREATE SCHEMA IF NOT EXISTS " + PG_SCHEMA);
        }
        st.execute("DROP TABLE IF EXISTS " + copy);
        st.execute("CREATE TABLE " + copy + " AS " + select);
        long source = count(st, "SELECT count(*) FROM (" + select + ") src");
        long copied = count(st, "SELECT count(*) FROM " + copy);
        if (source != copied) {
          throw new StepFailure("recovery point " + copy + " holds " + copied + " rows but the source has " + source,
              false);
        }
        CheckResult sum = DataChecks.on(c, d, d == Dialect.POSTGRES ? PG_SCHEMA : s.db().schema()).checksum(table);
        e.rows = copied;
        e.detail.put("copy", copy);
        e.detail.put("rows", copied);
        e.detail.put("checksum", String.valueOf(sum.value()));
        e.detail.put("source", select);
        Map<String, Object> ev = new LinkedHashMap<>(e.detail);
        Connection in = tx ? c : s.control();
        s.recordInStep(in, conn -> s.event(conn, EventType.RECOVERY_POINT, step.id(), s.run().operator(), ev));
        s.finishStep(in, e, Direction.FORWARD);
        if (tx) {
          c.commit();
          s.committed();
        }
      }
    } catch (SQLException ex) {
      s.abandon(c, head);
      throw new StepFailure("recovery point for " + step.table() + ": " + RunSession.dbMessage(ex),
          Dialect.isConnectionLost(ex));
    } catch (StepFailure f) {
      s.abandon(c, head);
      throw f;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        backstep.db.DebugLog.ignored(SnapshotRunner.class, "reported above", ignored);
        // reported above
      }
    }
  }

  /** Proves a recovery point is unchanged since it was taken (same checksum) before a restore reads it. */
  void verifyUnchanged(StepExec snapshot) throws StepFailure {
    Object recorded = snapshot.detail.get("checksum");
    String table = tableName(s.dialect(), s.run().runId(), snapshot.step.id());
    try {
      CheckResult now = DataChecks.on(s.work(), s.dialect(), s.dialect() == Dialect.POSTGRES ? PG_SCHEMA
          : s.db().schema()).checksum(table);
      if (recorded == null || !recorded.toString().equals(String.valueOf(now.value()))) {
        throw new StepFailure("recovery point " + qualified(s.dialect(), table) + " changed since it was taken "
            + "(checksum " + recorded + " → " + now.value() + "); refusing to restore from it", false);
      }
    } catch (SQLException ex) {
      throw new StepFailure("recovery point " + qualified(s.dialect(), table) + " cannot be read: "
          + RunSession.dbMessage(ex), false);
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
