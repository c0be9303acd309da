package backstep.engine;

import backstep.db.Database;
import backstep.integrity.Fingerprint;
import backstep.ledger.Ledger;
import backstep.ledger.TargetLock;
import backstep.playbook.GuardRule;
import backstep.playbook.Playbook;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
  private final Map<List<GuardRule>, Baselines> baselines = new HashMap<>();
  /** No run on the target is unsettled: checked under this lock, and every run of the walk since ended settled. */
  private boolean noneUnsettled;
  /** The walk's next run, set before the run that reads its "before" starts. */
  private Playbook following;
  /** The next run's full "before", read by the previous run's last step, and the playbook it is for. */
  private String handedFor;
  private Fingerprint handed;
  /** Playbooks whose latest run the walk read under this lock and found not APPLIED, not run since. */
  private final java.util.Set<String> notApplied = new java.util.HashSet<>();

  /** Guard baselines measured before a migration of the walk: the migration, and one value per rule. */
  record Baselines(String before, List<Double> values) {}

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

  /**
   * Whether the ledger is known, under this lock, to hold no unsettled run: a run's refusal over a half-applied one
   * then need not ask it again (the walk stops at its first run that does not end settled).
   */
  boolean noneUnsettled() {
    return noneUnsettled;
  }

  /** The ledger was asked and holds no unsettled run. */
  void checkedSettled() {
    noneUnsettled = true;
  }

  /**
   * A run starts: until it ends settled ({@link #checkedSettled}) the ledger is asked again before the next; a
   * fingerprint handed on to another run is dropped (read afresh).
   */
  void runStarting() {
    noneUnsettled = false;
    handedFor = null;
    handed = null;
  }

  /** The walk's next run, after the one about to start (null: none, or not known). */
  void following(Playbook next) {
    following = next;
  }

  /** The walk's next run, if known; asked once, by the run about to start. */
  Optional<Playbook> following() {
    Optional<Playbook> next = Optional.ofNullable(following);
    following = null;
    return next;
  }

  /** A run of the walk read, as its last step's "after", the full "before" of the next run, of playbook {@code id}. */
  void handOn(String playbookId, Fingerprint f) {
    handedFor = playbookId;
    handed = f;
  }

  /**
   * The full "before" the walk's previous run read for this playbook's run, if it did and ended applied (any run
   * started since drops it); null otherwise. Taken once.
   */
  Fingerprint takeHandedOn(String playbookId) {
    Fingerprint f = playbookId.equals(handedFor) ? handed : null;
    handedFor = null;
    handed = null;
    return f;
  }

  /** The walk read these playbooks' latest runs under this lock: none of them is APPLIED. */
  void notApplied(java.util.Collection<String> playbookIds) {
    notApplied.addAll(playbookIds);
  }

  /**
   * Whether the walk found this playbook not applied and has not run it since (then a new run of it owns no step of
   * an earlier one, and the ledger need not be asked); true once per playbook.
   */
  boolean takeNotApplied(String playbookId) {
    return notApplied.remove(playbookId);
  }

  /** The baselines measured earlier in this walk for exactly these guards, if any. */
  Optional<Baselines> baselines(List<GuardRule> guards) {
    return Optional.ofNullable(baselines.get(guards));
  }

  /** Keeps the baselines measured for {@code guards}, for the walk's later migrations with the same guards. */
  void keepBaselines(List<GuardRule> guards, Baselines measured) {
    baselines.putIfAbsent(List.copyOf(guards), measured);
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
