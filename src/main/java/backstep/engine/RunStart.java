package backstep.engine;

import backstep.db.Database;
import backstep.integrity.Fingerprint;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.RunTags;
import backstep.ledger.StepRecord;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The bookkeeping of starting a run: the refusal over a half-applied run, the new run's record and its RUN_STARTED
 * event with the ledger detail, the step states it begins with, and the record of a run another process started
 * when this one takes it over. Reads and writes the ledger on the control connection, under the run lock the caller
 * holds; never touches the work connection.
 */
final class RunStart {
  private static final DateTimeFormatter CHANGE_ID =
      DateTimeFormatter.ofPattern("'CHG-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Clock clock;

  RunStart(Clock clock) {
    this.clock = clock;
  }

  /** Refuses to start a run while another run on the target is unsettled. */
  static void refuseHalfApplied(Database db, Connection control, Ledger ledger) throws SQLException, EngineException {
    List<RunRecord> unsettled = ledger.runsInStates(control, RunState.unsettled());
    if (!unsettled.isEmpty()) {
      RunRecord r = unsettled.get(unsettled.size() - 1);
      throw new EngineException(EngineException.BUSY, "target '" + db.spec().name() + "' is half-applied: run "
          + r.changeId() + " of playbook '" + r.playbookId() + "' is " + r.state().words()
          .replace("failed", "in a failed state")
          + (r.state().moving() ? " (interrupted: the process that ran it is gone)" : "")
          + ". Finish it with `backstep resume` or undo it with `backstep rollback` (see `backstep status`).");
    }
  }

  /**
   * Records a new run of {@code pb} up to step {@code to} and its RUN_STARTED event; with {@code before} (else null),
   * the run's full "before" fingerprint, already read, and its FINGERPRINT event too. Returns the run.
   */
  RunRecord begin(Database db, Connection control, Ledger ledger, Playbook pb, RunOptions o, int to,
      PolicyGates.Confirmed confirmed, RunTags tags, Fingerprint before) throws SQLException {
    RunRecord run = newRun(db, pb, o, confirmed.decision()).withTags(tags);
    String detail = Json.compact(startedDetail(db, pb, to, confirmed, tags));
    var now = clock.instant();
    Ledger.FingerprintEvent fingerprint = before == null ? null : RunProof.storedAtStart(run.runId(), before, now);
    // the run and its RUN_STARTED event (and its fingerprint): one commit, all or none
    ControlTx.together(control, ledger, c -> ledger.startRun(c, run, pb.text(), run.operator(), detail, now,
        fingerprint));
    TestPause.at("run-started", null);
    return run;
  }

  private static Map<String, Object> startedDetail(Database db, Playbook pb, int to, PolicyGates.Confirmed confirmed,
      RunTags tags) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("playbook_sha256", pb.sha256());
    detail.put("playbook_version", pb.version());
    detail.put("target_url", db.spec().safeUrl());
    detail.put("environment", db.spec().environment().key());
    detail.put("server", db.dialect().displayName() + " " + db.serverVersion());
    detail.put("to_step", pb.steps().get(to).id());
    List<String> bypass = RunChecks.bypasses(pb, db);
    if (!bypass.isEmpty()) { // why this run's orphan checks scan every foreign key
      detail.put("foreign_key_bypass", bypass);
    }
    detail.putAll(confirmed.ledgerDetail());
    detail.putAll(RunTagging.ledgerDetail(tags));
    return detail;
  }

  /** New step states, none owned: the playbook's latest run is known not to be APPLIED. */
  static List<StepExec> newSteps(Playbook pb) {
    List<StepExec> out = new ArrayList<>();
    for (int i = 0; i < pb.steps().size(); i++) {
      out.add(new StepExec(i, pb.steps().get(i)));
    }
    return out;
  }

  /** New step states; steps an earlier, still-applied run of this playbook applied are marked as ours. */
  static List<StepExec> ownedSteps(Connection c, Ledger ledger, Playbook pb, RunRecord run) throws SQLException {
    List<StepExec> out = newSteps(pb);
    Optional<RunRecord> prior = ledger.runs(c, pb.id(), 2).stream()
        .filter(r -> !r.runId().equals(run.runId())).findFirst();
    if (prior.isPresent() && prior.get().state() == RunState.APPLIED) {
      for (StepRecord r : ledger.steps(c, prior.get().runId())) {
        StepExec was = StepExec.from(r, pb.step(r.stepId()).orElse(null));
        int i = pb.indexOf(r.stepId());
        if (i >= 0 && was.step != null && was.inEffect()) {
          out.get(i).detail.putAll(was.detail);
          out.get(i).detail.put("owned", true);
          out.get(i).detail.putIfAbsent("fingerprint_run", prior.get().runId()); // its "before" is that run's
          out.get(i).detail.remove("note");
        }
      }
    }
    return out;
  }

  private RunRecord newRun(Database db, Playbook pb, RunOptions o, Decision confirm) {
    var now = clock.instant();
    String change = o.changeId() != null ? o.changeId()
        : CHANGE_ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 4);
    return new RunRecord(UUID.randomUUID().toString(), change, db.spec().name(), pb.id(), pb.version(), pb.sha256(),
        pb.source() == null ? null : pb.source().toString(), db.dialect().name(), RunState.RUNNING,
        operator(o), System.getProperty("user.name"), host(), ProcessHandle.current().pid(),
        o.approver() != null ? o.approver() : confirm == null ? null : confirm.approver(), now, now, null, null);
  }

  /** The run, now driven by this process and operator. */
  RunRecord takeOver(RunRecord r, RunOptions o) {
    return new RunRecord(r.runId(), r.changeId(), r.target(), r.playbookId(), r.playbookVersion(), r.playbookSha256(),
        r.playbookPath(), r.dialect(), r.state(), operator(o), System.getProperty("user.name"), host(),
        ProcessHandle.current().pid(), o.approver() != null ? o.approver() : r.approver(), r.startedAt(),
        clock.instant(), null, r.error(), r.tags());
  }

  static String operator(RunOptions o) {
    return o.operator() != null && !o.operator().isBlank() ? o.operator() : System.getProperty("user.name");
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
