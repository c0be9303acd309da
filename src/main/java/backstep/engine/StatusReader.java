package backstep.engine;

import backstep.adopt.MigrationTable;
import backstep.adopt.MigrationTables;
import backstep.db.Database;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.ledger.TargetLock;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a target's ledger and explains it: never writes, never waits for the run lock. */
public final class StatusReader {
  private final Database db;

  public StatusReader(Database db) {
    this.db = db;
  }

  public TargetStatus status() throws EngineException {
    Ledger ledger = new Ledger(db);
    try (Connection target = db.connection(); Connection c = ledger.connection()) {
      String server = db.dialect().displayName() + " " + db.serverVersion();
      boolean lockFree = !TargetLock.isHeld(target, db.dialect());
      if (!ledger.exists(c)) {
        return new TargetStatus(db.spec().name(), db.spec().environment().key(), server, null, List.of());
      }
      Map<String, RunRecord> latest = new LinkedHashMap<>();
      for (RunRecord r : ledger.runs(c, null, 1000)) {
        latest.putIfAbsent(r.playbookId(), r);
      }
      String busyBy = null;
      List<TargetStatus.PlaybookState> out = new ArrayList<>();
      for (RunRecord r : latest.values()) {
        RunState state = RunState.valueOf(r.state());
        boolean interrupted = state.moving() && lockFree;
        if (state.moving() && !lockFree) {
          busyBy = r.operator() + " (pid " + r.pid() + " on " + r.host() + ", run " + r.changeId() + ")";
        }
        List<StepResult> steps = steps(c, ledger, r);
        Proof proof = state == RunState.ROLLED_BACK ? proof(c, ledger, r) : null;
        String explanation = explain(r, state, interrupted, steps);
        String adopted = r.tags().labels().get(Adopter.TAG);
        if (adopted != null && state == RunState.APPLIED) {
          explanation = "applied (adopted: " + MigrationTables.forFormat(adopted).map(MigrationTable::tool)
              .orElse(adopted) + " applied it, not Backstep; a rollback of it is unproven); " + explanation;
        }
        if (proof != null) {
          explanation = proof.verdict() == Proof.Verdict.DIFFERENT ? "rolled back WITH DIFFERENCES from "
              + proof.against() + ": " + String.join("; ", proof.differences())
              : "rolled back, " + proof.describe() + "; nothing of it is in effect";
        }
        out.add(new TargetStatus.PlaybookState(r.playbookId(), r.playbookVersion(), r.changeId(), r.runId(), state,
            interrupted, r.operator(), r.startedAt(), r.endedAt(), steps, explanation, r.tags(), proof));
      }
      if (busyBy == null && !lockFree) {
        busyBy = "another Backstep process";
      }
      return new TargetStatus(db.spec().name(), db.spec().environment().key(), server, busyBy, out);
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot read the ledger of target '"
          + db.spec().name() + "': " + RunSession.dbMessage(e));
    }
  }

  /** The last ROLLBACK_PROOF event of a rolled-back run, or unproven when it has none. */
  static Proof proof(Connection c, Ledger ledger, RunRecord r) throws SQLException {
    Proof found = Proof.unproven("no proof was recorded for this rollback");
    for (backstep.ledger.EventRecord e : ledger.events(c, r.runId())) {
      if (backstep.ledger.EventType.ROLLBACK_PROOF.name().equals(e.type()) && e.detail() != null) {
        try {
          var n = backstep.playbook.Json.MAPPER.readTree(e.detail());
          List<String> diffs = new ArrayList<>();
          n.path("differences").forEach(d -> diffs.add(d.asText()));
          found = new Proof(Proof.Verdict.valueOf(n.path("verdict").asText("UNPROVEN")), n.path("against").asText(),
              diffs);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ex) {
          found = Proof.unproven("the recorded proof cannot be read");
        }
      }
    }
    return found;
  }

  private List<StepResult> steps(Connection c, Ledger ledger, RunRecord r) throws SQLException {
    Map<Integer, StepRecord> recs = new LinkedHashMap<>();
    for (StepRecord s : ledger.steps(c, r.runId())) {
      recs.put(s.index(), s);
    }
    Playbook pb;
    try {
      pb = PlaybookLoader.forRecordedRun().parse(Path.of(String.valueOf(r.playbookPath())),
          ledger.playbookText(c, r.runId()));
    } catch (InvalidFileException e) {
      return recs.values().stream().map(s -> StepExec.from(s, null)).map(StepExec::result).toList();
    }
    List<StepResult> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      StepRecord s = recs.get(i);
      out.add((s == null ? new StepExec(i, pb.steps().get(i)) : StepExec.from(s, pb.steps().get(i))).result());
    }
    return out;
  }

  static String explain(RunRecord r, RunState state, boolean interrupted, List<StepResult> steps) {
    String applied = steps.stream().filter(s -> s.state() == StepState.APPLIED || s.state() == StepState.SKIPPED)
        .map(StepResult::id).collect(Collectors.joining(", "));
    String inEffect = applied.isEmpty() ? "no step is applied" : "steps in effect: " + applied;
    String why = r.error() == null ? "" : r.error().replaceFirst("^step '[^']*': ", "");
    StepResult current = steps.stream().filter(s -> s.state() == StepState.RUNNING
        || s.state() == StepState.FAILED || s.state() == StepState.ROLLING_BACK
        || s.state() == StepState.ROLLBACK_FAILED).findFirst().orElse(null);
    String next = " Run `backstep resume` to continue or `backstep rollback` to undo.";
    return switch (state) {
      case APPLIED -> inEffect;
      case ROLLED_BACK -> "rolled back; nothing of it is in effect";
      case ABORTED -> "failed before anything was applied: " + r.error();
      case PAUSED -> "paused part way (" + inEffect + ")." + next;
      case FAILED -> "failed" + (current == null ? "" : " at step '" + current.id() + "'") + ": " + why + " ("
          + inEffect + partial(current) + ")." + next;
      case ROLLBACK_FAILED -> "rollback failed" + (current == null ? "" : " at step '" + current.id() + "'") + ": "
          + why + ". Fix the cause and run `backstep rollback` again.";
      case RUNNING, ROLLING_BACK, PENDING -> interrupted
          ? "interrupted while " + state.words() + ": the process that ran it (pid " + r.pid() + " on " + r.host()
              + ") is gone; " + inEffect + (current == null
                  ? "; the next step had not committed anything (a step that runs in one transaction is rolled "
                      + "back by the server when its connection dies)"
                  : partial(current)) + "." + next
          : "in progress by " + r.operator() + " (pid " + r.pid() + " on " + r.host() + ")";
    };
  }

  private static String partial(StepResult s) {
    if (s == null || s.statementsTotal() == 0) {
      return "";
    }
    return "; step '" + s.id() + "' had " + s.statementsDone() + " of " + s.statementsTotal()
        + " statements committed";
  }
}
