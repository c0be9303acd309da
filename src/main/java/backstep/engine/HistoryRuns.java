package backstep.engine;

import backstep.db.Database;
import backstep.history.History;
import backstep.ledger.RunRecord;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a history in order, or rolls it back newest first, one playbook run per migration. What is applied is
 * what the ledger says: a migration whose latest run on the target is APPLIED (by Backstep, or recorded by
 * {@code backstep adopt}) is skipped by apply and undone by rollback. The first run that does not end as asked stops
 * the walk; nothing after it is started.
 */
public final class HistoryRuns {
  /** What happened to one migration. */
  public enum Action {
    APPLIED("applied"), ALREADY_APPLIED("already applied"), ROLLED_BACK("rolled back"),
    NOT_APPLIED("not applied; nothing to undo"), FAILED("failed"), NOT_RUN("not run"), KEPT("kept (--to)"),
    REPEATABLE("repeatable: never undone, left in place");

    private final String words;

    Action(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** One migration's line in the result; {@code run} is null when nothing ran for it. */
  public record Item(String migration, String playbookId, Action action, RunResult run) {}

  /**
   * The walk. {@code ok} when every run ended as asked and, for a rollback, none was proven different;
   * {@code proof} sums the rollbacks' verdicts up.
   */
  public record Result(String history, String target, Direction direction, boolean ok, List<Item> items,
      String error) {
    public Result {
      items = List.copyOf(items);
    }

    /** The worst rollback verdict among the runs (PROVEN when every one was proven; null for an apply). */
    public Proof.Verdict proof() {
      if (direction != Direction.ROLLBACK) {
        return null;
      }
      Proof.Verdict worst = Proof.Verdict.PROVEN;
      for (Item i : items) {
        if (i.run() == null || i.run().state() != RunState.ROLLED_BACK) {
          continue;
        }
        Proof.Verdict v = i.run().proof() == null ? Proof.Verdict.UNPROVEN : i.run().proof().verdict();
        if (rank(v) > rank(worst)) {
          worst = v;
        }
      }
      return worst;
    }

    private static int rank(Proof.Verdict v) {
      return switch (v) {
        case PROVEN -> 0;
        case DATA_DIFFERS -> 1;
        case UNPROVEN -> 2;
        case DIFFERENT -> 3;
      };
    }
  }

  private final Engine engine;

  /**
   * Asks for the whole history once: the first run's confirmation names every migration the walk will run, and
   * its decision (operator, approver, reason) stands for the runs after it. Gates and manual steps are still asked
   * one by one.
   */
  static Decisions once(Decisions d, String whole) {
    return new Decisions() {
      private Decision given;

      @Override
      public Decision confirmRun(Playbook p, backstep.db.TargetSpec t, Direction dir, String summary) {
        return confirmRun(p, t, dir, summary, java.util.Set.of());
      }

      @Override
      public Decision confirmRun(Playbook p, backstep.db.TargetSpec t, Direction dir, String summary,
          java.util.Set<backstep.db.RunGate> gates) {
        if (given == null || !given.approved()) {
          given = gates.isEmpty() ? d.confirmRun(p, t, dir, whole + "; first: " + summary)
              : d.confirmRun(p, t, dir, whole + "; first: " + summary, gates);
        }
        return given;
      }

      @Override
      public Decision gate(Playbook p, backstep.playbook.GateStep step, backstep.db.TargetSpec t) {
        return d.gate(p, step, t);
      }

      @Override
      public Decision manual(Playbook p, backstep.playbook.ManualStep step, Direction dir) {
        return d.manual(p, step, dir);
      }
    };
  }

  private static String names(History h, List<Integer> which) {
    List<String> n = which.stream().map(i -> History.name(h.migrations().get(i))).toList();
    return n.size() <= 6 ? String.join(", ", n) : String.join(", ", n.subList(0, 3)) + " … "
        + String.join(", ", n.subList(n.size() - 2, n.size()));
  }

  public HistoryRuns(Engine engine) {
    this.engine = engine;
  }

  /**
   * The latest run of each playbook on the target, by playbook id: read under the walk's lock, on its ledger
   * connection (the runs' states only; not the whole status, with every run's steps and proof, on connections of
   * its own).
   */
  static Map<String, RunRecord> latest(HeldLock held) throws EngineException {
    Map<String, RunRecord> out = new HashMap<>();
    try {
      if (held.ledger().exists(held.control())) {
        for (RunRecord r : held.ledger().runs(held.control(), null, 1000)) { // newest first
          out.putIfAbsent(r.playbookId(), r);
        }
      }
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the ledger of target '"
          + held.db().spec().name() + "': " + RunSession.dbMessage(e));
    }
    return out;
  }

