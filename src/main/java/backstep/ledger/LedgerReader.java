package backstep.ledger;

import backstep.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.exception.DataAccessException;

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

  /** One run; a target without a ledger says so ("no Backstep ledger here") rather than failing on a missing table. */
  public RunDetail run(String runIdOrChangeId) throws LedgerException {
    return read(c -> {
      if (!ledger.exists(c)) {
        throw new LedgerException("no Backstep ledger here: target '" + db.spec().name() + "' has none yet (no "
            + "playbook has run on it), so there is no run '" + runIdOrChangeId + "'", null);
      }
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
    T run(Connection c) throws SQLException, LedgerException;
  }

  private <T> T read(Read<T> body) throws LedgerException {
    try (Connection c = ledger.connection()) {
      return body.run(c);
    } catch (SQLException e) {
      throw cannotRead(e);
    } catch (DataAccessException e) {
      // jOOQ's unchecked exception, translated at the ledger's boundary like the driver's own
      throw cannotRead(e.getCause(SQLException.class) != null ? e.getCause(SQLException.class) : e);
    }
  }

  private LedgerException cannotRead(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new LedgerException("cannot read the ledger of target '" + db.spec().name() + "': " + m, e);
  }
}
