package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Dialect;
import backstep.testing.MariaDbServer;
import backstep.testing.Pace;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Who blocks whom on a real MariaDB server: a mariadbd of the test's own. InnoDB serves INNODB_TRX and
 * INNODB_LOCK_WAITS from one cache per server, which it fills afresh only when nobody has read it for 100 ms
 * (trx0i_s.cc, {@code CACHE_MIN_IDLE_TIME_US}). While this test polled the inspector every 10 ms on the machine's
 * shared server, a reading taken before the waiter blocked could stay the answer for the whole wait (and any other
 * client reading those tables as often, a sampler of another test, did the same), so the test skipped itself with
 * "never listed in INNODB_TRX" while the process list showed the UPDATE waiting. Now the test waits for the waiter
 * in InnoDB's live monitor output and reads the inspector no more often than the cache can be refilled, on a server
 * nobody else reads.
 */
class LockInspectorIT {
  /** Longer than InnoDB's 100 ms without a read after which it fills INNODB_TRX afresh. */
  private static final long CACHE_IDLE_MS = 250;
  private static final Pattern TRANSACTION = Pattern.compile("---TRANSACTION .*?(?=---TRANSACTION |\\z)",
      Pattern.DOTALL);

  @Test
  void onMariaDbARowLockWaiterIsBlockedOnlyByTheTransactionHoldingItsRow() throws Exception {
    // its own thread: the common pool has one worker on two cores, and another test may be holding it
    ExecutorService waiting = Executors.newSingleThreadExecutor();
    try (MariaDbServer server = MariaDbServer.start()) {
      shop(server);
      // closed in reverse order: the holder's and bystander's rollbacks end the waiter's UPDATE before it closes
      try (Connection waiter = server.connect("shop"); Connection holder = server.connect("shop");
          Connection bystander = server.connect("shop"); Connection look = server.connect("shop")) {
        long holderId = hold(holder, 1);
        long bystanderId = hold(bystander, 2);
        long waiterId = id(waiter);
        // a look before the waiter blocks, as a sampler's would be: InnoDB keeps this reading, without the waiter
        assertTrue(LockInspector.inspect(look, Dialect.MARIADB).waiters().isEmpty());
        long lastRead = System.nanoTime();
        CompletableFuture<Void> blocked = updateRow1(waiter, waiting);
        awaitLockWait(look, waiterId);
        LockInspector.Locks seen = inspectUntilListed(look, waiterId, lastRead);
        List<Blocker> blockers = seen.blockers();
        assertEquals(List.of(holderId), blockers.stream().map(Blocker::pid).toList(),
            "the bystander's open transaction holds another row: " + blockers);
        assertEquals(List.of(waiterId), blockers.get(0).blocks());
        assertFalse(blockers.stream().anyMatch(b -> b.pid() == bystanderId));
        holder.rollback();
        blocked.get(20, TimeUnit.SECONDS);
        bystander.rollback();
      }
    } finally {
      waiting.shutdownNow();
    }
  }

  /**
   * A sampler that reads every 10 ms (a 100 ms guard interval and a lock check together read that often) still sees
   * a waiter that began waiting after its first reading. Before the inspector paced its InnoDB readings, 424 reads
   * 10 ms apart listed such a waiter 0 times: InnoDB never found its lock tables unread for 100 ms.
   */
  @Test
  void aSamplerReadingEvery10MsStillSeesAWaiterThatBeganLater() throws Exception {
    ExecutorService waiting = Executors.newSingleThreadExecutor();
    try (MariaDbServer server = MariaDbServer.start()) {
      shop(server);
      try (Connection waiter = server.connect("shop"); Connection holder = server.connect("shop");
          Connection look = server.connect("shop")) {
        hold(holder, 1);
        long waiterId = id(waiter);
        assertTrue(LockInspector.inspect(look, Dialect.MARIADB).waiters().isEmpty());
        CompletableFuture<Void> blocked = updateRow1(waiter, waiting);
        AtomicInteger reads = new AtomicInteger();
        // every 10 ms from before the wait begins: the reads never leave InnoDB 100 ms without one
        boolean listed = sampledEvery10Ms(look, waiterId, reads);
        awaitLockWait(look, waiterId); // it did wait: a miss above is the inspector's, not a waiter that never came
        // a loaded machine may start the UPDATE late: keep sampling as often, now that it waits
        listed = listed || sampledEvery10Ms(look, waiterId, reads);
        assertTrue(listed, "waiter " + waiterId + " waits (InnoDB's monitor shows it) but " + reads.get()
            + " readings 10 ms apart never listed it");
        holder.rollback();
        blocked.get(20, TimeUnit.SECONDS);
      }
    } finally {
      waiting.shutdownNow();
    }
  }

