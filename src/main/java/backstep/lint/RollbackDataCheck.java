package backstep.lint;

/**
 * BS015: a rollback that empties a table, or deletes from it by a condition rather than by the keys forward
 * inserted, also removes the rows the application wrote after forward ran. Quiet for tables this playbook created
 * (they held nothing before it) and for tables the rollback drops anyway.
 */
final class RollbackDataCheck implements Check {
  @Override
  public void check(StepContext c) {
    for (Parsed p : c.rollback()) {
      for (Action a : p.actions()) {
        String table = a.table();
        if (table.isEmpty() || c.createdByPlaybook(table) || dropsTable(c, table)) {
          continue;
        }
        if (a instanceof Action.Truncate) {
          c.report(Rule.BS015, p, "truncates " + table + " in the rollback: rows written to " + table + " after "
              + "forward ran are lost too");
        } else if (a instanceof Action.Delete d && !d.where()) {
          c.report(Rule.BS015, p, "deletes every row of " + table + " in the rollback: rows written after forward "
              + "ran are lost too");
        } else if (a instanceof Action.Delete d && !d.byKey() && p.recoveryRefs().isEmpty()) {
          c.report(Rule.BS015, p, "deletes rows of " + table + " by a condition, not by the keys forward inserted: "
              + "matching rows written after forward ran are lost too");
        }
      }
    }
  }

  private static boolean dropsTable(StepContext c, String table) {
    return c.rollbackActions().stream().anyMatch(a -> a instanceof Action.DropTable d && d.table().equals(table));
  }
}
