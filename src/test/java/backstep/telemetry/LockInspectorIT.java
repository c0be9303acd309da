package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import backstep.db.Dialect;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** Who blocks whom on a real MariaDB server. */
class LockInspectorIT {
  @Test
  void onMariaDbARowLockWaiterIsBlockedOnlyByTheTransactionHoldingItsRow() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      db.exec("CREATE TABLE accounts (id int PRIMARY KEY, owner varchar(40)) ENGINE=InnoDB",
          "INSERT INTO accounts VALUES (1, 'a'), (2, 'b')");
      // its own thread: the common pool has one worker on two cores, and another test may be holding it
      java.util.concurrent.ExecutorService waiting = java.util.concurrent.Executors.newSingleThreadExecutor();
      try (Connection holder = db.connect(); Connection bystander = db.connect(); Connection waiter = db.connect();
          Connection look = db.connect()) {
        long holderId = hold(holder, 1);
        long bystanderId = hold(bystander, 2);
        long waiterId = id(waiter);
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
          try (Statement st = waiter.createStatement()) {
            st.execute("SET SESSION innodb_lock_wait_timeout = 120"); // outlasts the wait below on a loaded server
            st.executeUpdate("UPDATE accounts SET owner = 'w' WHERE id = 1");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, waiting);
        AtomicReference<LockInspector.Locks> seen = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try {
          // listed within a second when it is listed at all (0.4 s alone); in the suite MariaDB has sometimes never
          // listed it, and the wait then cost the suite a minute
          WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            try {
              seen.set(LockInspector.inspect(look, Dialect.MARIADB));
            } catch (java.sql.SQLException e) {
              failed.set(e); // waitFor would swallow it
              return false;
            }
            return seen.get().waiters().stream().anyMatch(w -> w.pid() == waiterId);
          });
        } catch (java.util.concurrent.TimeoutException e) {
          // The inspector reads INNODB_TRX; if the server itself never listed the waiter there (seen once in a full
          // run on the 2-core machine under heavy load: the UPDATE showed "Updating" in the process list, with no
          // transaction), there was nothing for it to find: say so rather than blame the inspector.
          boolean listed = !rows(look, "SELECT trx_state FROM information_schema.INNODB_TRX"
              + " WHERE trx_mysql_thread_id = " + waiterId).isEmpty();
          String processes = rows(look, "SELECT ID, STATE, INFO FROM information_schema.PROCESSLIST").toString();
          if (!listed) {
            holder.rollback(); // the waiter's UPDATE ends now, not at its 120 s lock timeout (the class took 120 s)
            bystander.rollback();
          }
          org.junit.jupiter.api.Assumptions.assumeTrue(listed, "MariaDB never listed waiter " + waiterId
              + " in INNODB_TRX within 20 s; processlist " + processes);
          throw new AssertionError("waiter " + waiterId + " not seen; last reading " + seen.get() + "; last error "
              + failed.get() + "; blocked "
              + blocked + "; processlist " + rows(look, "SELECT ID, DB, COMMAND, STATE, INFO FROM"
              + " information_schema.PROCESSLIST") + "; trx " + rows(look, "SELECT trx_mysql_thread_id, trx_state"
              + " FROM information_schema.INNODB_TRX"), e);
        }
        List<Blocker> blockers = seen.get().blockers();
        assertEquals(List.of(holderId), blockers.stream().map(Blocker::pid).toList(),
            "the bystander's open transaction holds another row: " + blockers);
        assertEquals(List.of(waiterId), blockers.get(0).blocks());
        assertFalse(blockers.stream().anyMatch(b -> b.pid() == bystanderId));
        holder.rollback();
        blocked.get(20, TimeUnit.SECONDS);
        bystander.rollback();
      } finally {
        waiting.shutdownNow();
      }
    }
  }

  /** Opens a transaction on {@code c} holding the row {@code id}; returns the connection id. */
  private static long hold(Connection c, int id) throws Exception {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE accounts SET owner = 'held' WHERE id = " + id);
    }
    return id(c);
  }

  private static List<String> rows(Connection c, String sql) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  private static long id(Connection c) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
