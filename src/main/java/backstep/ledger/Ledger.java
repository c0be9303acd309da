package backstep.ledger;

import backstep.db.Database;
import backstep.state.RunState;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * The ledger of one target: runs and step executions (current state, updated in place) and events (append-only,
 * hash-chained: each event's hash covers its fields and the previous event's hash). Lives in the target itself:
 * schema {@code backstep} on PostgreSQL, tables prefixed {@code backstep_} on MySQL/MariaDB. Every write takes the
 * connection to write on, so a step's ledger rows can commit in the same transaction as the step.
 *
 * <p>The one entry point of the package: the work is done by {@link LedgerSchema} (tables), {@link EventChain} (the
 * chain head and appending), {@link RunWrites} and {@link StepWrites} (rows with their events),
 * {@link LedgerQueries} (reads) and {@link ChainVerifier} (the chain recomputed), over one {@link LedgerTables}.
 */
public final class Ledger {
  private final LedgerTables tables;
  private final EventChain chain;
  private final LedgerQueries queries;
  private final RunWrites runWrites;
  private final StepWrites stepWrites;

  /** The ledger of target {@code target}: kept in the target itself, or in the central ledger it names. */
  public Ledger(Database target) {
    this.tables = new LedgerTables(target);
    this.chain = new EventChain(tables, target.ledgerKey().orElse(null));
    this.queries = new LedgerQueries(tables);
    this.runWrites = new RunWrites(tables, chain);
    this.stepWrites = new StepWrites(tables, chain);
  }

  /** Whether the ledger lives in the target itself (so a step's ledger rows can share its transaction). */
  public boolean colocated() {
    return tables.colocated;
  }

  /** A connection to where the ledger lives (the target, or the central ledger database). */
  public Connection connection() throws SQLException {
    return tables.db.connection();
  }

  /** The ledger's tables as written in SQL (for people comparing dumps, and for tests). */
  public List<String> tableNames() {
    return tables.tableNames();
  }

  /**
   * Creates the ledger tables if absent, or upgrades them in place. Call while holding the target lock. A role that
   * may not create them gets an {@link SQLException} with the database's words and the privilege to grant (jOOQ's
   * unchecked {@link DataAccessException} is translated here, at the ledger's boundary).
   */
  public void ensureSchema(Connection c) throws SQLException {
    new LedgerSchema(tables).ensure(c);
  }

  /** Whether the ledger tables exist on this target (read-only commands on a fresh target find none). */
  public boolean exists(Connection c) throws SQLException {
    return tables.exists(c);
  }

  /** Loads the chain head (last sequence and hash). Call while holding the target lock, before appending. */
  public void loadHead(Connection c) throws SQLException {
    chain.loadHead(c);
  }

  /** The chain head, to restore with {@link #reset} when a transaction that appended events rolls back. */
  public record Head(long seq, String hash) {}

  public Head head() {
    return chain.head();
  }

  public void reset(Head head) {
    chain.reset(head);
  }

  /** Appends one event on {@code c}; returns it with its sequence and hash. */
  public EventRecord append(Connection c, String runId, EventType type, String stepId, String actor, String detail,
      Instant at) throws SQLException {
    return chain.append(c, runId, type, stepId, actor, detail, at);
  }

  /**
   * A step's end on {@code c}: {@code ahead} sent first (statements the step's transaction still owes the
   * connection, such as a savepoint's way back), {@code fingerprints} stored ({@link FingerprintStore#save}), the
   * step's row ({@link #upsertStep}) and its event ({@link #append}). On PostgreSQL one statement with bind values,
   * one round trip ({@link StepEnd}) — the writes a one-transaction step commits with; on MariaDB one compound
   * statement ({@link MySqlStepWrites}), one transaction when {@code c} is in autocommit; on MySQL one after the
   * other.
   */
  public EventRecord finishStep(Connection c, List<String> ahead, List<FingerprintStore.Row> fingerprints,
      StepRecord s, EventType type, String actor, String detail, Instant at) throws SQLException {
    return stepWrites.finish(c, ahead, fingerprints, s, type, actor, detail, at);
  }