  /** A database {@code shop} with a table {@code accounts} of rows 1 and 2. */
  private static void shop(MariaDbServer server) throws SQLException {
    try (Connection admin = server.connect(""); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE shop");
      st.execute("CREATE TABLE shop.accounts (id int PRIMARY KEY, owner varchar(40)) ENGINE=InnoDB");
      st.execute("INSERT INTO shop.accounts VALUES (1, 'a'), (2, 'b')");
    }
  }

  /** On {@code pool}, {@code waiter} updates row 1 (and waits for whoever holds it, up to 120 s). */
  private static CompletableFuture<Void> updateRow1(Connection waiter, ExecutorService pool) {
    return CompletableFuture.runAsync(() -> {
      try (Statement st = waiter.createStatement()) {
        st.execute("SET SESSION innodb_lock_wait_timeout = 120"); // outlasts the waits here on a loaded machine
        st.executeUpdate("UPDATE accounts SET owner = 'w' WHERE id = 1");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }, pool);
  }

  /**
   * Reads the inspector every 10 ms for up to 5 s, as an eager sampler would, until it lists {@code waiterId};
   * counts the readings in {@code reads}. The cadence is what is tested, so the reads are a paced driver at a fixed
   * rate ({@link Pace}, as the product's telemetry sampler runs): a read that takes longer than 10 ms is followed at
   * once by the next, so InnoDB's cache is never left unread longer than a read takes.
   */
  private static boolean sampledEvery10Ms(Connection look, long waiterId, AtomicInteger reads) throws Exception {
    try (Pace sampler = Pace.atFixedRate("sampler", Duration.ofMillis(10), n -> {
      reads.incrementAndGet();
      return LockInspector.inspect(look, Dialect.MARIADB).waiters().stream().noneMatch(w -> w.pid() == waiterId);
    })) {
      sampler.done().get(5, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  /**
   * Waits until InnoDB's monitor (SHOW ENGINE INNODB STATUS, read live, not through the INNODB_TRX cache) shows the
   * transaction of connection {@code waiterId} in LOCK WAIT.
   */
  private static void awaitLockWait(Connection look, long waiterId) throws Exception {
    AtomicReference<String> status = new AtomicReference<>("");
    try {
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
        status.set(ScratchDb.rows(look, "SHOW ENGINE INNODB STATUS").toString());
        return lockWaitOf(status.get(), waiterId);
      });
    } catch (TimeoutException e) {
      throw new AssertionError("InnoDB never showed connection " + waiterId + " waiting for a lock within 60 s: "
          + status.get(), e);
    }
  }

  /** True when the monitor text lists the transaction of {@code threadId} as waiting for a lock. */
  private static boolean lockWaitOf(String monitor, long threadId) {
    Matcher m = TRANSACTION.matcher(monitor);
    while (m.find()) {
      String trx = m.group();
      if (trx.contains(" thread id " + threadId + ",") && trx.contains("LOCK WAIT")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the inspector until it lists {@code waiterId} among the waiters, each read at least
   * {@link #CACHE_IDLE_MS} after the one before (the first after {@code lastRead}), so that every read finds
   * InnoDB's cache due for a refill.
   */
  private static LockInspector.Locks inspectUntilListed(Connection look, long waiterId, long lastRead)
      throws Exception {
    AtomicReference<LockInspector.Locks> seen = new AtomicReference<>();
    AtomicReference<Exception> failed = new AtomicReference<>();
    long[] last = {lastRead};
    int[] reads = {0};
    try {
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
        if (System.nanoTime() - last[0] < TimeUnit.MILLISECONDS.toNanos(CACHE_IDLE_MS)) {
          return false;
        }
        try {
          reads[0]++;
          seen.set(LockInspector.inspect(look, Dialect.MARIADB));
        } catch (SQLException e) {
          failed.set(e); // waitFor would swallow it
          return false;
        } finally {
          last[0] = System.nanoTime();
        }
        return seen.get().waiters().stream().anyMatch(w -> w.pid() == waiterId);
      });
    } catch (TimeoutException e) {
      throw new AssertionError("InnoDB showed waiter " + waiterId + " waiting, but " + reads[0] + " inspector reads "
          + CACHE_IDLE_MS + " ms apart over 60 s did not list it; last reading " + seen.get() + "; last error "
          + failed.get() + "; trx " + ScratchDb.rows(look, "SELECT trx_mysql_thread_id, trx_state FROM"
          + " information_schema.INNODB_TRX"), e);
    }
    return seen.get();
  }

  /** Opens a transaction on {@code c} holding the row {@code id}; returns the connection id. */
  private static long hold(Connection c, int id) throws Exception {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE accounts SET owner = 'held' WHERE id = " + id);
    }
    return id(c);
  }

  private static long id(Connection c) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
