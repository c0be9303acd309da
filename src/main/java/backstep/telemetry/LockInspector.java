package backstep.telemetry;

import backstep.db.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Who waits on locks in the target's database and who blocks them. PostgreSQL: pg_stat_activity and
 * pg_blocking_pids(). MariaDB/MySQL: sessions whose state is a lock wait, InnoDB lock waits for row locks (on
 * MariaDB each row-lock waiter is paired with the exact transactions blocking it, from INNODB_LOCK_WAITS), and for
 * metadata locks the sessions of the same database holding an open transaction (the usual culprits; MariaDB
 * exposes exact metadata-lock owners only with an optional plugin).
 */
public final class LockInspector {
  /** Waiting sessions and the sessions blocking them, excluding {@code excludePids} (Backstep's own). */
  public record Locks(List<Blocker> waiters, List<Blocker> blockers) {
    public long longestWaitMs() {
      return waiters.stream().mapToLong(Blocker::ageMs).max().orElse(0);
    }
  }

  private LockInspector() {}

  /**
   * On MySQL/MariaDB, how long a reading of a target is reused instead of read again. InnoDB fills its copy of
   * {@code INNODB_TRX} and {@code INNODB_LOCK_WAITS} afresh only when no one has read them for 100 ms
   * ({@code CACHE_MIN_IDLE_TIME_US} in trx0i_s.cc): samplers and lock checks reading more often than that kept
   * getting the copy made before a step began to wait, for as long as they kept reading. Within this time a reading
   * is at most this old, and the server's copy is left alone so that the next reading is a fresh one.
   */
  static final long INNODB_REFILL_MS = 150;

  private static final Map<String, Reading> RECENT = new ConcurrentHashMap<>();

  private record Reading(long atNanos, Locks locks) {}

  public static Locks inspect(Connection c, Dialect d) throws SQLException {
    return d == Dialect.POSTGRES ? postgres(c) : innodbPaced(c);
  }

  /** {@link #mysql}, read again only when this process's last reading of the same target is old enough. */
  private static Locks innodbPaced(Connection c) throws SQLException {
    String target = c.getMetaData().getURL();
    Reading last = RECENT.get(target);
    if (last != null && System.nanoTime() - last.atNanos() < TimeUnit.MILLISECONDS.toNanos(INNODB_REFILL_MS)) {
      return last.locks();
    }
    Locks now = mysql(c);
    RECENT.put(target, new Reading(System.nanoTime(), now));
    return now;
  }

  private static Locks postgres(Connection c) throws SQLException {
    List<Blocker> waiters = new ArrayList<>();
    Map<Long, List<Long>> blockedBy = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT a.pid, coalesce(a.usename, ''), coalesce(a.state, ''), left(coalesce(a.query, ''), 200),
               (extract(epoch FROM clock_timestamp() - coalesce(a.state_change, a.query_start)) * 1000)::bigint,
               pg_blocking_pids(a.pid), coalesce(a.application_name, ''),
               coalesce((SELECT l.mode || ' on ' || coalesce(l.relation::regclass::text, l.locktype)
                         FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1), a.wait_event)
        FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND a.pid <> pg_backend_pid()""")) {
      while (rs.next()) {
        long pid = rs.getLong(1);
        Object[] by = (Object[]) rs.getArray(6).getArray();
        waiters.add(new Blocker(pid, rs.getString(2), "waiting: " + rs.getString(3), oneLine(rs.getString(4)),
            rs.getLong(5), List.of(), rs.getString(7), rs.getString(8)));
        for (Object b : by) {
          blockedBy.computeIfAbsent(((Number) b).longValue(), k -> new ArrayList<>()).add(pid);
        }
      }
    }
    List<Blocker> blockers = new ArrayList<>();
    if (!blockedBy.isEmpty()) {
      String pids = String.join(",", blockedBy.keySet().stream().map(String::valueOf).toList());
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
          SELECT pid, coalesce(usename, ''), coalesce(state, ''), left(coalesce(query, ''), 200),
                 (extract(epoch FROM clock_timestamp()
                                     - coalesce(xact_start, query_start, backend_start)) * 1000)::bigint,
                 coalesce(application_name, ''),
                 CASE WHEN wait_event_type = 'Lock' THEN 'a lock (' || wait_event || ')' ELSE '' END
          FROM pg_stat_activity WHERE pid IN (""" + pids + ")")) {
        while (rs.next()) {
          blockers.add(new Blocker(rs.getLong(1), rs.getString(2), rs.getString(3), oneLine(rs.getString(4)),
              rs.getLong(5), blockedBy.getOrDefault(rs.getLong(1), List.of()), rs.getString(6), rs.getString(7)));
        }
      }
    }
    return new Locks(waiters, blockers);
  }

  private static Locks mysql(Connection c) throws SQLException {
    List<Blocker> waiters = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT p.ID, p.USER, p.STATE, LEFT(COALESCE(p.INFO, ''), 200), p.TIME * 1000
        FROM information_schema.PROCESSLIST p
        WHERE p.DB = DATABASE() AND p.ID <> CONNECTION_ID()
          AND (p.STATE LIKE 'Waiting for%lock%' OR p.ID IN
               (SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'))""")) {
      while (rs.next()) {
        waiters.add(new Blocker(rs.getLong(1), rs.getString(2), "waiting: " + rs.getString(3),
            oneLine(rs.getString(4)), rs.getLong(5), List.of(), "", rs.getString(3)));
      }
    }
    if (waiters.isEmpty()) {
      return new Locks(waiters, List.of());
    }
    List<Long> waiting = waiters.stream().map(Blocker::pid).toList();
    Map<Long, List<Long>> rowWaits = rowLockWaits(c);
    Map<Long, Blocker> blockers = new HashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT p.ID, p.USER, COALESCE(NULLIF(p.STATE, ''), p.COMMAND),
               LEFT(COALESCE(p.INFO, '(idle in transaction)'), 200),
               TIMESTAMPDIFF(SECOND, t.trx_started, NOW()) * 1000
        FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE p.DB = DATABASE() AND p.ID <> CONNECTION_ID() AND t.trx_state <> 'LOCK WAIT'""")) {
      while (rs.next()) {
        long pid = rs.getLong(1);
        // a row-lock waiter with known blockers is held up by those alone; any other waiter by every open transaction
        List<Long> blocks = waiting.stream().filter(w -> !rowWaits.containsKey(w) || rowWaits.get(w).contains(pid))
            .toList();
        if (!waiting.contains(pid) && !blocks.isEmpty()) {
          blockers.put(pid, new Blocker(pid, rs.getString(2), "open transaction: " + rs.getString(3),
              oneLine(rs.getString(4)), rs.getLong(5), blocks));
        }
      }
    }
    return new Locks(waiters, new ArrayList<>(blockers.values()));
  }

  /**
   * Row-lock waits with their exact blockers: waiting connection id → blocking connection ids. Empty where the
   * server has no INNODB_LOCK_WAITS (MySQL 8 moved it to performance_schema): the caller then assumes the worst.
   */
  private static Map<Long, List<Long>> rowLockWaits(Connection c) throws SQLException {
    Map<Long, List<Long>> out = new HashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
        SELECT r.trx_mysql_thread_id, b.trx_mysql_thread_id
        FROM information_schema.INNODB_LOCK_WAITS w
          JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id
          JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id""")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
      }
    } catch (SQLException e) {
      if (Dialect.isConnectionLost(e)) {
        throw e;
      }
      return Map.of();
    }
    return out;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
