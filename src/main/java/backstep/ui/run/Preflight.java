package backstep.ui.run;

import backstep.db.Database;
import backstep.engine.EngineException;
import backstep.engine.StatusReader;
import backstep.engine.TargetStatus;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Preflight: the plan and the checks before a run — the file validated again as it is now, SQL for the target's
 * database in every step, the playbook meant for this target, the target reachable, its run lock free and no run
 * left half-applied. Runs on a background thread; returns a value.
 */
final class Preflight {
  private Preflight() {}

  record Check(boolean ok, String text) {}

  /** The checks, the playbook as the file is now (null when invalid), the target status and the plan lines. */
  record Report(List<Check> checks, Playbook playbook, TargetStatus status, List<String> plan) {
    boolean passed() {
      return checks.stream().allMatch(Check::ok);
    }

    long failed() {
      return checks.stream().filter(c -> !c.ok()).count();
    }
  }

  static Report run(Path file, Playbook opened, Set<String> knownTargets, Database db) {
    List<Check> checks = new ArrayList<>();
    Playbook pb;
    try {
      pb = new PlaybookLoader(knownTargets).load(file);
      checks.add(new Check(true, "playbook valid: " + pb.id() + " v" + pb.version() + ", " + pb.steps().size()
          + " steps, sha256 " + pb.sha256().substring(0, 12)));
      if (opened != null && !opened.sha256().equals(pb.sha256())) {
        checks.add(new Check(true, "the file changed since it was opened: reloaded"));
      }
    } catch (InvalidFileException e) {
      checks.add(new Check(false, "playbook invalid: " + e.problems().size() + " problem(s), first: "
          + e.problems().get(0).format()));
      return new Report(checks, null, null, List.of());
    }
    var family = db.dialect().family();
    boolean sqlOk = pb.dialects().contains(family);
    checks.add(new Check(sqlOk, sqlOk ? family.key() + " SQL for every step"
        : "no " + family.key() + " SQL for some steps: it cannot run on " + db.dialect().displayName()));
    boolean meant = pb.targets().isEmpty() || pb.targets().contains(db.spec().name()) || db.spec().isSandbox();
    checks.add(new Check(meant, meant ? "meant for " + db.spec().name()
        : "not meant for " + db.spec().name() + " (its targets: " + String.join(", ", pb.targets()) + ")"));
    TargetStatus st;
    try {
      st = new StatusReader(db).status();
    } catch (EngineException e) {
      checks.add(new Check(false, e.getMessage()));
      return new Report(checks, pb, null, plan(pb, db));
    }
    checks.add(new Check(true, "connected: " + st.server()));
    checks.add(new Check(st.busyBy() == null, st.busyBy() == null ? "run lock free"
        : "run lock held by " + st.busyBy()));
    List<String> others = st.playbooks().stream().filter(p -> !p.state().settled())
        .filter(p -> !p.playbookId().equals(pb.id()))
        .map(p -> p.playbookId() + " (" + p.changeId() + ", " + p.state().words() + ")").toList();
    checks.add(new Check(others.isEmpty(), others.isEmpty() ? "no other run half-applied"
        : "half-applied: " + String.join(", ", others) + " — resolve it first"));
    st.playbooks().stream().filter(p -> p.playbookId().equals(pb.id())).findFirst().ifPresent(p ->
        checks.add(new Check(true, "last run of this playbook here: " + p.changeId() + ", " + p.state().words())));
    return new Report(checks, pb, st, plan(pb, db));
  }

  private static List<String> plan(Playbook pb, Database db) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      Step s = pb.steps().get(i);
      String how = s instanceof SqlStep sql ? (sql.runsInOneTransaction(db.dialect().family(),
          db.dialect().transactionalDdl()) ? "one transaction" : "statement by statement") : s.kind();
      out.add((i + 1) + ". " + s.title() + " [" + s.kind() + (s instanceof SqlStep ? ", " + how : "") + "]");
    }
    return out;
  }
}
