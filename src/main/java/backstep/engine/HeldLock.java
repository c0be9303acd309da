package backstep.engine;

import backstep.db.Database;
import backstep.ledger.Ledger;
import backstep.ledger.TargetLock;
import backstep.playbook.Playbook;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A target's run lock held across several runs — a history walk — so that the walk is one locked span: no other
 * Backstep process can start between two of its migrations, the ledger is checked (and created or upgraded) once
 * instead of once per migration, and the git status of the playbooks' folders is read once. Taken by
 * {@link Engine#hold}; every run started with it uses its lock and ledger connections; closing it releases the lock.
 */
public final class HeldLock implements AutoCloseable {
  private final Database db;
  private final Connection lock;
  private final Connection central;
  private final Ledger ledger;
  private final Map<Path, Optional<PlaybookGit.Commit>> git = new HashMap<>();
  private boolean ledgerReady;

  HeldLock(Database db, Connection lock, Connection central, Ledger ledger) {
    this.db = db;
    this.lock = lock;
    this.central = central;
    this.ledger = ledger;
  }

  Database db() {
    return db;
  }

  /** Where the ledger lives: the lock's own connection, or the central ledger's. */
  Connection control() {
    return central == null ? lock : central;
  }

  Ledger ledger() {
    return ledger;
  }

  /** Whether the ledger exists; once it does (found, or created by a run of the walk) it is not asked again. */
  boolean ledgerExists() throws SQLException {
    if (!ledgerReady && ledger.exists(control())) {
      ledger.ensureSchema(control());
      ledger.loadHead(control());
      ledgerReady = true;
    }
    return ledgerReady;
  }

  /** A run of the walk created the ledger (and loaded its head). */
  void ledgerCreated() {
    ledgerReady = true;
  }

  /** Reads the git status of every playbook's folder now, one {@code git status} per folder. */
  public void readGit(Collection<Playbook> playbooks) {
    git.putAll(PlaybookGit.ofAll(playbooks.stream().map(Playbook::source).filter(java.util.Objects::nonNull).toList()));
  }

  /** The commit read by {@link #readGit}, or the file's own {@code git status} when it was not read. */
  Optional<PlaybookGit.Commit> git(Path playbook) {
    if (playbook == null) {
      return Optional.empty();
    }
    Optional<PlaybookGit.Commit> known = git.get(playbook.toAbsolutePath().normalize());
    return known != null ? known : PlaybookGit.of(playbook);
  }

  /** Releases the run lock and closes the walk's connections. */
  @Override
  public void close() {
    try {
      TargetLock.release(lock, db.dialect());
    } catch (SQLException ignored) {
      backstep.db.DebugLog.ignored(HeldLock.class, "the lock goes with the session anyway", ignored);
    }
    for (Connection c : new Connection[] {central, lock}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (SQLException ignored) {
        backstep.db.DebugLog.ignored(HeldLock.class, "closing: nothing left to do with it", ignored);
      }
    }
  }
}
