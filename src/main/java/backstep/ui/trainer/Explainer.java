package backstep.ui.trainer;

import backstep.playbook.DialectFamily;
import backstep.playbook.FlagStep;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.SnapshotStep;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains a playbook's steps in plain words, from the playbook's own fields: the intent, the locks its SQL takes
 * (read from the statements' keywords — PostgreSQL's lock levels, or MySQL/MariaDB's metadata locks and online
 * DDL), and how the step is undone. No JavaFX, no database: a trainer can read it before any target exists.
 */
public final class Explainer {
  private static final Pattern TABLE = Pattern.compile(
      "(?i)\\b(?:alter\\s+table(?:\\s+only)?(?:\\s+if\\s+exists)?|update|insert\\s+into|delete\\s+from|lock\\s+table"
          + "|truncate(?:\\s+table)?|\\bon)\\s+([\\w.\"`]+)");

  private Explainer() {}

  public static List<Explanation> explain(Playbook p, DialectFamily family) {
    List<Explanation> out = new ArrayList<>();
    int n = p.steps().size();
    for (int i = 0; i < n; i++) {
      Step s = p.steps().get(i);
      out.add(new Explanation(i, n, s.title(), s.kind(), does(s), locks(s, family), undo(s, family),
          s instanceof SqlStep q ? q.forward().display(family) : "",
          s instanceof SqlStep q ? q.rollback().display(family) : ""));
    }
    return out;
  }

  private static String does(Step s) {
    String intent = s.intent() == null || s.intent().isBlank() ? "" : s.intent().strip();
    String what;
    if (s instanceof ManualStep m) {
      what = "A person does this and ticks it: " + m.instruction().strip();
    } else if (s instanceof GateStep g) {
      what = "A decision point: " + g.prompt().strip() + (g.approval() ? " A second person must approve." : "");
    } else if (s instanceof FlagStep f) {
      what = "Turns the feature flag " + f.flag() + " " + (f.value() ? "on" : "off")
          + ": the code is already deployed; this only activates it.";
    } else if (s instanceof SnapshotStep sn) {
      what = "Takes a recovery point: copies the rows of " + sn.table()
          + " the next steps will touch, verified by checksum.";
    } else if (s instanceof backstep.playbook.ObserveStep o) {
      what = "Holds the run for " + o.duration().toMillis() / 1000.0 + " s while the guards watch; their verdict "
          + "passes it, pauses it for a person, or rolls the run back.";
    } else {
      what = sqlDoes((SqlStep) s);
    }
    return intent.isEmpty() ? what : intent + (s instanceof SqlStep ? "" : "\n" + what);
  }

  /** For a step without an intent: what its first statement does, in words. */
  static String sqlDoes(SqlStep q) {
    List<SqlText.Stmt> st = q.forward().statements(DialectFamily.POSTGRESQL);
    if (st.isEmpty()) {
      st = q.forward().statements(DialectFamily.MYSQL);
    }
    if (st.isEmpty()) {
      return "Runs SQL against the target.";
    }
    String sql = st.get(0).sql().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    String t = table(st.get(0).sql());
    String more = st.size() > 1 ? " (" + st.size() + " statements)" : "";
    if (sql.startsWith("UPDATE")) {
      return "Rewrites values in existing rows of " + t + (st.get(0).batched() ? ", in batches that each commit"
          : "") + more + ".";
    }
    if (sql.startsWith("ALTER TABLE")) {
      return "Changes the structure of " + t + more + ".";
    }
    if (sql.startsWith("CREATE") && sql.contains("INDEX")) {
      return "Builds an index on " + t + more + ".";
    }
    if (sql.startsWith("DROP INDEX")) {
      return "Removes an index" + more + ": queries that used it fall back to other plans.";
    }
    if (sql.startsWith("INSERT")) {
      return "Adds rows to " + t + more + ".";
    }
    if (sql.startsWith("DELETE")) {
      return "Deletes rows of " + t + more + ".";
    }
    return "Runs SQL against the target" + more + ".";
  }

  static String locks(Step s, DialectFamily family) {
    if (s instanceof SqlStep q) {
      return sqlLocks(q.forward(), family);
    }
    if (s instanceof FlagStep f) {
      return "One row of " + f.table() + " (a row lock for an instant).";
    }
    if (s instanceof SnapshotStep sn) {
      return "Reads " + sn.table() + " (" + (family == DialectFamily.POSTGRESQL ? "ACCESS SHARE: "
          : "a consistent read: ") + "writes carry on) and writes only its own recovery table.";
    }
    return s instanceof GateStep ? "Nothing: the run waits for the decision; no transaction is open."
        : s instanceof backstep.playbook.ObserveStep ? "Nothing: only the sampler's reads; no transaction is open."
        : "Nothing in the database.";
  }