  /**
   * PostgreSQL: {@link #finishStep}'s statement as text with its values in it ({@link StepEnd#text}), not sent, to go
   * in one round trip with the step's {@code COMMIT}. The chain moves on to the step's event now, as if written: when
   * the text does not commit, {@link #reset} it to the head before. {@link StepEndText#written} tells afterwards
   * whether the event is in the ledger.
   */
  public StepEndText finishStepText(List<String> ahead, List<FingerprintStore.Row> fingerprints, StepRecord s,
      EventType type, String actor, String detail, Instant at) throws SQLException {
    return stepWrites.finishText(ahead, fingerprints, s, type, actor, detail, at);
  }

  /**
   * A step's ledger rows as one statement's text ({@link #finishStepText}), and a query that counts its event in the
   * ledger (1 once the rows committed, 0 if they never did: the event's sequence and hash are its alone).
   */
  public record StepEndText(String sql, String written) {}

  /**
   * A step's row and an event about it on {@code c} ({@link #upsertStep}, then {@link #append}): on MariaDB one
   * compound statement, one round trip and, on a connection in autocommit, one transaction; elsewhere one after the
   * other, as before.
   */
  public EventRecord stepWithEvent(Connection c, StepRecord s, EventType type, String actor, String detail,
      Instant at) throws SQLException {
    return stepWithEvent(c, List.of(), s, type, actor, detail, at);
  }

  /**
   * {@link #stepWithEvent} with {@code fingerprints} stored ahead of the row: in the same statement and transaction
   * on MariaDB (a step's "before" with its start), one after the other elsewhere.
   */
  public EventRecord stepWithEvent(Connection c, List<FingerprintStore.Row> fingerprints, StepRecord s,
      EventType type, String actor, String detail, Instant at) throws SQLException {
    return stepWrites.withEvent(c, fingerprints, s, type, actor, detail, at);
  }

  /**
   * Whether {@link #finishStep} writes a step's row and its event in one statement on every connection (MariaDB):
   * then no moment lies between them, on the control connection either.
   */
  public boolean stepRowAndEventTogether() {
    return stepWrites.rowAndEventTogether();
  }

  /** The unkeyed hash of one event: its fields and the hash of the event before (also a fleet run's events). */
  public static String hash(String prev, long seq, String runId, Instant at, String type, String stepId, String actor,
      String detail) {
    return EventChain.hash(null, prev, seq, runId, at, type, stepId, actor, detail);
  }

  /**
   * Records a new run. Call right before appending its RUN_STARTED event: the run's order number is that event's
   * sequence, so "latest run" never depends on clock resolution.
   */
  public void insertRun(Connection c, RunRecord r, String playbookText) throws SQLException {
    runWrites.insertRun(c, r, playbookText);
  }

  /**
   * Whether {@link #startRun}, {@link #runState} and {@link #runFingerprint} each write their rows as one statement
   * on {@code c} ({@link RunRows}: a ledger on PostgreSQL with the run table's tag columns), so that on a connection
   * in autocommit they are one transaction without a {@code BEGIN} and {@code COMMIT} of their own; elsewhere they
   * write one row after the other, and the caller makes them one transaction.
   */
  public boolean runRowsInOneStatement(Connection c) throws SQLException {
    return runWrites.inOneStatement(c);
  }

  /** A new run's row ({@link #insertRun}) and its RUN_STARTED event ({@link #append}). */
  public EventRecord startRun(Connection c, RunRecord r, String playbookText, String actor, String detail,
      Instant at) throws SQLException {
    return startRun(c, r, playbookText, actor, detail, at, null);
  }

  /**
   * {@link #startRun}, and with {@code fingerprint} (else null) the run's fingerprint and its FINGERPRINT event
   * right after RUN_STARTED ({@link #runFingerprint}): one statement on PostgreSQL.
   */
  public EventRecord startRun(Connection c, RunRecord r, String playbookText, String actor, String detail,
      Instant at, FingerprintEvent fingerprint) throws SQLException {
    return runWrites.start(c, r, playbookText, actor, detail, at, fingerprint);
  }

  /** A run's fingerprint to store with its FINGERPRINT event ({@link #runFingerprint}). */
  public record FingerprintEvent(FingerprintStore.Row row, String actor, String detail, Instant at) {}

  /**
   * A run's new state ({@link #updateRun}), the event about it ({@link #append}) and the chain head recorded in its
   * row ({@link #recordHead}).
   */
  public EventRecord runState(Connection c, RunRecord r, EventType type, String actor, String detail, Instant at)
      throws SQLException {
    return runWrites.state(c, r, type, actor, detail, at);
  }

