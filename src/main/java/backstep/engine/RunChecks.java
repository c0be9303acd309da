package backstep.engine;

import backstep.db.Database;
import backstep.ledger.EventType;
import backstep.playbook.CheckSpec;
import backstep.playbook.Playbook;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The playbook's checks across the phases of one run (before, after each step, after forward, after rollback):
 * evaluates them on the run's work connection, records each as a CHECK event on the control connection (commits at
 * once), tells the listener, and keeps the outcomes for the run's result.
 */
final class RunChecks {
  private final RunSession s;
  private final List<CheckSpec> specs;
  private final CheckRunner runner;
  private final List<CheckOutcome> outcomes = new ArrayList<>();
  private boolean wantsRollback;

  RunChecks(RunSession s, Playbook playbook, Database db) {
    this.s = s;
    this.specs = playbook.checks();
    this.runner = new CheckRunner(db, s.listener().checkProgress(), scanReason(playbook, db));
  }

  /**
   * The SQL of {@code playbook} that turns foreign-key enforcement off ({@code step <id> <forward|rollback>: …}), read
   * only when the playbook has an orphans check: nothing else depends on it.
   */
  static List<String> bypasses(Playbook playbook, Database db) {
    boolean orphanChecks = playbook.checks().stream().anyMatch(c -> c.kind() == CheckSpec.Kind.ORPHANS);
    return orphanChecks ? backstep.lint.ForeignKeyBypass.find(playbook, db.dialect().family()) : List.of();
  }

  /**
   * Why this run's orphan checks must count rows even where an enforced foreign key would prove there are none: its
   * own SQL turns enforcement off (lint rule BS014, found here regardless of lint suppressions); null when it does
   * not.
   */
  static String scanReason(Playbook playbook, Database db) {
    List<String> bypass = bypasses(playbook, db);
    return bypass.isEmpty() ? null : "the playbook turns foreign-key enforcement off (" + bypass.get(0)
        + (bypass.size() > 1 ? ", and " + (bypass.size() - 1) + " more" : "") + ")";
  }

  /**
   * Evaluates the playbook's checks of {@code phase} on the work connection, records each in the ledger and tells
   * the listener. Returns true when a check that must hold in this phase failed (the run must stop).
   */
  /** Whether the playbook has no checks at all. */
  boolean none() {
    return specs.isEmpty();
  }

  boolean run(CheckSpec.Phase phase, String step) throws SQLException {
    if (specs.isEmpty()) {
      return false;
    }
    boolean stop = false;
    List<CheckOutcome> outs = runner.run(s.work(), specs, phase, step);
    for (int i = 0; i < outs.size(); i++) {
      CheckOutcome o = outs.get(i);
      CheckSpec spec = specs.stream().filter(c -> c.name().equals(o.name())).findFirst().orElseThrow();
      s.event(s.control(), EventType.CHECK, step, "check", ledgerDetail(o));
      outcomes.add(o);
      s.listener().checkDone(o);
      if (!o.passed() && CheckRunner.blocks(spec, phase)) {
        stop = true;
        wantsRollback |= spec.rollbackOnFail();
        if (s.error() == null) {
          s.error("check '" + o.name() + "' failed " + phase.key().replace('_', ' ') + (step == null ? ""
              : " '" + step + "'") + ": " + o.value() + " (expected " + o.expected() + ")"
              + (o.detail() == null || o.detail().isBlank() ? "" : " — " + o.detail()));
        }
      }
    }
    return stop;
  }

  private static Map<String, Object> ledgerDetail(CheckOutcome o) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", o.name());
    d.put("phase", o.phase());
    d.put("value", o.value());
    d.put("before", o.before());
    d.put("expected", o.expected());
    d.put("passed", o.passed());
    d.put("detail", o.detail());
    d.put("ms", o.ms());
    d.put("basis", o.basis());
    return d;
  }

  /** True when a failed check asked for the run to be rolled back (rollback_on_fail). */
  boolean wantsRollback() {
    return wantsRollback;
  }

  /** Reloads the before-values this run recorded, for expect_same_as in a later process. */
  void loadBaselines() throws SQLException {
    if (!specs.isEmpty()) {
      runner.loadBefore(s.control(), s.ledger(), s.run().runId());
    }
  }

  List<CheckOutcome> outcomes() {
    return outcomes;
  }
}
