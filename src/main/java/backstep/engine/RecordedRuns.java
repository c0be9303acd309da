package backstep.engine;

import backstep.db.Database;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.state.RunState;
import backstep.state.StepState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a rollback or resume from the ledger: finds the run it acts on, reads back the playbook version that run
 * applied (refused when it no longer matches its recorded SHA-256), its step states and the step to resume from,
 * and the result of a run that is already settled. Reads the ledger on the control connection, under the run lock
 * the caller holds; writes nothing.
 */
final class RecordedRuns {
  private RecordedRuns() {
  }

  /** The run a rollback or resume acts on. */
  static RunRecord find(Database db, Connection c, Ledger ledger, Playbook fileCopy, RunOptions o, boolean unsettled)
      throws SQLException, EngineException {
    if (o.runId() != null) {
      return ledger.run(c, o.runId()).orElseThrow(() -> new EngineException(EngineException.INVALID,
          "no run '" + o.runId() + "' in the ledger of target '" + db.spec().name() + "'"));
    }
    String pid = fileCopy == null ? null : fileCopy.id();
    List<RunRecord> open = ledger.runsInStates(c, RunState.unsettled()).stream()
        .filter(r -> pid == null || r.playbookId().equals(pid)).toList();
    List<RunRecord> others = ledger.runsInStates(c, RunState.unsettled()).stream()
        .filter(r -> pid != null && !r.playbookId().equals(pid)).toList();
    if (!others.isEmpty()) {
      RunRecord r = others.get(0);
      throw new EngineException(EngineException.BUSY, "target '" + db.spec().name() + "' has another unsettled run: "
          + r.changeId() + " of playbook '" + r.playbookId() + "' (" + r.state().words()
          + "); resolve it first");
    }
    if (!open.isEmpty()) {
      return open.get(open.size() - 1);
    }
    if (unsettled) {
      throw new EngineException(EngineException.INVALID, "nothing to resume on target '" + db.spec().name() + "'"
          + (pid == null ? "" : " for playbook '" + pid + "'") + ": no run is half-applied");
    }
    if (pid == null) {
      return ledger.runs(c, null, 1).stream().findFirst().orElseThrow(() -> new EngineException(
          EngineException.INVALID, "no run recorded on target '" + db.spec().name() + "': nothing to roll back"));
    }
    return ledger.runs(c, pid, 1).stream().findFirst().orElseThrow(() -> new EngineException(
        EngineException.INVALID, "playbook '" + pid + "' has never run on target '" + db.spec().name() + "'"));
  }

  /** The playbook version {@code run} applied, as stored with it in the ledger. */
  static Playbook playbook(Connection c, Ledger ledger, RunRecord run) throws SQLException, EngineException {
    return playbook(c, ledger, run, null);
  }

  /**
   * The playbook version {@code run} applied, as stored with it in the ledger; {@code fileCopy} itself when its text
   * is that stored text, character for character (a rollback or resume given the file it applied): the same text
   * reads as the same playbook, and the loader for recorded runs only accepts more than the one that read the file,
   * it reads nothing differently. Spares parsing it again, which for a long playbook cost more CPU than undoing a
   * step.
   */
  static Playbook playbook(Connection c, Ledger ledger, RunRecord run, Playbook fileCopy)
      throws SQLException, EngineException {
    String text = ledger.playbookText(c, run.runId());
    if (text == null || !PlaybookLoader.checksum(text).equals(run.playbookSha256())) {
      throw new EngineException(EngineException.INVALID, "the playbook stored with run " + run.changeId()
          + " does not match its recorded SHA-256: the ledger was altered. Refusing to act on it; inspect with "
          + "`backstep history --run " + run.changeId() + "`.");
    }
    if (fileCopy != null && text.equals(fileCopy.text())) {
      return fileCopy;
    }
    try {
      return PlaybookLoader.forRecordedRun().parse(Path.of(run.playbookPath() == null ? "ledger" : run.playbookPath()),
          text);
    } catch (InvalidFileException e) {
      throw new EngineException(EngineException.INVALID, "the playbook stored with run " + run.changeId()
          + " cannot be read by this version of Backstep: " + e.getMessage());
    }
  }

  /** The state of every step of {@code run}, as recorded; steps it never reached are new. */
  static List<StepExec> steps(Connection c, Ledger ledger, Playbook pb, RunRecord run) throws SQLException {
    Map<Integer, StepRecord> byIndex = new HashMap<>();
    for (StepRecord r : ledger.steps(c, run.runId())) {
      byIndex.put(r.index(), r);
    }
    List<StepExec> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      StepRecord r = byIndex.get(i);
      out.add(r == null ? new StepExec(i, pb.steps().get(i)) : StepExec.from(r, pb.steps().get(i)));
    }
    return out;
  }

  /** The first step a resume runs: the first neither applied nor skipped ({@code steps.size()} when none). */
  static int resumeFrom(List<StepExec> steps) {
    int from = 0;
    while (from < steps.size()
        && (steps.get(from).state == StepState.APPLIED || steps.get(from).state == StepState.SKIPPED)) {
      from++;
    }
    return from;
  }

  /** The result of a run that is already settled, as recorded. */
  static RunResult settledResult(Connection c, Ledger ledger, RunRecord run, Playbook pb, List<String> notes)
      throws SQLException {
    List<StepResult> steps = steps(c, ledger, pb, run).stream().map(StepExec::result).toList();
    return new RunResult(run.runId(), run.changeId(), run.target(), run.playbookId(), run.playbookVersion(),
        run.playbookSha256(), run.state(), run.operator(), run.approver(),
        java.time.Duration.ZERO, steps, run.error(), notes, List.of(), null);
  }
}