  /** A run's fingerprint ({@link FingerprintStore#save}) and the FINGERPRINT event with its hash ({@link #append}). */
  public EventRecord runFingerprint(Connection c, FingerprintStore.Row f, String actor, String detail, Instant at)
      throws SQLException {
    return runWrites.fingerprint(c, f, actor, detail, at);
  }

  /** Updates a run's state, who holds it now (pid/host of a resuming process) and its error. */
  public void updateRun(Connection c, RunRecord r) throws SQLException {
    runWrites.update(c, r);
  }

  /** Inserts or updates a step's row: one statement ({@code ON CONFLICT} / {@code ON DUPLICATE KEY UPDATE}). */
  public void upsertStep(Connection c, StepRecord s) throws SQLException {
    stepWrites.upsert(c, s);
  }

  /** The newest run of this database with this run id or change id. */
  public Optional<RunRecord> run(Connection c, String runIdOrChangeId) throws SQLException {
    return queries.run(c, runIdOrChangeId);
  }

  public String playbookText(Connection c, String runId) throws SQLException {
    return queries.playbookText(c, runId);
  }

  /** Runs, newest first, optionally for one playbook. */
  public List<RunRecord> runs(Connection c, String playbookId, int limit) throws SQLException {
    return queries.runs(c, playbookId, limit);
  }

  /** Runs in any of the given states, oldest first. */
  public List<RunRecord> runsInStates(Connection c, Collection<RunState> states) throws SQLException {
    return queries.runsInStates(c, states);
  }

  public List<StepRecord> steps(Connection c, String runId) throws SQLException {
    return queries.steps(c, runId);
  }

  /** Events of a run (or all events when {@code runId} is null), in order. */
  public List<EventRecord> events(Connection c, String runId) throws SQLException {
    return queries.events(c, runId);
  }

  /**
   * The result of recomputing the hash chain: the first broken link, if any. {@code keyed} events carry an HMAC;
   * {@code unchecked} of them could not be recomputed because no key was given (their links were still checked).
   * {@code intact} here means the links hold; its JSON (every output that reports the chain) names that
   * {@code linksHold} and gives {@code intact} the meaning of {@link #proven()}, with the verdict and counts beside.
   */
  @JsonPropertyOrder({"intact", "verdict", "events", "keyed", "unchecked", "linksHold", "firstBadSeq", "problem"})
  public record ChainCheck(long events, @JsonProperty("linksHold") boolean intact, long firstBadSeq, String problem,
      long keyed, long unchecked) {
    /** A check of a chain with no keyed events. */
    public ChainCheck(long events, boolean intact, long firstBadSeq, String problem) {
      this(events, intact, firstBadSeq, problem, 0, 0);
    }

    /** This check, failed at event {@code seq} for {@code why}. */
    public ChainCheck failed(long seq, String why) {
      return new ChainCheck(events, false, seq, why, keyed, unchecked);
    }

    /** Every event was checked and recomputes: only then may an output call the chain intact (JSON "intact"). */
    @JsonProperty("intact")
    public boolean proven() {
      return intact && unchecked == 0;
    }

    /** {@link ChainVerdict#of}: the chain's state as every output names it. */
    @JsonProperty("verdict")
    public ChainVerdict verdict() {
      return ChainVerdict.of(this);
    }
  }

  /** This target's chain head as stored now (sequence 0 and 64 zeros when empty). */
  public Head head(Connection c) throws SQLException {
    return chain.stored(c);
  }

  /** The stored hash of this target's event {@code seq}, if there is one. */
  public Optional<String> eventHash(Connection c, long seq) throws SQLException {
    return chain.storedHash(c, seq);
  }

  /**
   * Records the chain head in the run's row (call right after appending a run-state event): the newest events can no
   * longer be deleted unseen, nor all of them.
   */
  public void recordHead(Connection c, String runId) throws SQLException {
    runWrites.recordHead(c, runId);
  }

  /**
   * Recomputes this target's hash chain: every event in sequence, linked to the one before and unaltered; then every
   * run's recorded head (see {@link #recordHead}) must still be in the chain, so truncation shows. What it cannot see:
   * the run rows and events deleted together, or the chain rewritten with fresh hashes by someone with write access.
   */
  public ChainCheck verifyChain(Connection c) throws SQLException {
    return new ChainVerifier(tables, queries, chain.key()).verify(c);
  }
}