  /**
   * Applies every migration up to index {@code to} (inclusive) that is not applied yet. Refuses, before running
   * anything, a history in which an earlier migration is not applied while a later one is, or one is half-applied.
   */
  public Result apply(Database db, History h, int to, RunOptions o, Decisions d, RunListener l)
      throws EngineException {
    for (Playbook pb : h.migrations()) {
      Engine.checkDialect(pb, db);
    }
    try (HeldLock held = engine.hold(db)) {
      return apply(held, h, to, o, d, l);
    }
  }

  private Result apply(HeldLock held, History h, int to, RunOptions o, Decisions d, RunListener l)
      throws EngineException {
    Database db = held.db();
    Map<String, RunRecord> latest = latest(held);
    int lastApplied = -1;
    for (int i = 0; i < h.migrations().size(); i++) {
      RunRecord s = latest.get(h.migrations().get(i).id());
      if (s != null && !s.state().settled()) {
        throw new EngineException(EngineException.BUSY, "migration " + History.name(h.migrations().get(i))
            + " is half-applied on " + db.spec().name() + " (" + s.state().words() + "): resume or roll back its "
            + "run " + s.changeId() + " first");
      }
      if (s != null && s.state() == RunState.APPLIED && !h.migrations().get(i).origin().repeatable()) {
        lastApplied = i; // a repeatable runs after the versioned ones whenever it changes: it is no gap's end
      }
    }
    List<String> gaps = new ArrayList<>();
    for (int i = 0; i < lastApplied; i++) {
      RunRecord s = latest.get(h.migrations().get(i).id());
      if (s == null || s.state() != RunState.APPLIED) {
        gaps.add(History.name(h.migrations().get(i)));
      }
    }
    if (!gaps.isEmpty()) {
      throw new EngineException(EngineException.INVALID, "out of order: " + String.join(", ", gaps)
          + " not applied on " + db.spec().name() + " although the later " + History.name(h.migrations()
          .get(lastApplied)) + " is; Backstep applies a history in order only (roll back to before them, or apply "
          + "them one by one as playbooks)");
    }
    List<Integer> toRun = new ArrayList<>();
    for (int i = lastApplied + 1; i <= Math.min(to, h.migrations().size() - 1); i++) {
      if (!applied(latest, h.migrations().get(i))) {
        toRun.add(i);
      }
    }
    Decisions asked = once(d, "history " + h.id() + ": apply " + toRun.size() + " migration(s) (" + names(h, toRun)
        + ")");
    held.readGit(toRun.stream().map(h.migrations()::get).toList());
    held.notApplied(toRun.stream().map(i -> h.migrations().get(i).id()).toList()); // read just now, under the lock
    List<Item> items = new ArrayList<>();
    String error = null;
    for (int i = 0; i < h.migrations().size(); i++) {
      Playbook pb = h.migrations().get(i);
      String name = History.name(pb);
      if (i > to || error != null) {
        items.add(new Item(name, pb.id(), Action.NOT_RUN, null));
        continue;
      }
      if (i <= lastApplied || applied(latest, pb)) {
        items.add(new Item(name, pb.id(), Action.ALREADY_APPLIED, null));
        continue;
      }
      l.note("applying " + name + " (" + (i + 1) + " of " + h.migrations().size() + ")");
      int at = toRun.indexOf(i);
      // the next migration's full "before" is read as this one's last "after" (one catalog read, not two)
      held.following(at + 1 < toRun.size() ? h.migrations().get(toRun.get(at + 1)) : null);
      RunResult r = Engine.join(engine.apply(held, pb, o, asked, l));
      boolean done = r.state() == RunState.APPLIED;
      items.add(new Item(name, pb.id(), done ? Action.APPLIED : Action.FAILED, r));
      if (!done) {
        error = "migration " + name + " " + r.state().words() + (r.error() == null ? "" : ": " + r.error());
      }
    }
    return new Result(h.id(), db.spec().name(), Direction.FORWARD, error == null, items, error);
  }

