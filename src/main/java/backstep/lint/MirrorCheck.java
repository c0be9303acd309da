package backstep.lint;

import java.util.List;
import java.util.function.Predicate;

/**
 * BS002: what forward adds (table, column, index, constraint, trigger, view, function), the rollback removes; what
 * forward drops or renames, the rollback brings back.
 */
final class MirrorCheck implements Check {
  /** Object kinds the reader recognises on CREATE, so a DROP of them must be answered by one. */
  private static final java.util.Set<String> MIRRORED_OBJECTS = java.util.Set.of("TRIGGER", "VIEW", "FUNCTION");

  @Override
  public void check(StepContext c) {
    if (c.rollback().stream().anyMatch(p -> !p.parsed())) {
      return;
    }
    List<Action> back = c.rollbackActions();
    for (Timeline.Entry e : c.forward()) {
      for (Action a : e.parsed().actions()) {
        String missing = missing(a, back);
        if (missing != null) {
          c.report(Rule.BS002, e.parsed(), missing);
        }
      }
    }
  }

  /** What the rollback fails to undo of {@code a}, in words; null when it does (or there is nothing to undo). */
  static String missing(Action a, List<Action> back) {
    if (a instanceof Action.CreateTable t) {
      return has(back, Action.DropTable.class, d -> d.table().equals(t.table())) ? null
          : "creates table " + t.table() + "; the rollback does not drop it";
    }
    if (a instanceof Action.AddColumn col) {
      return has(back, Action.DropColumn.class, d -> d.table().equals(col.table()) && d.column().equals(col.column()))
          || droppedTable(back, col.table()) ? null
          : "adds column " + col.table() + "." + col.column() + "; the rollback does not drop it";
    }
    if (a instanceof Action.CreateIndex i) {
      if (i.name().isEmpty()) {
        return "creates an unnamed index on " + i.table() + "; the rollback cannot drop it by name (name it)";
      }
      return has(back, Action.DropIndex.class, d -> d.name().equals(i.name())) || droppedTable(back, i.table()) ? null
          : "creates index " + i.name() + "; the rollback does not drop it";
    }
    if (a instanceof Action.AddConstraint k) {
      return addConstraint(k, back);
    }
    if (a instanceof Action.CreateObject o) {
      return has(back, Action.DropObject.class, d -> d.kind().equals(o.kind()) && d.name().equals(o.name())) ? null
          : "creates " + o.kind().toLowerCase(java.util.Locale.ROOT) + " " + o.name()
              + "; the rollback does not drop it";
    }
    return reverse(a, back);
  }

  private static String addConstraint(Action.AddConstraint k, List<Action> back) {
    if (k.name().isEmpty() && k.kind() != Action.ConstraintKind.PRIMARY_KEY) {
      return "adds an unnamed constraint on " + k.table() + "; the rollback cannot drop it by name (name it)";
    }
    boolean dropped = has(back, Action.DropConstraint.class, d -> d.table().equals(k.table())
        && (d.name().equals(k.name()) || (k.name().isEmpty() && d.name().equals("primary key"))))
        || has(back, Action.DropIndex.class, d -> d.name().equals(k.name())) || droppedTable(back, k.table());
    return dropped ? null : "adds constraint " + (k.name().isEmpty() ? "PRIMARY KEY" : k.name()) + " on " + k.table()
        + "; the rollback does not drop it";
  }

  /** Forward takes something away or renames it: the rollback must bring it back. */
  private static String reverse(Action a, List<Action> back) {
    if (a instanceof Action.DropColumn d) {
      return has(back, Action.AddColumn.class, x -> x.table().equals(d.table()) && x.column().equals(d.column()))
          ? null : "drops column " + d.table() + "." + d.column() + "; the rollback does not add it back";
    }
    if (a instanceof Action.DropTable d) {
      return has(back, Action.CreateTable.class, x -> x.table().equals(d.table())) ? null
          : "drops table " + d.table() + "; the rollback does not re-create it";
    }
    if (a instanceof Action.DropIndex d) {
      return has(back, Action.CreateIndex.class, x -> x.name().equals(d.name()))
          || has(back, Action.AddConstraint.class, x -> x.name().equals(d.name())) ? null
          : "drops index " + d.name() + "; the rollback does not re-create it";
    }
    if (a instanceof Action.DropConstraint d && !d.name().equals("primary key")) {
      return has(back, Action.AddConstraint.class, x -> x.name().equals(d.name()))
          || has(back, Action.CreateIndex.class, x -> x.name().equals(d.name())) ? null
          : "drops constraint " + d.name() + " on " + d.table() + "; the rollback does not add it back";
    }
    if (a instanceof Action.DropObject d) {
      return has(back, Action.CreateObject.class, x -> x.kind().equals(d.kind()) && x.name().equals(d.name()))
          || !MIRRORED_OBJECTS.contains(d.kind()) ? null
          : "drops " + d.kind().toLowerCase(java.util.Locale.ROOT) + " " + d.name() + "; the rollback does not "
              + "re-create it";
    }
    if (a instanceof Action.Rename r) {
      return has(back, Action.Rename.class, x -> x.kind() == r.kind() && x.from().equals(r.to())
          && x.to().equals(r.from())) ? null
          : "renames " + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + r.from() + " to " + r.to()
              + "; the rollback does not rename it back";
    }
    if (a instanceof Action.SetNotNull s) {
      return has(back, Action.DropNotNull.class, x -> x.table().equals(s.table()) && x.column().equals(s.column()))
          || has(back, Action.DropColumn.class, x -> x.table().equals(s.table()) && x.column().equals(s.column()))
          ? null : "sets " + s.table() + "." + s.column() + " NOT NULL; the rollback does not drop NOT NULL";
    }
    return null;
  }

  private static boolean droppedTable(List<Action> back, String table) {
    return has(back, Action.DropTable.class, d -> d.table().equals(table));
  }

  private static <T extends Action> boolean has(List<Action> back, Class<T> type, Predicate<T> test) {
    return back.stream().filter(type::isInstance).map(type::cast).anyMatch(test);
  }
}
