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
import backstep.state.RunState;
import backstep.state.StepState;
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
        RunState state = r.state();
        boolean interrupted = state.moving() && lockFree;
        if (state.moving() && !lockFree) {
          busyBy = r.operator() + " (pid " + r.pid() + " on " + r.host() + ", run " + r.changeId() + ")";
        }
        List<StepExec> execs = steps(c, ledger, r);
        List<StepResult> steps = execs.stream().map(StepExec::result).toList();
        Proof proof = state == RunState.ROLLED_BACK ? proof(c, ledger, r) : null;
        boolean live = state.moving() && !lockFree; // its process is at work: nothing of it is in doubt yet
        String explanation = explain(r, interrupted, execs, live ? Map.of() : inFlight(target, c, execs));
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

  private List<StepExec> steps(Connection c, Ledger ledger, RunRecord r) throws SQLException {
    Map<Integer, StepRecord> recs = new LinkedHashMap<>();
    for (StepRecord s : ledger.steps(c, r.runId())) {
      recs.put(s.index(), s);
    }
    Playbook pb;
    try {
      pb = PlaybookLoader.forRecordedRun().parse(Path.of(String.valueOf(r.playbookPath())),
          ledger.playbookText(c, r.runId()));
    } catch (InvalidFileException e) {
      return recs.values().stream().map(s -> StepExec.from(s, null)).toList();
    }
    List<StepExec> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      StepRecord s = recs.get(i);
      out.add(s == null ? new StepExec(i, pb.steps().get(i)) : StepExec.from(s, pb.steps().get(i)));
    }
    return out;
  }

  /**
   * For each step whose ledger row records a statement in flight (the process died between sending it and
   * recording it done): what the database shows of it, in words, by step id.
   */
  private Map<String, String> inFlight(Connection target, Connection c, List<StepExec> steps) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    InFlightCheck check = new InFlightCheck(db, target, c);
    for (StepExec e : steps) {
      var f = InFlight.of(e);
      if (f.isPresent() && e.step instanceof backstep.playbook.SqlStep) {
        out.put(e.step.id(), check.check(e, f.get()).describe(e.step.id()));
      }
    }
    return out;
  }

  static String explain(RunRecord r, boolean interrupted, List<StepExec> steps, Map<String, String> inFlight) {
    RunState state = r.state();
    String applied = steps.stream().filter(s -> s.state == StepState.APPLIED || s.state == StepState.SKIPPED)
        .map(s -> s.step.id()).collect(Collectors.joining(", "));
    String why = r.error() == null ? "" : r.error().replaceFirst("^step '[^']*': ", "");
    StepExec current = steps.stream().filter(s -> s.state == StepState.RUNNING
        || s.state == StepState.FAILED || s.state == StepState.ROLLING_BACK
        || s.state == StepState.ROLLBACK_FAILED).findFirst().orElse(null);
    boolean partly = current != null && (current.inEffect() || inFlight.containsKey(current.step.id()));
    String inEffect = applied.isEmpty() ? (partly ? "no step is applied in full" : "no step is applied")
        : "steps in effect: " + applied;
    String next = " Run `backstep resume` to continue or `backstep rollback` to undo.";
    String part = partial(current, current == null ? null : inFlight.get(current.step.id()));
    return switch (state) {
      case APPLIED -> inEffect;
      case ROLLED_BACK -> "rolled back; nothing of it is in effect";
      case ABORTED -> "failed before anything was applied: " + r.error();
      case PAUSED -> "paused part way (" + inEffect + ")." + next;
      case FAILED -> "failed" + (current == null ? "" : " at step '" + current.step.id() + "'") + ": " + why + " ("
          + inEffect + part + ")." + next;
      case ROLLBACK_FAILED -> "rollback failed" + (current == null ? "" : " at step '" + current.step.id() + "'")
          + ": " + why + part + ". Fix the cause and run `backstep rollback` again.";
      case RUNNING, ROLLING_BACK, PENDING -> interrupted
          ? "interrupted while " + state.words() + ": the process that ran it (pid " + r.pid() + " on " + r.host()
              + ") is gone; " + inEffect + (current == null
                  ? "; the next step had not committed anything (a step that runs in one transaction is rolled "
                      + "back by the server when its connection dies)"
                  : part) + "." + next
          : "in progress by " + r.operator() + " (pid " + r.pid() + " on " + r.host() + ")";
    };
  }

  /**
   * How far the step under way got: its statements committed, forward or back, a batched statement's rows, and what
   * the database shows of a statement that was in flight ({@code inFlight}, may be null).
   */
  private static String partial(StepExec s, String inFlight) {
    if (s == null || s.statementsTotal == 0) {
      return inFlight == null ? "" : "; " + inFlight;
    }
    boolean back = s.state == StepState.ROLLING_BACK || s.state == StepState.ROLLBACK_FAILED;
    String out = back ? "; step '" + s.step.id() + "' was being rolled back: " + s.rollbackDone
        + " rollback statement(s) committed" : "; step '" + s.step.id() + "' had " + s.statementsDone + " of "
        + s.statementsTotal + " statements committed";
    if (!back && inFlight == null && s.detail.containsKey(SqlStepRunner.PARTIAL)) {
      Object batches = s.detail.get(SqlStepRunner.BATCHES);
      out += ", and statement " + (s.statementsDone + 1) + " in part" + (batches == null ? "" : " (batched: "
          + s.rows + " rows had committed in " + batches + " batch(es))");
    }
    return inFlight == null ? out : out + "; " + inFlight;
  }
}
