package backstep.engine;

import backstep.db.Database;
import backstep.engine.InFlight.Finding;
import backstep.engine.InFlight.Verdict;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.integrity.SchemaSnapshot;
import backstep.ledger.EventType;
import backstep.ledger.FingerprintStore;
import backstep.playbook.DialectFamily;
import backstep.playbook.SqlStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides from the database itself what became of a statement the ledger records as sent but not as done (the
 * process died in between): whether the session that sent it still runs it, and otherwise whether the objects it
 * names differ from the fingerprint taken right before it was sent. Reads only; {@link #settle} records the verdicts
 * of a run that is resumed or rolled back.
 */
final class InFlightCheck {
  /** How long resume and rollback wait for a statement the dead process left running on the server. */
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Database db;
  private final Connection target;
  private final Connection ledger;
  private final FingerprintStore store;

  /** @param target reads the catalog; {@code ledger} reads the stored fingerprints (the same one, colocated) */
  InFlightCheck(Database db, Connection target, Connection ledger) {
    this.db = db;
    this.target = target;
    this.ledger = ledger;
    this.store = new FingerprintStore(db);
  }

  /** The verdict on step {@code e}'s statement in flight {@code f}. */
  Finding check(StepExec e, InFlight f) throws SQLException {
    if (f.session() != null && Sessions.running(target, db.dialect(), f.session())) {
      return new Finding(f, Verdict.RUNNING, List.of(), "session " + f.session() + " sent it for the process that "
          + "died; wait for it to end, or cancel it (" + Sessions.cancelHint(db.dialect(), f.session()) + ")");
    }
    if (f.batched()) {
      return new Finding(f, Verdict.IN_PART, List.of(), e.rows + " rows had committed in " + batches(e)
          + " batch(es) before it, by the ledger; the batch in flight may have committed too");
    }
    if (f.fingerprintLabel() == null) {
      return new Finding(f, Verdict.UNKNOWN, List.of(), "no fingerprint was taken before it was sent (fingerprints "
          + "were off for this run)");
    }
    Optional<FingerprintStore.Stored> stored = store.load(ledger, f.fingerprintRun(), f.fingerprintLabel());
    if (stored.isEmpty() || !stored.get().intact()) {
      return new Finding(f, Verdict.UNKNOWN, List.of(), "the fingerprint taken before it was sent is "
          + (stored.isEmpty() ? "missing" : "altered (it no longer matches its recorded hash)"));
    }
    DialectFamily family = db.dialect().family();
    String sql = f.stmt((SqlStep) e.step, family).sql();
    Set<String> names = RunProof.names((SqlStep) e.step, family);
    Set<String> rows = SqlNames.dmlTargets(sql, family);
    Fingerprint before = Fingerprint.fromJson(stored.get().body()).restrictedTo(names);
    Fingerprint now = Fingerprint.take(target, db.dialect(), db.schema(), names, rows, RunProof.MAX_CHECKSUM_ROWS);
    List<Difference> diffs = Fingerprint.compare(before, now);
    if (diffs.isEmpty()) {
      if (before.tables().stream().anyMatch(t -> Fingerprint.COUNT_ONLY.equals(t.checksum()))) {
        return new Finding(f, Verdict.UNKNOWN, List.of(), "its table is too big to checksum on every run (only its "
            + "row count is compared), so a change of values cannot be seen");
      }
      if (SqlNames.anyDdl(sql, family) && !SqlNames.observableDdl(sql, family)) {
        return new Finding(f, Verdict.UNKNOWN, List.of(), "its effect is not one the catalog snapshot records");
      }
      return new Finding(f, Verdict.NO_EFFECT, List.of(), null);
    }
    List<String> words = diffs.stream().map(Difference::effect).toList();
    List<String> invalid = newInvalidIndexes(before, now);
    if (!invalid.isEmpty()) {
      return new Finding(f, Verdict.IN_PART, words, "index " + String.join(", ", invalid) + " is INVALID (an "
          + "interrupted CREATE INDEX CONCURRENTLY): roll back, or drop it and resume");
    }
    return new Finding(f, Verdict.TOOK_EFFECT, words, null);
  }

  private static int batches(StepExec e) {
    return e.detail.get(SqlStepRunner.BATCHES) instanceof Number n ? n.intValue() : 0;
  }

  private static List<String> newInvalidIndexes(Fingerprint before, Fingerprint now) {
    Set<String> was = new HashSet<>();
    for (SchemaSnapshot.Table t : before.schema().tables()) {
      t.indexes().stream().filter(i -> !i.valid()).forEach(i -> was.add(i.name()));
    }
    return now.schema().tables().stream().flatMap(t -> t.indexes().stream())
        .filter(i -> !i.valid() && !was.contains(i.name())).map(SchemaSnapshot.Index::name).toList();
  }

  /**
   * Before a resume or a rollback continues a run: decides every statement its ledger records in flight, waiting
   * up to {@link #WAIT} for one the server still runs, and records each verdict (the step row, a
   * STATEMENT_RECOVERED event, a note). Refuses, changing nothing, while one is still running after that.
   */
  static void settle(RunSession s) throws SQLException, EngineException {
    settle(s, "the process died");
  }

  /**
   * Before an automatic rollback in this process: a statement whose work connection was lost while it ran is decided
   * from the database as after a crash — on a fresh work connection, waiting up to {@link #WAIT} for the server to
   * end it, verdicts recorded — so that the rollback undoes what took effect.
   *
   * <p>Only a guard's rollback can meet such a statement: the guard fires while a statement runs, and its cancel
   * may not reach the server. A check's rollback ({@code rollback_on_fail}) never can, so for it this returns at
   * once: checks are evaluated only after a step whose every statement completed — {@code SqlStepRunner} drops the
   * intent as each statement returns — or after the whole forward walk ended APPLIED; a step whose statement's
   * connection was lost fails the walk before any check runs, and a resumed run had its in-flight statements settled
   * before its walk began. A check whose query fails (its connection lost) fails as a check and may ask for the
   * rollback, but that query is a read with no intent recorded; its lost connection is replaced here before the
   * rollback runs (whatever lost it), which is all a check's rollback needs.
   *
   * @return null when the rollback may go on; else why not (the statement still runs on the server)
   */
  static String beforeAutomaticRollback(RunSession s) throws SQLException {
    if (s.workLost()) { // a statement, or a check's query, lost it: the rollback runs on a fresh one (CheckLosesWorkIT)
      s.replaceWork();
    }
    if (Arrays.stream(s.steps()).noneMatch(e -> e.step instanceof SqlStep && InFlight.of(e).isPresent())) {
      return null;
    }
    try {
      settle(s, "its connection was lost");
      return null;
    } catch (EngineException busy) {
      return busy.getMessage();
    }
  }

  private static void settle(RunSession s, String when) throws SQLException, EngineException {
    InFlightCheck check = null;
    for (StepExec e : s.steps()) {
      Optional<InFlight> f = InFlight.of(e);
      if (f.isEmpty() || !(e.step instanceof SqlStep)) {
        continue;
      }
      check = check != null ? check : new InFlightCheck(s.db(), s.work(), s.control());
      Finding found = awaitEnd(s, check, e, f.get(), when);
      if (found.verdict() == Verdict.RUNNING) {
        throw new EngineException(EngineException.BUSY, found.describe(e.step.id(), when) + ". Nothing was "
            + "changed: run this command again once it has ended");
      }
      apply(e, found);
      s.saveStep(e);
      s.event(s.control(), EventType.STATEMENT_RECOVERED, e.step.id(), s.run().operator(), found.detail());
      s.note(found.describe(e.step.id(), when));
    }
  }

  private static Finding awaitEnd(RunSession s, InFlightCheck check, StepExec e, InFlight f, String when)
      throws SQLException {
    Finding found = check.check(e, f);
    Instant until = s.clock().instant().plus(WAIT);
    for (int i = 0; found.verdict() == Verdict.RUNNING && i < WAIT.dividedBy(POLL)
        && s.clock().instant().isBefore(until); i++) {
      if (i == 0) {
        s.note("step '" + e.step.id() + "': " + f.describe() + ", sent before " + when + ", is still running "
            + "in session " + f.session() + "; waiting up to " + WAIT.toSeconds() + " s for it to end");
      }
      try {
        s.sleeper().sleep(POLL);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return found;
      }
      found = check.check(e, f);
    }
    return found;
  }

  /** Puts a verdict into the step's counts: what took effect is counted, what may have is undone with care. */
  static void apply(StepExec e, Finding found) {
    e.detail.remove(InFlight.KEY);
    boolean forward = found.statement().direction() == Direction.FORWARD;
    switch (found.verdict()) {
      case TOOK_EFFECT -> {
        if (forward) {
          e.statementsDone = Math.max(e.statementsDone, found.statement().statement());
          e.detail.remove(SqlStepRunner.PARTIAL);
        } else {
          e.rollbackDone++;
        }
      }
      case IN_PART, UNKNOWN -> {
        if (forward) {
          e.detail.put(SqlStepRunner.PARTIAL, e.statementsDone);
        } else {
          e.detail.put(SqlStepRunner.RESEND_TOLERANT, true);
        }
      }
      default -> {
        // NO_EFFECT: it is sent again by resume, and nothing of it is undone by rollback
      }
    }
  }
}
