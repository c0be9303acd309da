package backstep.engine;

import backstep.db.OwedSql;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.ledger.FingerprintStore;
import backstep.playbook.DialectFamily;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.playbook.SqlText;
import backstep.playbook.Step;
import backstep.state.StepState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run's proof, taken from the target itself rather than from verify queries: a full fingerprint before the first
 * step (the whole schema, and rows and checksums of every table the playbook's SQL changes rows of), a scoped one
 * before each SQL step (the objects the playbook's SQL names), the step's schema effect in words after it, what its
 * rollback left behind, and at the end of a rollback the comparison that proves it — or lists what differs. The
 * fingerprints are kept in the ledger ({@link FingerprintStore}) so a rollback in another process proves against
 * the same ones; their hashes go into the hash-chained events.
 */
final class RunProof {
  /** Tables above this many estimated rows get a row count, not a checksum, on every run. */
  static final long MAX_CHECKSUM_ROWS = 1_000_000;
  static final String RUN_LABEL = "run";

  private final RunSession s;
  private boolean on;
  private final DialectFamily family;
  private final Map<String, Set<String>> stepScope = new HashMap<>();
  private final Set<String> data = new LinkedHashSet<>();
  private final Map<String, Set<String>> stepData = new HashMap<>();
  private final FingerprintStore store;
  private final Map<String, Fingerprint> cache = new HashMap<>();
  /**
   * This run's step fingerprints as stored in the ledger, read at the first "before" not in {@link #cache} (a
   * rollback in another process); each is taken out as it is used. One this process stores goes to the cache,
   * which is looked at first.
   */
  private Map<String, FingerprintStore.Stored> fromLedger;
  /** Residue already reported by a later step's rollback in this session: each difference is named once. */
  private final Set<String> reported = new HashSet<>();

  /** The playbook's steps, to find the step after one. */
  private final List<Step> order;
  /** Labels of step fingerprints this process took for the attempt under way (not ones read back from the ledger). */
  private final Set<String> fresh = new HashSet<>();

  /** The next step's "before", read with this step's "after" (one catalog read a step instead of two). */
  private Fingerprint next;
  /** The run's full "before", until the first step has taken its own from it. */
  private Fingerprint runBefore;
  private String nextFor;
  /** The SHA-256 of {@link #next} as stored with the step that read it; null when not stored. */
  private String nextSha;
  /** The data tables of the walk's next run, whose full "before" this run's last step reads; null: none. */
  private Set<String> handOffData;
  private java.util.function.Consumer<Fingerprint> handOff;

  RunProof(RunSession s, Playbook pb, boolean on) {
    this.order = pb.steps();
    this.s = s;
    this.on = on;
    this.family = s.dialect().family();
    this.store = new FingerprintStore(s.db());
    for (Step step : pb.steps()) {
      if (step instanceof SqlStep q && q.forward().families().contains(family)) {
        Set<String> rows = rows(q, family);
        stepScope.put(q.id(), names(q, family));
        stepData.put(q.id(), rows);
        data.addAll(rows);
      }
    }
  }

  /** The tables whose rows a run of {@code pb}'s full fingerprint checksums: those its SQL changes rows of. */
  static Set<String> dataTables(Playbook pb, DialectFamily family) {
    Set<String> out = new LinkedHashSet<>();
    for (Step step : pb.steps()) {
      if (step instanceof SqlStep q && q.forward().families().contains(family)) {
        out.addAll(rows(q, family));
      }
    }
    return out;
  }

  private static Set<String> rows(SqlStep q, DialectFamily family) {
    Set<String> rows = new LinkedHashSet<>();
    for (SqlText text : List.of(q.forward(), q.rollback())) {
      for (SqlText.Stmt st : text.statements(family)) {
        rows.addAll(SqlNames.dmlTargets(st.sql(), family));
      }
    }
    return rows;
  }

  /**
   * The objects step {@code q}'s SQL names, forward and back: the scope of its fingerprints, and of each of its
   * statements' (a statement alone may name an index without its table: {@code DROP INDEX orders_note_idx}).
   */
  static Set<String> names(SqlStep q, DialectFamily family) {
    Set<String> names = new LinkedHashSet<>();
    for (SqlText text : List.of(q.forward(), q.rollback())) {
      for (SqlText.Stmt st : text.statements(family)) {
        names.addAll(SqlNames.mentioned(st.sql(), family));
      }
    }
    return names;
  }

  boolean on() {
    return on;
  }

  /** A run started with fingerprints off takes none (its rollback is then reported as unproven). */
  void off() {
    on = false;
  }

  /** Whether this run's full "before" fingerprint is in the ledger (a run whose process died early has none). */
  boolean runFingerprintTaken() throws SQLException {
    return store.load(s.control(), s.run().runId(), RUN_LABEL).isPresent();
  }

  /**
   * Before the first step of a new run: the full fingerprint every later proof compares with. {@code handed} is
   * that fingerprint when the walk's previous run read it already, as its last step's "after" (see
   * {@link #handOff}); null to read it now.
   */
  void beforeRun(Fingerprint handed) throws SQLException {
    if (!on) {
      return;
    }
    Fingerprint f = handed != null ? handed
        : Fingerprint.take(s.work(), s.dialect(), s.db().schema(), null, data, MAX_CHECKSUM_ROWS);
    save(RUN_LABEL, null, f);
    runBefore = f;
  }

  /** {@link #beforeRun} with {@code stored}, the run's full "before" that its start stored ({@link #storedAtStart}). */
  void beforeRunStored(Fingerprint stored) {
    runBefore = stored;
  }

  /**
   * The run's full "before" {@code f}, handed on by the walk's previous run, as the row and FINGERPRINT event that
   * {@link #save} would write: stored with the run's start (see {@code Engine}).
   */
  static backstep.ledger.Ledger.FingerprintEvent storedAtStart(String runId, Fingerprint f, java.time.Instant at) {
    FingerprintStore.Row row = new FingerprintStore.Row(runId, RUN_LABEL, f.compactJson(), at);
    return new backstep.ledger.Ledger.FingerprintEvent(row, "backstep", Json.compact(runDetail(RUN_LABEL,
        row.sha256(), f)), at);
  }

  /** The FINGERPRINT event's detail of the run's fingerprint {@code f}. */
  private static Map<String, Object> runDetail(String label, String sha, Fingerprint f) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("label", label);
    d.put("sha256", sha);
    d.put("schema_tables", f.schema().tables().size());
    d.put("data_tables", f.tables().stream().map(t -> t.table() + (Fingerprint.COUNT_ONLY.equals(t.checksum())
        ? " (" + Fingerprint.COUNT_ONLY + ")" : "")).toList());
    return d;
  }

  /**
   * Before an SQL step runs (outside its transaction): the scoped fingerprint its effect and its rollback are
   * measured against. A step resumed part way keeps the one taken before its first attempt.
   */
  void beforeStep(StepExec e) throws SQLException {
    if (!on || !(e.step instanceof SqlStep)) {
      return;
    }
    String label = label(e);
    boolean startedBefore = e.statementsDone > 0 || e.attempts > 0 || e.state == StepState.FAILED;
    if (cache.containsKey(label) || startedBefore && before(e).isPresent()) {
      return; // a step resumed part way keeps the fingerprint taken before its first attempt
    }
    // the playbook's first step starts right after the run's full fingerprint (only read-only checks and ledger
    // rows in between): its "before" is that fingerprint cut down to the step's objects and tables, not read again
    if (e.step.id().equals(nextFor) && next != null && nextSha != null) {
      // stored already, in the previous step's own transaction (committed with it)
      e.detail.put("fingerprint_sha256", nextSha);
      cache.put(label, next);
    } else {
      Fingerprint f = e.step.id().equals(nextFor) && next != null ? next
          : e.index == 0 && runBefore != null ? runBefore.restrictedTo(scope(e), data(e))
          : Fingerprint.take(s.work(), s.dialect(), s.db().schema(), scope(e), data(e), MAX_CHECKSUM_ROWS);
      save(label, e, f);
    }
    runBefore = null;
    dropNext();
    fresh.add(label);
  }

  /** Where the fingerprint of a statement's objects right before it was sent is stored, and its SHA-256. */
  record Stored(String run, String label, String sha256) {}

  /**
   * Before a statement that commits on its own is sent: the fingerprint of its step's objects as they are now, and
   * of the rows of the tables the statement changes rows of, so that after a crash {@link InFlightCheck} can tell
   * whether it took effect. A step's first forward statement uses the step's own "before", taken just now; any other
   * reads the catalog (on the work connection, outside a transaction) and is stored under {@code sent:<step>},
   * replacing the previous statement's. Null when fingerprints are off.
   */
  Stored beforeStatement(StepExec e, Direction dir, SqlText.Stmt stmt) throws SQLException {
    if (!on) {
      return null;
    }
    String step = label(e);
    if (dir == Direction.FORWARD && e.statementsDone == 0 && fresh.contains(step)) {
      return new Stored(s.run().runId(), step, String.valueOf(e.detail.get("fingerprint_sha256")));
    }
    Fingerprint f = Fingerprint.take(s.work(), s.dialect(), s.db().schema(), scope(e),
        SqlNames.dmlTargets(stmt.sql(), family), MAX_CHECKSUM_ROWS);
    String label = "sent:" + e.step.id();
    String sha = store.save(s.control(), s.run().runId(), label, f.compactJson(),
        s.clock().instant());
    return new Stored(s.run().runId(), label, sha);
  }

  /**
   * The step's schema and data effect, read on {@code c} (inside the step's transaction where there is one): every
   * difference from its "before" fingerprint, in words. Empty when nothing changed — or fingerprints are off.
   */
  List<String> effect(StepExec e, Connection c) throws SQLException {
    if (!on) {
      return List.of(); // not even a look in the ledger for a "before" (a round trip a step, with nothing to read)
    }
    Optional<Fingerprint> before = before(e);
    if (before.isEmpty()) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>(scope(e));
    Set<String> rows = new LinkedHashSet<>(data(e));
    Step following = e.index + 1 < order.size() ? order.get(e.index + 1) : null;
    boolean prefetch = following instanceof SqlStep && stepScope.containsKey(following.id());
    if (prefetch) { // the next SQL step starts right after this one commits: read its objects now too
      names.addAll(stepScope.get(following.id()));
      rows.addAll(stepData.get(following.id()));
    }
    boolean last = handOff != null && e.index == order.size() - 1;
    if (last) {
      rows.addAll(handOffData);
    }
    Fingerprint after = Fingerprint.take(c, s.dialect(), s.db().schema(), last ? null : names, rows,
        MAX_CHECKSUM_ROWS, owedOn(c));
    if (last) {
      handOff.accept(after.withDataOf(handOffData));
    }
    next = prefetch ? after.restrictedTo(stepScope.get(following.id())) : null;
    nextFor = prefetch ? following.id() : null;
    nextSha = null;
    if (prefetch && !c.getAutoCommit()) {
      // stored with this step, in its transaction (or right after it commits, with a central ledger): no commit of
      // its own. Outside a transaction (statement by statement) the next step stores it when it starts.
      FingerprintStore.Row row = new FingerprintStore.Row(s.run().runId(), "step:" + following.id(),
          next.compactJson(), s.clock().instant());
      s.storeWithStep(row); // in the same round trip as the step's own rows
      nextSha = row.sha256();
    }
    return Fingerprint.compare(before.get(), after.restrictedTo(scope(e))).stream().map(Difference::effect).toList();
  }

  /**
   * A walk runs another playbook right after this run, whose full "before" fingerprint checksums the rows of
   * {@code data}: the playbook's last step reads the whole schema as its "after" (with those tables' rows), and
   * gives it to {@code to} as that run's "before" — one catalog read instead of two, of the same moment (only
   * read-only checks and ledger rows come between). The walk hands it on only when this run ends applied.
   */
  void handOff(Set<String> data, java.util.function.Consumer<Fingerprint> to) {
    handOffData = data;
    handOff = to;
  }

  /** The step did not commit (or something else ran since): the next step's "before" is read afresh. */
  void dropNext() {
    next = null;
    nextFor = null;
    nextSha = null;
  }

  /**
   * What a step's rollback left different from the step's "before" fingerprint, read on {@code c}; empty when it is
   * back exactly, or when there is nothing to compare with.
   */
  List<String> residue(StepExec e, Connection c) throws SQLException {
    Optional<Fingerprint> before = before(e);
    if (before.isEmpty()) {
      return List.of();
    }
    Fingerprint now = Fingerprint.take(c, s.dialect(), s.db().schema(), scope(e), data(e), MAX_CHECKSUM_ROWS,
        owedOn(c));
    return Fingerprint.compare(before.get(), now).stream().map(Difference::describe).filter(reported::add)
        .toList();
  }

  /**
   * On the work connection, what the step owes it ({@link RunSession#owed}): a read inside the step's transaction
   * sends it with its first query and leaves its own way back owed, for the step's ledger rows to take along.
   */
  private OwedSql owedOn(Connection c) {
    return c == s.work() ? s.owed() : null;
  }

  /**
   * Proves a rollback: after a full one ({@code keep} &lt; 0) the whole target against the fingerprint taken before
   * the run; after {@code rollback --to} the playbook's objects against the fingerprint taken before the first step
   * undone. Recorded as a ROLLBACK_PROOF event.
   */
  Proof prove(int keep, StepExec[] steps) throws SQLException {
    return new RollbackProof(s, this, store).prove(keep, steps);
  }

  /** The objects and data tables this playbook's SQL names, in lower case: a rollback always compares them. */
  Set<String> ownObjects() {
    Set<String> own = new HashSet<>();
    stepScope.values().forEach(n -> n.forEach(x -> own.add(x.toLowerCase(Locale.ROOT))));
    stepData.values().forEach(n -> n.forEach(x -> own.add(x.toLowerCase(Locale.ROOT))));
    return own;
  }

  Set<String> scope(StepExec e) {
    return stepScope.getOrDefault(e.step.id(), Set.of());
  }

  Set<String> data(StepExec e) {
    return stepData.getOrDefault(e.step.id(), Set.of());
  }

  /** Step {@code e}'s "before" fingerprint: taken by this process, or read from the ledger (empty: none intact). */
  Optional<Fingerprint> before(StepExec e) throws SQLException {
    String label = label(e);
    Fingerprint f = cache.get(label);
    if (f != null) {
      return Optional.of(f);
    }
    String run = e.detail.get("fingerprint_run") instanceof String r ? r : s.run().runId();
    if (fromLedger == null && run.equals(s.run().runId())) { // the first look: every step's of this run at once
      fromLedger = store.loadAll(s.control(), run, "step:");
    }
    FingerprintStore.Stored read = run.equals(s.run().runId()) ? fromLedger.remove(label) : null;
    Optional<FingerprintStore.Stored> stored = read != null ? Optional.of(read) : store.load(s.control(), run, label);
    if (stored.isEmpty() || !stored.get().intact()) {
      return Optional.empty();
    }
    f = Fingerprint.fromJson(stored.get().body());
    cache.put(label, f);
    return Optional.of(f);
  }

  private void save(String label, StepExec e, Fingerprint f) throws SQLException {
    FingerprintStore.Row row = new FingerprintStore.Row(s.run().runId(), label, f.compactJson(),
        s.clock().instant()); // hashed once, here
    if (e == null) { // the run's fingerprint and its FINGERPRINT event: one commit, both or neither
      Map<String, Object> d = runDetail(label, row.sha256(), f);
      ControlTx.together(s.control(), s.ledger(), c -> s.ledger().runFingerprint(c, row, "backstep",
          Json.compact(d), s.clock().instant()));
      TestPause.at("fingerprint-stored", null);
    } else if (s.storesWithStart(e.step)) { // MariaDB: in the step's start, before its first statement goes
      s.storeWithStart(row);
      e.detail.put("fingerprint_sha256", row.sha256());
      cache.put(label, f);
    } else {
      String sha = store.save(s.control(), row);
      TestPause.at("fingerprint-stored", e.step.id());
      e.detail.put("fingerprint_sha256", sha);
      cache.put(label, f);
    }
  }

  private static String label(StepExec e) {
    return "step:" + e.step.id();
  }
}