  /** Whether the playbook's latest run on the target is APPLIED (by Backstep, or adopted). */
  private static boolean applied(Map<String, RunRecord> latest, Playbook pb) {
    RunRecord s = latest.get(pb.id());
    return s != null && s.state() == RunState.APPLIED;
  }

  /**
   * Rolls back, newest first, every applied migration after index {@code keep} ({@code -1}: all of them), each by
   * its own latest run, stopping at the first that does not end rolled back.
   */
  public Result rollback(Database db, History h, int keep, RunOptions o, Decisions d, RunListener l)
      throws EngineException {
    try (HeldLock held = engine.hold(db)) {
      return rollback(held, h, keep, o, d, l);
    }
  }

  private Result rollback(HeldLock held, History h, int keep, RunOptions o, Decisions d, RunListener l)
      throws EngineException {
    Database db = held.db();
    Map<String, RunRecord> latest = latest(held);
    List<Integer> toUndo = new ArrayList<>();
    for (int i = h.migrations().size() - 1; i > keep; i--) {
      RunRecord s = latest.get(h.migrations().get(i).id());
      if (s != null && s.state() != RunState.ROLLED_BACK && s.state() != RunState.ABORTED
          && !h.migrations().get(i).origin().repeatable()) {
        toUndo.add(i);
      }
    }
    Decisions asked = once(d, "history " + h.id() + ": roll back " + toUndo.size() + " migration(s), newest first ("
        + names(h, toUndo) + ")");
    List<Item> items = new ArrayList<>();
    String error = null;
    for (int i = h.migrations().size() - 1; i >= 0; i--) {
      Playbook pb = h.migrations().get(i);
      String name = History.name(pb);
      RunRecord s = latest.get(pb.id());
      if (i <= keep) {
        items.add(0, new Item(name, pb.id(), s != null && s.state() == RunState.APPLIED ? Action.KEPT
            : Action.NOT_APPLIED, null));
        continue;
      }
      if (error != null) {
        items.add(0, new Item(name, pb.id(), Action.NOT_RUN, null));
        continue;
      }
      if (s == null || s.state() == RunState.ROLLED_BACK || s.state() == RunState.ABORTED) {
        items.add(0, new Item(name, pb.id(), Action.NOT_APPLIED, null));
        continue;
      }
      if (pb.origin().repeatable()) {
        // the source tool re-runs a repeatable whenever it changes and never undoes it; neither does a history
        items.add(0, new Item(name, pb.id(), Action.REPEATABLE, null));
        continue;
      }
      l.note("rolling back " + name);
      RunOptions mine = new RunOptions(o.operator(), o.approver(), null, s.runId(), null);
      RunResult r = Engine.join(engine.rollback(held, pb, mine, asked, l));
      boolean done = r.state() == RunState.ROLLED_BACK && !r.different();
      items.add(0, new Item(name, pb.id(), done ? Action.ROLLED_BACK : Action.FAILED, r));
      if (!done) {
        error = "migration " + name + " " + r.state().words() + (r.different() ? " WITH DIFFERENCES: "
            + String.join("; ", r.proof().differences()) : r.error() == null ? "" : ": " + r.error());
      }
    }
    return new Result(h.id(), db.spec().name(), Direction.ROLLBACK, error == null, items, error);
  }
}
