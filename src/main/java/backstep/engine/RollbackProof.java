package backstep.engine;

import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.ledger.EventType;
import backstep.ledger.FingerprintStore;
import backstep.ledger.RunRecord;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import backstep.state.RunState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The proof at the end of a rollback ({@link RunProof#prove}): the target compared with the fingerprints the run took
 * before it changed anything — the whole target after a full rollback, less what later runs still in place changed;
 * the objects of the steps undone after {@code rollback --to}; for an adopted run, what changed since adoption —
 * and the verdict recorded as a ROLLBACK_PROOF event.
 */
final class RollbackProof {
  private final RunSession s;
  private final RunProof proof;
  private final FingerprintStore store;

  RollbackProof(RunSession s, RunProof proof, FingerprintStore store) {
    this.s = s;
    this.proof = proof;
    this.store = store;
  }

  /** {@link RunProof#prove}: the verdict, recorded as a ROLLBACK_PROOF event. */
  Proof prove(int keep, StepExec[] steps) throws SQLException {
    Proof result = compare(keep, steps);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("verdict", result.verdict().name());
    d.put("against", result.against());
    d.put("differences", result.differences());
    s.event(s.control(), EventType.ROLLBACK_PROOF, null, "backstep", d);
    return result;
  }

  private Proof compare(int keep, StepExec[] steps) throws SQLException {
    if (keep < 0) {
      Optional<FingerprintStore.Stored> stored = store.load(s.control(), s.run().runId(), RunProof.RUN_LABEL);
      if (stored.isEmpty()) {
        return s.run().tags().labels().containsKey(Adopter.TAG) ? adopted(steps) : Proof.unproven("no fingerprint "
            + "was taken before this run (fingerprints were off, or the run was recorded by an older Backstep)");
      }
      if (!stored.get().intact()) {
        return Proof.unproven("the fingerprint stored before this run no longer matches its recorded hash");
      }
      Fingerprint before = Fingerprint.fromJson(stored.get().body());
      Set<String> tables = new LinkedHashSet<>();
      before.tables().forEach(t -> tables.add(t.table()));
      Fingerprint now = Fingerprint.take(s.work(), s.dialect(), s.db().schema(), null, tables,
          RunProof.MAX_CHECKSUM_ROWS);
      return withoutLaterRuns(Fingerprint.compare(before, now), "the fingerprint taken before the run");
    }
    // Each object must be as it was before the first undone step that touches it: no undone step before that one
    // changed it, so its state then is its state before the first undone step.
    List<Difference> diffs = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    String first = null;
    for (int i = keep + 1; i < steps.length; i++) {
      Optional<Fingerprint> before = proof.before(steps[i]);
      if (before.isEmpty()) {
        continue;
      }
      Set<String> names = new LinkedHashSet<>(proof.scope(steps[i]));
      names.removeAll(covered);
      Set<String> rows = new LinkedHashSet<>(proof.data(steps[i]));
      rows.removeAll(covered);
      covered.addAll(proof.scope(steps[i]));
      if (names.isEmpty()) {
        continue;
      }
      first = first == null ? steps[i].step.id() : first;
      Fingerprint now = Fingerprint.take(s.work(), s.dialect(), s.db().schema(), names, rows,
          RunProof.MAX_CHECKSUM_ROWS);
      diffs.addAll(Fingerprint.compare(before.get().restrictedTo(names), now));
    }
    if (first == null) {
      return Proof.unproven("no fingerprint was recorded before the steps undone");
    }
    return verdict(diffs, "the fingerprints taken before the steps undone (from step '" + first + "')");
  }

  /**
   * The verdict on the whole target, leaving out what runs started after this one and still in place (applied, or
   * stopped part way) changed: a later migration's table is not this rollback's residue. An object this playbook
   * names itself is always compared; so is anything no run names (a table created by hand is still a difference).
   * What was left out is named in the proof's "against".
   */
  private Proof withoutLaterRuns(List<Difference> diffs, String against) throws SQLException {
    Map<String, String> later = diffs.isEmpty() ? Map.of() : laterRunsObjects();
    Set<String> own = proof.ownObjects();
    List<Difference> kept = new ArrayList<>();
    Map<String, String> leftOut = new TreeMap<>();
    for (Difference d : diffs) {
      String owner = d.object().replaceFirst("\\..*", "").toLowerCase(Locale.ROOT);
      String by = later.get(owner);
      if (by != null && !own.contains(owner)) {
        leftOut.put(d.object(), by);
      } else {
        kept.add(d);
      }
    }
    if (leftOut.isEmpty()) {
      return verdict(kept, against);
    }
    List<String> named = new ArrayList<>();
    leftOut.forEach((object, run) -> named.add(object + " (run " + run + ")"));
    return verdict(kept, against + ", leaving out what later runs still applied changed: " + String.join(", ", named));
  }

  /** Every object the playbooks of runs started after this one, and not rolled back, name: object → change id. */
  private Map<String, String> laterRunsObjects() throws SQLException {
    Set<RunState> inPlace = EnumSet.complementOf(EnumSet.of(RunState.ROLLED_BACK, RunState.ABORTED));
    Map<String, String> out = new HashMap<>();
    boolean after = false;
    for (RunRecord r : s.ledger().runsInStates(s.control(), inPlace)) { // oldest first
      if (r.runId().equals(s.run().runId())) {
        after = true;
        continue;
      }
      if (!after) {
        continue;
      }
      Playbook pb;
      try {
        pb = RecordedRuns.playbook(s.control(), s.ledger(), r);
      } catch (EngineException e) {
        continue; // its stored playbook cannot be trusted: what it changed stays compared
      }
      for (Step st : pb.steps()) {
        if (st instanceof SqlStep q) {
          RunProof.names(q, s.dialect().family())
              .forEach(n -> out.putIfAbsent(n.toLowerCase(Locale.ROOT), r.changeId()));
        }
      }
    }
    return out;
  }

  /**
   * An adopted run: another tool applied it before Backstep, so nothing from before it exists and its rollback
   * stays unproven. Against the fingerprint taken at adoption, what the rollback changed of the objects the
   * playbook names is listed, for a person to judge.
   */
  private Proof adopted(StepExec[] steps) throws SQLException {
    String tool = steps.length == 0 || !(steps[0].detail.get(Adopter.TAG) instanceof Map<?, ?> m)
        ? s.run().tags().labels().get(Adopter.TAG) : String.valueOf(m.get("tool"));
    String why = "applied by " + tool + " before Backstep adopted it, so no fingerprint from before it exists";
    Optional<FingerprintStore.Stored> at = Adopter.fingerprintRun(steps).isEmpty() ? Optional.empty()
        : store.load(s.control(), Adopter.fingerprintRun(steps).get(), Adopter.FINGERPRINT_LABEL);
    Set<String> names = new LinkedHashSet<>();
    Set<String> rows = new LinkedHashSet<>();
    for (StepExec e : steps) {
      names.addAll(proof.scope(e));
      rows.addAll(proof.data(e));
    }
    if (at.isEmpty() || !at.get().intact() || names.isEmpty()) {
      return Proof.unproven(why);
    }
    Fingerprint then = Fingerprint.fromJson(at.get().body()).restrictedTo(names);
    Fingerprint now = Fingerprint.take(s.work(), s.dialect(), s.db().schema(), names, rows,
        RunProof.MAX_CHECKSUM_ROWS);
    List<String> changed = Fingerprint.compare(then, now).stream().map(Difference::effect).toList();
    return new Proof(Proof.Verdict.UNPROVEN, why + "; against the fingerprint taken at adoption, its rollback "
        + (changed.isEmpty() ? "changed none of the objects it names" : "changed what is listed"), changed);
  }

  /**
   * Schema differences fail the proof; data differences alone are shown as such. A column order that differs (a
   * column dropped and added again comes back last on PostgreSQL) is listed but neither: row checksums read columns
   * by name, so the data is still compared.
   */
  private static Proof verdict(List<Difference> diffs, String against) {
    List<String> words = diffs.stream().map(Difference::describe).toList();
    boolean schema = diffs.stream().anyMatch(d -> d.kind() != Difference.Kind.DATA && !columnOrder(d));
    boolean data = diffs.stream().anyMatch(d -> d.kind() == Difference.Kind.DATA);
    if (schema) {
      return new Proof(Proof.Verdict.DIFFERENT, against, words);
    }
    if (data) {
      return new Proof(Proof.Verdict.DATA_DIFFERS, against, words);
    }
    return new Proof(Proof.Verdict.PROVEN, against, words);
  }

  private static boolean columnOrder(Difference d) {
    return d.kind() == Difference.Kind.TABLE && "column order".equals(d.change());
  }
}
