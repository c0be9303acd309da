package backstep.ledger;

import backstep.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Read-only access to a target's ledger for presentations that must not hold JDBC types (the console): each call
 * borrows a connection, reads, and gives it back. Never writes and never takes the run lock, so it can browse while
 * a run is in progress. A target that has never run a playbook has no ledger tables: it reads as empty.
 */
public final class LedgerReader {
  private final Database db;
  private final Ledger ledger;

  public LedgerReader(Database db) {
    this.db = db;
    this.ledger = new Ledger(db);
  }

  /** One run with its step executions, its events in order and the playbook text it ran. */
  public record RunDetail(RunRecord run, List<StepRecord> steps, List<EventRecord> events, String playbookText) {}

  /** Runs, newest first, optionally of one playbook. */
  public List<RunRecord> runs(String playbookId, int limit) throws LedgerException {
    return read(c -> ledger.exists(c) ? ledger.runs(c, playbookId, limit) : List.of());
  }

  public RunDetail run(String runIdOrChangeId) throws LedgerException {
    return read(c -> {
      RunRecord r = ledger.run(c, runIdOrChangeId).orElseThrow(() -> new SQLException("no run '"
          + runIdOrChangeId + "' in the ledger of target '" + db.spec().name() + "'"));
      return new RunDetail(r, ledger.steps(c, r.runId()), ledger.events(c, r.runId()),
          ledger.playbookText(c, r.runId()));
    });
  }

  /** A drill's attempts on this target ({@code drill_attempt}), oldest first; none when it never ran a drill. */
  public List<DrillAttempts.Attempt> drillAttempts(String drillId) throws LedgerException {
    DrillAttempts attempts = new DrillAttempts(db);
    return read(c -> ledger.exists(c) && attempts.exists(c) ? attempts.list(c, drillId) : List.of());
  }

  /** Recomputes the whole hash chain of the target's ledger. */
  public Ledger.ChainCheck verifyChain() throws LedgerException {
    return read(c -> ledger.exists(c) ? ledger.verifyChain(c) : new Ledger.ChainCheck(0, true, 0, ""));
  }

  private interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Read<T> body) throws LedgerException {
    try (Connection c = ledger.connection()) {
      return body.run(c);
    } catch (SQLException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new LedgerException("cannot read the ledger of target '" + db.spec().name() + "': " + m, e);
    }
  }
}
