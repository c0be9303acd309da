package backstep.ledger;

import static backstep.ledger.LedgerColumns.ENDED_AT;
import static backstep.ledger.LedgerColumns.STARTED_AT;
import static backstep.ledger.LedgerColumns.TARGET;
import static backstep.ledger.LedgerColumns.instant;
import static backstep.ledger.LedgerColumns.local;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The drill attempts kept with a target's ledger: {@code backstep.drill_attempt} on PostgreSQL,
 * {@code backstep_drill_attempt} on MySQL/MariaDB, one row per attempt with its scores and debrief as JSON. The
 * timeline's faults, alerts and decisions are hash-chained events of the run the drill applied
 * ({@code FAULT_INJECTED}, {@code FAULT_UNDONE}, {@code DRILL_ALERT}, {@code DRILL_DECISION}, {@code DRILL_SCORED}).
 */
public final class DrillAttempts {
  /** One attempt as stored; {@code scores} and {@code debrief} are JSON. */
  public record Attempt(String attemptId, String target, String drillId, String drillSha256, String changeId,
      String runId, Instant startedAt, Instant endedAt, boolean automatic, boolean passed, String scores,
      String debrief) {}

  static final Field<String> ATTEMPT_ID = DSL.field(DSL.name("attempt_id"), SQLDataType.VARCHAR(40).nullable(false));
  static final Field<String> DRILL_ID = DSL.field(DSL.name("drill_id"), SQLDataType.VARCHAR(100).nullable(false));
  static final Field<String> DRILL_SHA = DSL.field(DSL.name("drill_sha256"), SQLDataType.CHAR(64));
  static final Field<String> CHANGE_ID = DSL.field(DSL.name("change_id"), SQLDataType.VARCHAR(80));
  static final Field<String> RUN_ID = DSL.field(DSL.name("run_id"), SQLDataType.VARCHAR(40));
  static final Field<Boolean> AUTOMATIC = DSL.field(DSL.name("automatic"), SQLDataType.BOOLEAN.nullable(false));
  static final Field<Boolean> PASSED = DSL.field(DSL.name("passed"), SQLDataType.BOOLEAN.nullable(false));
  static final Field<String> SCORES = DSL.field(DSL.name("scores"), SQLDataType.CLOB);
  static final Field<String> DEBRIEF = DSL.field(DSL.name("debrief"), SQLDataType.CLOB);

  private final Database db;
  private final String target;
  private final Table<Record> table;

  public DrillAttempts(Database target) {
    this.db = target.ledgerStore();
    this.target = target.spec().name();
    this.table = table(db.dialect() == Dialect.POSTGRES);
  }

  private static Table<Record> table(boolean pg) {
    return DSL.table(pg ? DSL.name("backstep", "drill_attempt") : DSL.name("backstep_drill_attempt"));
  }

  /** Creates the table if absent (called by {@link Ledger#ensureSchema}). */
  static void create(DSLContext d, boolean pg) {
    d.createTableIfNotExists(table(pg))
        .columns(ATTEMPT_ID, TARGET, DRILL_ID, DRILL_SHA, CHANGE_ID, RUN_ID, STARTED_AT,
            ENDED_AT, AUTOMATIC, PASSED, SCORES, DEBRIEF)
        .constraints(DSL.primaryKey(ATTEMPT_ID))
        .execute();
  }

  public void insert(Connection c, Attempt a) throws SQLException {
    db.dsl(c).insertInto(table)
        .set(ATTEMPT_ID, a.attemptId()).set(TARGET, target).set(DRILL_ID, a.drillId())
        .set(DRILL_SHA, a.drillSha256()).set(CHANGE_ID, a.changeId()).set(RUN_ID, a.runId())
        .set(STARTED_AT, local(a.startedAt())).set(ENDED_AT, local(a.endedAt()))
        .set(AUTOMATIC, a.automatic()).set(PASSED, a.passed()).set(SCORES, a.scores()).set(DEBRIEF, a.debrief())
        .execute();
  }

  /** Whether the table exists (read-only commands on a target that never ran a drill find none). */
  public boolean exists(Connection c) throws SQLException {
    var meta = c.getMetaData();
    String name = table.getName();
    try (var rs = db.dialect() == Dialect.POSTGRES ? meta.getTables(null, "backstep", name, null)
        : meta.getTables(c.getCatalog(), null, name, null)) {
      return rs.next();
    }
  }

  /** Attempts of one drill on this target, oldest first (the trend reads left to right). */
  public List<Attempt> list(Connection c, String drillId) throws SQLException {
    return db.dsl(c).select(ATTEMPT_ID, TARGET, DRILL_ID, DRILL_SHA, CHANGE_ID, RUN_ID, STARTED_AT,
            ENDED_AT, AUTOMATIC, PASSED, SCORES, DEBRIEF)
        .from(table).where(TARGET.eq(target).and(DRILL_ID.eq(drillId))).orderBy(STARTED_AT)
        .fetch(r -> new Attempt(r.get(ATTEMPT_ID), r.get(TARGET), r.get(DRILL_ID), r.get(DRILL_SHA),
            r.get(CHANGE_ID), r.get(RUN_ID), instant(r.get(STARTED_AT)),
            instant(r.get(ENDED_AT)), Boolean.TRUE.equals(r.get(AUTOMATIC)),
            Boolean.TRUE.equals(r.get(PASSED)), r.get(SCORES), r.get(DEBRIEF)));
  }
}
