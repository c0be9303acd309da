package backstep.engine;

import backstep.adopt.AdoptException;
import backstep.adopt.Baseline;
import backstep.adopt.ChecksumCheck;
import backstep.adopt.MigrationTable;
import backstep.adopt.MigrationTables;
import backstep.adopt.TableRead;
import backstep.db.Database;
import backstep.history.History;
import backstep.integrity.Fingerprint;
import backstep.ledger.EventType;
import backstep.ledger.FingerprintStore;
import backstep.ledger.Ledger;
import backstep.ledger.RunRecord;
import backstep.ledger.RunTags;
import backstep.ledger.StepRecord;
import backstep.playbook.DialectFamily;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import backstep.state.RunState;
import backstep.state.StepState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records a baseline: for each migration of a history that another tool already applied to the target, a run in the
 * ledger, {@code APPLIED} with its steps, hash-chained like any other (an {@code ADOPTED} event with the tool's row,
 * each step's {@code STEP_APPLIED}, {@code RUN_APPLIED}), tagged {@code adopted=<format>}, all in one transaction.
 * Reads the tool's table on a connection to the target, under the run lock the caller holds; writes nothing when it
 * refuses or for a dry run, and records no migration twice.
 */
final class Adopter {
  /** The run tag that marks an adopted run; its value is the tool's format. */
  static final String TAG = "adopted";
  /** The label of the fingerprint taken at adoption, kept with the newest run adopted then. */
  static final String FINGERPRINT_LABEL = "adopted";
  /** Step detail key: the run whose {@link #FINGERPRINT_LABEL} fingerprint was taken when this step was adopted. */
  static final String FINGERPRINT_RUN = "adoption_fingerprint";
  private static final DateTimeFormatter CHANGE_ID =
      DateTimeFormatter.ofPattern("'ADOPT-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Clock clock;

  Adopter(Clock clock) {
    this.clock = clock;
  }

  AdoptResult adopt(Database db, Connection control, Ledger ledger, History history, AdoptOptions o)
      throws SQLException, EngineException {
    boolean existed = ledger.exists(control);
    if (existed) {
      RunStart.refuseHalfApplied(db, control, ledger);
    }
    Baseline plan = plan(db, control, ledger, existed, history, o);
    List<Baseline.Entry> todo = plan.toRecord();
    boolean refused = plan.refused(o.acceptChecksums());
    if (refused || o.dryRun() || todo.isEmpty()) {
      return new AdoptResult(db.spec().name(), plan, o.dryRun(), o.acceptChecksums(), refused, List.of(), null);
    }
    if (!existed) { // nothing is created on a target before there is something to record
      ledger.ensureSchema(control);
      ledger.loadHead(control);
    }
    Fingerprint at = o.fingerprint() ? fingerprint(db, todo) : null;
    Ledger.Head head = ledger.head();
    boolean auto = control.getAutoCommit();
    control.setAutoCommit(false);
    try {
      List<AdoptResult.Recorded> recorded = record(db, control, ledger, plan, todo, o, at);
      String sha = at == null ? null : saveFingerprint(db, control, ledger, recorded, at);
      control.commit();
      return new AdoptResult(db.spec().name(), plan, false, o.acceptChecksums(), false, recorded, sha);
    } catch (SQLException | RuntimeException e) {
      control.rollback();
      ledger.reset(head);
      throw e;
    } finally {
      control.setAutoCommit(auto);
    }
  }

  private static Baseline plan(Database db, Connection control, Ledger ledger, boolean existed, History history,
      AdoptOptions o) throws SQLException, EngineException {
    MigrationTable.Lookup where = new MigrationTable.Lookup(db.schema(), o.table(), o.registry(), o.project());
    Set<String> formats = history.migrations().stream().map(p -> p.origin().format()).filter(f -> !f.isEmpty())
        .collect(Collectors.toSet());
    Map<String, Baseline.InLedger> known = new HashMap<>();
    if (existed) {
      for (Playbook pb : history.migrations()) {
        ledger.runs(control, pb.id(), 1).stream().findFirst().ifPresent(r -> known.put(pb.id(),
            new Baseline.InLedger(r.state())));
      }
    }
    try (Connection target = db.connection()) {
      MigrationTables.Selected t = MigrationTables.select(target, db.dialect(), where, o.format(), formats);
      TableRead read;
      try {
        read = t.kind().read(target, db.dialect(), t.table(), where);
      } catch (SQLException e) {
        throw new EngineException(EngineException.INVALID, "cannot read " + t.table().qualified() + " as "
            + t.kind().tool() + "'s table: " + RunSession.dbMessage(e));
      }
      return Baseline.plan(history, t.kind(), read, known, db.dialect().family());
    } catch (AdoptException e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    }
  }

  private List<AdoptResult.Recorded> record(Database db, Connection control, Ledger ledger, Baseline plan,
      List<Baseline.Entry> todo, AdoptOptions o, Fingerprint at) throws SQLException {
    Instant now = clock.instant();
    String change = CHANGE_ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 4);
    List<String> runIds = todo.stream().map(e -> UUID.randomUUID().toString()).toList();
    String fingerprintRun = at == null ? null : runIds.get(runIds.size() - 1);
    String operator = o.operator() != null && !o.operator().isBlank() ? o.operator()
        : System.getProperty("user.name");
    List<AdoptResult.Recorded> out = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      Baseline.Entry e = todo.get(i);
      Playbook pb = e.playbook();
      RunRecord run = new RunRecord(runIds.get(i), change + "-" + (e.index() + 1), db.spec().name(), pb.id(),
          pb.version(), pb.sha256(), pb.source() == null ? null : pb.source().toString(), db.dialect().name(),
          RunState.APPLIED, operator, System.getProperty("user.name"), RunStart.host(),
          ProcessHandle.current().pid(), null, now, now, now, null, new RunTags(null, null,
              Map.of(TAG, plan.format())));
      String note = note(e);
      ledger.insertRun(control, run, pb.text());
      ledger.append(control, run.runId(), EventType.ADOPTED, null, operator, Json.compact(adopted(db, plan, e, note)),
          now);
      for (int s = 0; s < pb.steps().size(); s++) {
        Step step = pb.steps().get(s);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("note", note);
        detail.put(TAG, Map.of("format", plan.format(), "tool", plan.tool(), "source", e.row().source()));
        if (fingerprintRun != null) {
          detail.put(FINGERPRINT_RUN, fingerprintRun);
        }
        if (e.checksum().verdict() == ChecksumCheck.Verdict.DIFFERS) {
          detail.put(StepExec.DEVIATIONS, List.of(e.checksum().describe() + "; recorded with --accept-checksums"));
        }
        ledger.upsertStep(control, new StepRecord(run.runId(), s, step.id(), step.kind(), StepState.APPLIED,
            0, 0, 0, 0, 0, plan.tool(), null, null, Json.compact(detail), null));
        ledger.append(control, run.runId(), EventType.STEP_APPLIED, step.id(), plan.tool(),
            Json.compact(Map.of(TAG, plan.format(), "note", note)), now);
      }
      ledger.append(control, run.runId(), EventType.RUN_APPLIED, null, operator,
          Json.compact(Map.of("state", RunState.APPLIED, TAG, plan.format())), now);
      ledger.recordHead(control, run.runId());
      out.add(new AdoptResult.Recorded(pb.id(), e.version(), run.changeId(), run.runId()));
    }
    return out;
  }

  /** The step's note: who applied it, when, and what that means for its rollback. */
  static String note(Baseline.Entry e) {
    return e.appliedBy() + ", not by Backstep; its rollback is unproven (no fingerprint from before it exists)";
  }

  private static Map<String, Object> adopted(Database db, Baseline plan, Baseline.Entry e, String note) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("format", plan.format());
    d.put("table", plan.table());
    d.put("version", e.version());
    d.put("source", e.row().source());
    d.put("applied_at", e.row().at());
    d.put("applied_by", e.row().by());
    d.put("row", e.row().row());
    Map<String, Object> sum = new LinkedHashMap<>();
    sum.put("verdict", e.checksum().verdict().name());
    sum.put("stored", e.checksum().stored());
    sum.put("imported", e.checksum().imported());
    if (!e.checksum().why().isEmpty()) {
      sum.put("why", e.checksum().why());
    }
    if (e.checksum().verdict() == ChecksumCheck.Verdict.DIFFERS) {
      sum.put("accepted", "--accept-checksums");
    }
    d.put("checksum", sum);
    d.put("playbook_sha256", e.playbook().sha256());
    d.put("playbook_version", e.playbook().version());
    d.put("target_url", db.spec().safeUrl());
    d.put("environment", db.spec().environment().key());
    d.put("server", db.dialect().displayName() + " " + db.serverVersion());
    d.put("note", note);
    return d;
  }

  /**
   * The target as adoption finds it: its whole schema, and rows and checksums of the tables the adopted migrations
   * write rows to. It is the state after the newest adopted migration, not before any: it proves no rollback, but a
   * rollback of an adopted migration reports what it changed against it.
   */
  private static Fingerprint fingerprint(Database db, List<Baseline.Entry> todo) throws SQLException {
    DialectFamily family = db.dialect().family();
    Set<String> rows = new LinkedHashSet<>();
    for (Baseline.Entry e : todo) {
      for (Step s : e.playbook().steps()) {
        if (s instanceof SqlStep q) {
          for (SqlText text : List.of(q.forward(), q.rollback())) {
            text.statements(family).forEach(st -> rows.addAll(SqlNames.dmlTargets(st.sql(), family)));
          }
        }
      }
    }
    try (Connection c = db.connection()) {
      return Fingerprint.take(c, db.dialect(), db.schema(), null, rows, RunProof.MAX_CHECKSUM_ROWS);
    }
  }

  private String saveFingerprint(Database db, Connection control, Ledger ledger, List<AdoptResult.Recorded> runs,
      Fingerprint f) throws SQLException {
    String runId = runs.get(runs.size() - 1).runId();
    Instant now = clock.instant();
    String sha = new FingerprintStore(db).save(control, runId, FINGERPRINT_LABEL, Json.compactWithNulls(f), now);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("label", FINGERPRINT_LABEL);
    d.put("sha256", sha);
    d.put("schema_tables", f.schema().tables().size());
    d.put("data_tables", f.tables().stream().map(t -> t.table()).toList());
    d.put("meaning", "the target when " + runs.size() + " migration(s) were adopted: after them, not before");
    ledger.append(control, runId, EventType.FINGERPRINT, null, "backstep", Json.compact(d), now);
    ledger.recordHead(control, runId);
    return sha;
  }

  /** The adopted migrations' step detail names the run holding the fingerprint taken at adoption. */
  static Optional<String> fingerprintRun(StepExec[] steps) {
    for (StepExec e : steps) {
      if (e.detail.get(FINGERPRINT_RUN) instanceof String r) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
