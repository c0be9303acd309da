package backstep.drill.fault;

import backstep.db.Database;
import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A trigger on a table that makes writes slow ({@code pg_sleep} / {@code SLEEP} per row) or makes them fail (an
 * error raised for rows matching an optional condition on {@code NEW}/{@code OLD}). Dropped on undo.
 */
public final class TriggerFault implements Fault {
  private final Database db;
  private final String table;
  private final List<String> create;
  private final List<String> drop;
  private final String what;
  private boolean created;

  private TriggerFault(Database db, String table, List<String> create, List<String> drop, String what) {
    this.db = db;
    this.table = table;
    this.create = create;
    this.drop = drop;
    this.what = what;
  }

  static TriggerFault slow(Database db, String name, String table, String delay) {
    double secs = seconds(delay);
    if (db.dialect() == Dialect.POSTGRES) {
      return new TriggerFault(db, table, List.of(
          "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(" + secs
              + "); RETURN NEW; END $$",
          "CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
              + name + "()"),
          List.of("DROP TRIGGER IF EXISTS " + name + " ON " + table, "DROP FUNCTION IF EXISTS " + name + "()"),
          "every insert and update on " + table + " sleeps " + secs + " s per row");
    }
    return new TriggerFault(db, table, List.of(
        "CREATE TRIGGER " + name + "_i BEFORE INSERT ON " + table + " FOR EACH ROW SET @backstep_drill = SLEEP(" + secs
            + ")",
        "CREATE TRIGGER " + name + "_u BEFORE UPDATE ON " + table + " FOR EACH ROW SET @backstep_drill = SLEEP(" + secs
            + ")"),
        List.of("DROP TRIGGER IF EXISTS " + name + "_i", "DROP TRIGGER IF EXISTS " + name + "_u"),
        "every insert and update on " + table + " sleeps " + secs + " s per row");
  }

  static TriggerFault fail(Database db, String name, String table, String on, String where, String message) {
    String event = on.toUpperCase(java.util.Locale.ROOT);
    String msg = message.replace("'", "''");
    String what = "every " + on + " on " + table + (where == null ? "" : " where " + where) + " fails";
    if (db.dialect() == Dialect.POSTGRES) {
      return new TriggerFault(db, table, List.of(
          "CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '"
              + msg.replace("%", "%%") + "' USING ERRCODE = 'P0001'; END $$",
          "CREATE TRIGGER " + name + " BEFORE " + event + " ON " + table + " FOR EACH ROW"
              + (where == null ? "" : " WHEN (" + where + ")") + " EXECUTE FUNCTION " + name + "()"),
          List.of("DROP TRIGGER IF EXISTS " + name + " ON " + table, "DROP FUNCTION IF EXISTS " + name + "()"),
          what);
    }
    return new TriggerFault(db, table, List.of("CREATE TRIGGER " + name + " BEFORE " + event + " ON " + table
        + " FOR EACH ROW IF " + (where == null ? "TRUE" : where) + " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '"
        + msg + "'; END IF"), List.of("DROP TRIGGER IF EXISTS " + name), what);
  }

  private static double seconds(String delay) {
    String d = delay.trim();
    if (d.endsWith("ms")) {
      return Double.parseDouble(d.substring(0, d.length() - 2).trim()) / 1000.0;
    }
    return Double.parseDouble(d.replace("s", "").trim());
  }

  @Override
  public String inject() throws SQLException {
    try (Connection c = db.openDedicated("backstep-drill-fault"); Statement st = c.createStatement()) {
      if (db.dialect() == Dialect.POSTGRES) {
        st.execute("SET lock_timeout = '5s'");
      }
      for (String sql : create) {
        st.execute(sql);
        created = true;
      }
    }
    return what;
  }

  @Override
  public String undo() {
    if (!created) {
      return "no trigger was created";
    }
    List<String> failed = new ArrayList<>();
    try (Connection c = db.openDedicated("backstep-drill-fault"); Statement st = c.createStatement()) {
      for (String sql : drop) {
        try {
          st.execute(sql);
        } catch (SQLException e) {
          failed.add(Faults.message(e));
        }
      }
    } catch (SQLException e) {
      failed.add(Faults.message(e));
    }
    created = !failed.isEmpty();
    return failed.isEmpty() ? "dropped the fault trigger on " + table
        : "could not drop the fault trigger on " + table + ": " + String.join("; ", failed);
  }
}
