package backstep.lint;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Changes that rewrite or copy a whole table: BS007 (column type changes), BS008 (PostgreSQL ADD COLUMN with a
 * volatile default), BS013 (MySQL/MariaDB ADD COLUMN without ALGORITHM=INSTANT).
 */
final class RewriteCheck implements Check {
  /**
   * Volatile functions: evaluated per row, so PostgreSQL must write every row. {@code now()} and
   * {@code CURRENT_TIMESTAMP} are stable, evaluated once and stored in the catalog (PostgreSQL 11+): no rewrite.
   */
  private static final Pattern VOLATILE = Pattern.compile(
      "\\b(random|gen_random_uuid|uuid_generate_v[14]\\w*|clock_timestamp|timeofday|nextval|statement_timestamp"
          + "|txid_current|uuidv4|uuidv7)\\s*\\(", Pattern.CASE_INSENSITIVE);
  private static final Set<String> SERIAL = Set.of("serial", "bigserial", "smallserial", "serial4", "serial8",
      "serial2");

  @Override
  public void check(StepContext c) {
    for (Timeline.Entry e : c.forward()) {
      for (Action a : e.parsed().actions()) {
        if (a instanceof Action.AlterType t && c.existing(t.table(), e.ordinal())) {
          typeChange(c, e, t);
        } else if (a instanceof Action.AddColumn col && c.existing(col.table(), e.ordinal())) {
          addColumn(c, e.parsed(), col);
        }
      }
    }
  }

  private static void typeChange(StepContext c, Timeline.Entry e, Action.AlterType t) {
    String col = t.table() + "." + t.column();
    if (t.using()) {
      c.report(Rule.BS007, e.parsed(), "changes " + col + " to " + t.type() + " USING an expression: every row is "
          + "rewritten");
      return;
    }
    Optional<ColumnType> old = c.rollback().stream().flatMap(p -> p.all(Action.AlterType.class).stream())
        .filter(r -> r.table().equals(t.table()) && r.column().equals(t.column())).map(Action.AlterType::type)
        .findFirst().or(() -> c.timeline().addedType(t.table(), t.column(), e.ordinal()));
    if (old.isEmpty()) {
      c.report(Rule.BS007, e.parsed(), "changes the type of " + col + " to " + t.type() + "; the old type is "
          + "unknown (the rollback does not change it back), so a rewrite is assumed");
    } else if (ColumnType.rewrites(old.get(), t.type(), c.family())) {
      c.report(Rule.BS007, e.parsed(), "changes " + col + " from " + old.get() + " to " + t.type() + ": the table "
          + "is " + (c.postgres() ? "rewritten" : "copied") + " under a lock");
    }
  }

  private static void addColumn(StepContext c, Parsed at, Action.AddColumn col) {
    String name = col.table() + "." + col.column();
    if (c.postgres()) {
      String specs = col.specs().toUpperCase(Locale.ROOT);
      String why = VOLATILE.matcher(col.defaultSql()).find() ? "the volatile default " + col.defaultSql()
          : SERIAL.contains(col.type().name()) ? "the type " + col.type().name() + " (a nextval() default)"
          : specs.contains("GENERATED") && (specs.contains("STORED") || specs.contains("IDENTITY"))
              ? "a generated (stored or identity) value" : null;
      if (why != null) {
        c.report(Rule.BS008, at, "adds " + name + " with " + why + ": every existing row is written under "
            + "ACCESS EXCLUSIVE");
      }
    } else if (!at.algorithm().equals("INSTANT")) {
      c.report(Rule.BS013, at, "adds " + name + " without ALGORITHM=INSTANT: the server may copy the table instead");
    }
  }
}
