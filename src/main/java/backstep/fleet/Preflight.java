package backstep.fleet;

import backstep.db.Database;
import backstep.engine.CheckOutcome;
import backstep.engine.CheckRunner;
import backstep.engine.EngineException;
import backstep.engine.GuardSoak;
import backstep.engine.Sleeper;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.TargetLock;
import backstep.lint.Finding;
import backstep.lint.Linter;
import backstep.lint.Severity;
import backstep.playbook.CheckSpec;
import backstep.playbook.DialectFamily;
import backstep.playbook.Monitoring;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One member's preflight, changing nothing: it connects, takes and releases the run lock, finds no half-applied run
 * and no applied run of the same playbook in the member's ledger, checks the playbook's dialect and targets, lints
 * it at the chosen severity for the member's dialect, and evaluates the playbook's {@code before} checks.
 */
final class Preflight {
  /**
   * A member's verdict: ready, or every reason it is not, in words; for a canary member that will be observed, the
   * guards' baselines measured before anything changed (else null).
   */
  record Verdict(String member, boolean ok, String words, List<Double> baselines) {}

  private final Playbook pb;
  private final Severity severity;
  private final Clock clock;

  Preflight(Playbook pb, Severity severity, Clock clock) {
    this.pb = pb;
    this.severity = severity;
    this.clock = clock;
  }

  /** Checks one member; {@code observed}: it is a canary member the group soaks after the change. */
  Verdict check(String member, Fleet.Members members, boolean observed) {
    List<String> problems = new ArrayList<>();
    try (Database db = members.open(member)) {
      DialectFamily family = db.dialect().family();
      if (!pb.targets().isEmpty() && !pb.targets().contains(member)) {
        problems.add("the playbook is not meant for this target (its targets: " + String.join(", ", pb.targets())
            + ")");
      }
      if (!pb.dialects().contains(family)) {
        problems.add("the playbook is for " + pb.dialects().stream().map(DialectFamily::key).toList()
            + " only, not " + db.dialect().displayName());
      }
      List<Finding> lint = Linter.lint(pb).stream().filter(f -> f.severity().atLeast(severity)
          && (f.dialect() == null || f.dialect() == family)).toList();
      if (!lint.isEmpty()) {
        problems.add("lint: " + lint.size() + " finding(s) at or above " + severity.word() + ", first: "
            + lint.get(0).oneLine());
      }
      int checks = 0;
      try (Connection lock = db.connection()) {
        if (!TargetLock.tryAcquire(lock, db.dialect())) {
          problems.add("the run lock is held: another Backstep process is working on it");
        } else {
          try {
            ledger(db, problems);
            if (problems.isEmpty()) {
              for (CheckOutcome o : new CheckRunner(db).run(lock, pb.checks(), CheckSpec.Phase.BEFORE, null)) {
                checks++;
                if (!o.passed()) {
                  problems.add("before check '" + o.name() + "' failed: " + o.value() + " (expected " + o.expected()
                      + (o.detail() == null ? "" : "; " + o.detail()) + ")");
                }
              }
            }
          } finally {
            TargetLock.release(lock, db.dialect());
          }
        }
      }
      List<Double> baselines = null;
      if (problems.isEmpty() && observed) {
        Monitoring m = GuardSoak.monitoring(pb, db);
        if (m.guards().isEmpty()) {
          problems.add("the group observes its canary after the change (after_canary.observe), but no guard would "
              + "watch this member: the playbook declares no guards and a " + db.spec().environment().key()
              + " target has no default ones");
        } else {
          baselines = GuardSoak.baselines(db, pb, clock, Sleeper.REAL);
        }
      }
      if (problems.isEmpty()) {
        return new Verdict(member, true, "ready: " + db.dialect().displayName() + " " + db.serverVersion()
            + ", run lock free, nothing half-applied, lint clean at " + severity.word() + ", " + checks
            + " before check(s) passed" + (baselines == null ? "" : ", baselines of " + baselines.size()
            + " guard(s) measured for the canary's soak"), baselines);
      }
    } catch (EngineException e) {
      problems.add(e.getMessage());
    } catch (SQLException e) {
      problems.add("database error: " + e.getMessage());
    }
    return new Verdict(member, false, String.join("; ", problems), null);
  }

  private void ledger(Database db, List<String> problems) throws SQLException {
    Ledger ledger = new Ledger(db);
    try (Connection c = ledger.connection()) {
      if (!ledger.exists(c)) {
        return;
      }
      for (RunRecord r : ledger.runsInStates(c, RunState.unsettled())) {
        problems.add("half-applied: run " + r.changeId() + " of playbook '" + r.playbookId() + "' is "
            + r.state().words() + " (finish it with `backstep resume` or undo it with "
            + "`backstep rollback`)");
      }
      for (RunRecord r : ledger.runs(c, pb.id(), 1)) {
        if (r.state() == RunState.APPLIED) {
          problems.add("already applied: run " + r.changeId() + " applied playbook '" + pb.id() + "' v"
              + r.playbookVersion() + " here");
        }
      }
    }
  }
}
