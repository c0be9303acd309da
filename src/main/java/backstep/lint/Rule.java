package backstep.lint;

/**
 * The lint rules: id, severity, what they catch, why it is dangerous and the safe alternative. docs/lint-rules.md
 * explains each with SQL; keep the two in step.
 */
public enum Rule {
  BS000(Severity.WARNING, "statement not checked",
      "The SQL parser could not read this statement, so no rule looked at it.",
      "Check it by hand, or rewrite it in a form the parser reads; the finding stays until then."),
  BS001(Severity.ERROR, "destructive statement without a recovery point",
      "DROP TABLE, DROP COLUMN, TRUNCATE and DELETE/UPDATE without WHERE destroy data that no later step can bring "
          + "back unless a copy was taken first.",
      "Add a `snapshot` step before it for that table (and column), so the rows are kept and verified."),
  BS002(Severity.ERROR, "rollback does not mirror forward",
      "What forward adds (table, column, index, constraint) stays after rollback, or what it drops is not "
          + "recreated: after a rollback the schema is not where it started.",
      "Write the rollback as the exact reverse: DROP what forward adds, re-create what it drops, rename back."),
  BS003(Severity.ERROR, "rollback cannot restore data",
      "Forward destroys data (drops a column or table, truncates, deletes every row) and the rollback does not "
          + "read it back from a recovery point: re-creating the column brings back the shape, not the values.",
      "Take a `snapshot` step first and restore from it in the rollback with ${recovery.<snapshot step id>}."),
  BS004(Severity.ERROR, "index built without CONCURRENTLY",
      "On PostgreSQL, CREATE INDEX on an existing table blocks every write to it for the whole build.",
      "CREATE INDEX CONCURRENTLY (Backstep runs such a step outside a transaction); roll back with "
          + "DROP INDEX CONCURRENTLY IF EXISTS."),
  BS005(Severity.ERROR, "constraint validated under a strong lock",
      "On PostgreSQL, ADD FOREIGN KEY / ADD CHECK scans the whole table while holding a lock that blocks writes "
          + "(a foreign key also locks the referenced table).",
      "ADD CONSTRAINT … NOT VALID in one step, then ALTER TABLE … VALIDATE CONSTRAINT in a later step (it takes "
          + "only a SHARE UPDATE EXCLUSIVE lock)."),
  BS006(Severity.ERROR, "SET NOT NULL scans under ACCESS EXCLUSIVE",
      "On PostgreSQL, SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock (no reads, no writes) "
          + "unless a validated CHECK (col IS NOT NULL) already proves it.",
      "Add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a separate transaction, then SET NOT NULL "
          + "(no scan) and drop the check."),
  BS007(Severity.ERROR, "column type change rewrites the table",
      "Most type changes (int→bigint, shrinking a varchar, text→int, anything with USING) rewrite the table and "
          + "its indexes under an exclusive lock.",
      "Expand/contract: add a new column of the new type, backfill it in batches, switch readers, drop the old "
          + "one later. Safe in place: varchar(n)→varchar(m≥n), varchar→text (PostgreSQL)."),
  BS008(Severity.ERROR, "volatile default rewrites the table",
      "On PostgreSQL, ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), serial, "
          + "a stored generated column) fills every row at once: a full rewrite under ACCESS EXCLUSIVE.",
      "Add the column without a default (or with a constant one), set the default for new rows, then backfill "
          + "existing rows in batches."),
  BS009(Severity.WARNING, "rename breaks running code",
      "Application instances still running the old code keep using the old name and fail the moment the rename "
          + "commits; a rollback breaks the new code the same way.",
      "Expand/contract: add the new column (or a view), keep both in step with a trigger, move readers and "
          + "writers, drop the old name in a later change."),
  BS010(Severity.WARNING, "several DDL statements in one MySQL/MariaDB step",
      "MySQL and MariaDB commit each DDL statement on its own; a failure part way leaves the step half-done.",
      "One DDL statement per step (several changes to one table can be one ALTER TABLE with commas)."),
  BS011(Severity.WARNING, "strong lock without a short lock timeout",
      "A statement that takes a strong lock and waits for it queues every other query on the table behind it; "
          + "the step's lock timeout is what bounds that wait.",
      "Keep guards.lock_timeout short (default 200ms; at most 5s) and let Backstep retry with backoff; do not "
          + "disable it or raise it in the SQL."),
  BS012(Severity.WARNING, "backfill UPDATE without batching",
      "One UPDATE over a whole existing table holds row locks on every row it touches until it commits, and "
          + "produces one huge transaction for replicas.",
      "Batch it: WHERE id IN (SELECT … LIMIT ${batch_size}) with guards.batch_size, or bound a small update "
          + "with guards.max_affected_rows."),
  BS013(Severity.INFO, "ADD COLUMN may copy the table (MySQL/MariaDB)",
      "Without ALGORITHM=INSTANT, MySQL/MariaDB silently fall back to rebuilding the table when an instant add "
          + "is not possible (column position, stored generated column, older server).",
      "State ALGORITHM=INSTANT (…, ALGORITHM=INSTANT): the server then refuses instead of copying."),
  BS014(Severity.WARNING, "bypasses foreign-key enforcement",
      "Rows written while enforcement is off (session_replication_role = replica, DISABLE TRIGGER ALL, "
          + "foreign_key_checks = 0) are never checked: a validated foreign key then no longer proves there are no "
          + "orphans, and Backstep falls back to scanning every foreign key for this run.",
      "Keep enforcement on and load parents before children; or add the constraint NOT VALID and VALIDATE it "
          + "afterwards (PostgreSQL), or re-check with `orphans: all` after the step."),
  BS015(Severity.WARNING, "rollback deletes rows written after forward",
      "TRUNCATE, DELETE without WHERE or DELETE by a condition (not by the keys forward inserted) in a rollback also "
          + "removes the rows the application wrote to that table after forward ran: the rollback loses live data.",
      "Restore from a recovery point (a `snapshot` step before the change, read with ${recovery.<id>}), or delete "
          + "only the rows forward inserted, by their keys (WHERE id IN (…), WHERE name = '…')."),
  BS016(Severity.WARNING, "data change that nothing proves",
      "A step without verify is proven by what it changed: the schema fingerprint for DDL, a checksum of the table "
          + "its DML writes. When that table cannot be read from the SQL (a procedure call, a DO block, a statement "
          + "the parser cannot read), nothing shows that the step applied, or that rollback undid it.",
      "Add a verify query that reads what the step changes, or write the change as a plain INSERT, UPDATE or "
          + "DELETE on its table."),
  BS017(Severity.ERROR, "step has no rollback",
      "The step says `rollback_mode: none`: it has no way back (an imported migration whose down script is missing "
          + "or empty, or a change declared irreversible). A rollback that reaches it after it was applied stops "
          + "there and fails; everything before it stays applied.",
      "Write the rollback SQL (the down script) and remove `rollback_mode: none`; or, where the change truly cannot "
          + "be undone, keep a recovery point with a `snapshot` step and accept this error with `lint: {ignore: "
          + "[BS017], reason: …}`.");

  private final Severity severity;
  private final String title;
  private final String explanation;
  private final String alternative;

  Rule(Severity severity, String title, String explanation, String alternative) {
    this.severity = severity;
    this.title = title;
    this.explanation = explanation;
    this.alternative = alternative;
  }

  public String id() {
    return name();
  }

  public Severity severity() {
    return severity;
  }

  public String title() {
    return title;
  }

  /** Why what the rule catches is dangerous. */
  public String explanation() {
    return explanation;
  }

  /** The safe way to do it instead. */
  public String alternative() {
    return alternative;
  }
}