  static String sqlLocks(SqlText sql, DialectFamily family) {
    Set<String> lines = new LinkedHashSet<>();
    for (SqlText.Stmt st : sql.statements(family)) {
      String one = statementLocks(st.sql(), family, st.batched());
      if (one != null) {
        lines.add(one);
      }
    }
    return lines.isEmpty() ? "No table lock worth naming." : String.join("\n", lines);
  }

  static String statementLocks(String sql, DialectFamily family, boolean batched) {
    String s = sql.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    String t = table(sql);
    boolean pg = family == DialectFamily.POSTGRESQL;
    if (s.startsWith("SELECT") || s.startsWith("SET ") || s.startsWith("ANALYZE")) {
      return null;
    }
    if (s.startsWith("CREATE INDEX") || s.startsWith("CREATE UNIQUE INDEX")) {
      if (s.contains("CONCURRENTLY")) {
        return t + ": SHARE UPDATE EXCLUSIVE while the index builds — reads and writes continue; it waits for "
            + "transactions already running.";
      }
      return pg ? t + ": SHARE lock while the index builds — reads continue, every write waits until it is done."
          : t + ": online index build (InnoDB, LOCK=NONE where possible); a metadata lock at start and end.";
    }
    if (s.startsWith("DROP INDEX")) {
      return s.contains("CONCURRENTLY") ? "The index's table: SHARE UPDATE EXCLUSIVE — writes continue."
          : pg ? "The index's table: ACCESS EXCLUSIVE for an instant (catalog only)."
          : t + ": metadata lock for an instant.";
    }
    if (s.startsWith("CREATE TABLE") || s.startsWith("CREATE VIEW") || s.startsWith("CREATE OR REPLACE")) {
      return "Nothing existing: it creates a new object.";
    }
    if (s.startsWith("ALTER TABLE")) {
      if (!pg) {
        return t + ": a metadata lock; InnoDB does the change online (INSTANT or INPLACE) where it can, else it "
            + "copies the table while writes wait.";
      }
      if (s.contains("VALIDATE CONSTRAINT")) {
        return t + ": SHARE UPDATE EXCLUSIVE while it scans — reads and writes continue.";
      }
      if (s.contains("NOT VALID")) {
        return t + ": a brief lock to add the constraint; no scan (existing rows are checked later).";
      }
      if (s.contains(" TYPE ")) {
        return t + ": ACCESS EXCLUSIVE while the table is rewritten — nothing reads or writes it meanwhile.";
      }
      if (s.contains("SET NOT NULL") || s.contains("ADD PRIMARY KEY") || s.contains("ADD CONSTRAINT")) {
        return t + ": ACCESS EXCLUSIVE while every row is checked — reads and writes wait for the scan.";
      }
      return t + ": ACCESS EXCLUSIVE for an instant (a catalog change; it queues behind long transactions, "
          + "which is why the step has a lock timeout).";
    }
    if (s.startsWith("UPDATE") || s.startsWith("DELETE") || s.startsWith("INSERT")) {
      return t + ": only the rows it changes" + (batched ? ", one batch at a time (each batch commits)" : "")
          + "; readers are not blocked.";
    }
    if (s.startsWith("DROP TABLE") || s.startsWith("TRUNCATE")) {
      return t + ": ACCESS EXCLUSIVE — and the data is gone unless a snapshot step kept it.";
    }
    if (s.startsWith("LOCK TABLE")) {
      return t + ": the lock the statement names, until the transaction ends.";
    }
    return null;
  }

  static String table(String sql) {
    Matcher m = TABLE.matcher(sql);
    return m.find() ? m.group(1).replace("\"", "").replace("`", "") : "the table";
  }

  private static String undo(Step s, DialectFamily family) {
    if (s instanceof ManualStep m) {
      return m.rollbackInstruction() == null || m.rollbackInstruction().isBlank() ? "Nothing to undo by hand."
          : "By hand: " + m.rollbackInstruction().strip();
    }
    if (s instanceof FlagStep f) {
      return "The rollback puts " + f.flag() + " back to the value it found (or removes the row).";
    }
    if (s instanceof SnapshotStep) {
      return "Nothing to undo: the copy is kept; later steps' rollback restores from it.";
    }
    if (s instanceof SqlStep q) {
      return q.rollback().statements(family).isEmpty() ? "No rollback SQL for " + family.key()
          + ": this step cannot be undone by the engine." : "Its rollback SQL mirrors it (below), and "
          + (q.verifyRollback().isEmpty() ? "its verify queries" : "its rollback checks") + " prove it is undone.";
    }
    return "Nothing to undo: a gate only records who decided.";
  }
}
