package backstep.engine;

import backstep.db.Database;
import backstep.playbook.DialectFamily;
import backstep.telemetry.Blocker;
import backstep.telemetry.LockInspector;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Names who blocks a step: while a statement runs, checks fire a few times within its lock timeout and, if the
 * step's session is waiting on a lock, record the sessions blocking it (on a separate pooled connection).
 *
 * <p>On MySQL/MariaDB the checks after the first come at least {@link #INNODB_SPACING_MS} apart: InnoDB refills
 * its copy of {@code INNODB_TRX} and the lock-wait tables only when no one has read them for 100 ms, so checks
 * closer together than that keep reading the copy made before the step began to wait and never see it waiting.
 */
final class LockWatch {
  private final Database db;
  private final long workPid;
  private final ScheduledExecutorService timer;
  private final boolean innodb;
  private volatile List<Blocker> last = List.of();
  private ScheduledFuture<?> pending;

  /** The least time between two checks on MySQL/MariaDB: InnoDB's 100 ms idle time before a refill, and a margin. */
  static final long INNODB_SPACING_MS = 150;

  /** @param timer where the checks run, injected by the engine (null: no checks) */
  LockWatch(Database db, long workPid, ScheduledExecutorService timer) {
    this(db, db.dialect().family(), workPid, timer);
  }

  /** @param family the target's family, which sets how often the checks may come */
  LockWatch(Database db, DialectFamily family, long workPid, ScheduledExecutorService timer) {
    this.db = db;
    this.workPid = workPid;
    this.timer = timer;
    this.innodb = family == DialectFamily.MYSQL;
  }

  /** The engine's timer for lock checks: one daemon thread, started on first use; checks are rare and short. */
  static ScheduledExecutorService newTimer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "backstep-lockwatch");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /**
   * Arms checks for the statement about to run: first after {@code after}, then every {@code after} until
   * disarmed; the last non-empty finding is kept.
   */
  synchronized void arm(Duration after) {
    disarm();
    last = List.of();
    if (timer == null) {
      return;
    }
    long ms = Math.max(20, after.toMillis());
    long every = innodb ? Math.max(ms, INNODB_SPACING_MS) : ms;
    pending = timer.scheduleWithFixedDelay(this::check, ms, every, TimeUnit.MILLISECONDS);
  }

  synchronized void disarm() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** The sessions seen blocking the step's statement at the last check (empty if it was not waiting). */
  List<Blocker> blockers() {
    return last;
  }

  private void check() {
    try (Connection c = db.connection()) {
      LockInspector.Locks locks = LockInspector.inspect(c, db.dialect());
      boolean waiting = locks.waiters().stream().anyMatch(w -> w.pid() == workPid);
      if (waiting) {
        last = locks.blockers().stream().filter(b -> b.pid() != workPid && b.blocks().contains(workPid)).toList();
      }
    } catch (Exception e) {
      backstep.db.DebugLog.ignored(LockWatch.class, "best effort: naming the blocker must never disturb the step", e);
      // best effort: naming the blocker must never disturb the step
    }
  }
}
