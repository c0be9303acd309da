package backstep.engine;

import backstep.playbook.FlagStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Flips a feature toggle in one transaction with its ledger rows. The value found before is recorded, and
 * rollback restores exactly it — deleting the row when there was none — so the table ends as it began.
 */
final class FlagRunner {
  private final RunSession s;

  FlagRunner(RunSession session) {
    this.s = session;
  }

  private Table<?> table(FlagStep f) {
    return DSL.table(DSL.name(f.table().split("\\.")));
  }

  private Field<String> key(FlagStep f) {
    return DSL.field(DSL.name(f.keyColumn()), SQLDataType.VARCHAR);
  }

  private Field<Boolean> value(FlagStep f) {
    return DSL.field(DSL.name(f.valueColumn()), SQLDataType.BOOLEAN);
  }

  /** The flag's current value, or null when its row does not exist. */
  private Boolean current(DSLContext d, FlagStep f) {
    Record1<Boolean> r = d.select(value(f)).from(table(f)).where(key(f).eq(f.flag())).fetchOne();
    return r == null ? null : r.value1() != null && r.value1();
  }

  private boolean exists(DSLContext d, FlagStep f) {
    return d.fetchExists(d.selectOne().from(table(f)).where(key(f).eq(f.flag())));
  }

  SqlStepRunner.Check applied(FlagStep f) throws StepFailure {
    try {
      Boolean v = current(s.db().dsl(s.work()), f);
      return new SqlStepRunner.Check(v != null && v == f.value(),
          List.of(f.table() + "." + f.flag() + " = " + (v == null ? "(absent)" : v)));
    } catch (org.jooq.exception.DataAccessException e) {
      throw new StepFailure("cannot read flag " + f.flag() + " from " + f.table() + ": " + message(e), false);
    }
  }

  void forward(StepExec e) throws StepFailure {
    FlagStep f = (FlagStep) e.step;
    inTransaction(e, Direction.FORWARD, d -> {
      boolean existed = exists(d, f);
      Boolean before = existed ? current(d, f) : null;
      if (existed) {
        d.update(table(f)).set(value(f), f.value()).where(key(f).eq(f.flag())).execute();
      } else {
        d.insertInto(table(f)).set(key(f), f.flag()).set(value(f), f.value()).execute();
      }
      e.detail.put("existed", existed);
      e.detail.put("previous", before);
      e.detail.put("value", f.value());
      e.rows = 1;
    });
  }

  void rollback(StepExec e) throws StepFailure {
    FlagStep f = (FlagStep) e.step;
    boolean existed = Boolean.TRUE.equals(e.detail.get("existed"));
    Object previous = e.detail.get("previous");
    inTransaction(e, Direction.ROLLBACK, d -> {
      if (!existed) {
        d.deleteFrom(table(f)).where(key(f).eq(f.flag())).execute();
      } else {
        d.update(table(f)).set(value(f), Boolean.TRUE.equals(previous)).where(key(f).eq(f.flag())).execute();
      }
      e.note(existed ? "restored " + f.flag() + " to " + previous : "removed " + f.flag() + " (it did not exist)");
    });
  }

  interface Work {
    void run(DSLContext d);
  }

  private void inTransaction(StepExec e, Direction dir, Work work) throws StepFailure {
    Connection c = s.work();
    var head = s.ledger().head();
    e.attempts++;
    try {
      c.setAutoCommit(false);
      work.run(s.db().dsl(c));
      s.finishStep(c, e, dir);
      c.commit();
      s.committed();
    } catch (SQLException | org.jooq.exception.DataAccessException ex) {
      s.abandon(c, head);
      throw new StepFailure("flag " + f(e) + ": " + message(ex), false);
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        backstep.db.DebugLog.ignored(FlagRunner.class, "reported above", ignored);
        // reported above
      }
    }
  }

  private static String f(StepExec e) {
    return ((FlagStep) e.step).flag();
  }

  private static String message(Exception ex) {
    Throwable t = ex;
    while (t.getCause() instanceof SQLException) {
      t = t.getCause();
    }
    return t instanceof SQLException sql ? RunSession.dbMessage(sql) : String.valueOf(t.getMessage());
  }
}
