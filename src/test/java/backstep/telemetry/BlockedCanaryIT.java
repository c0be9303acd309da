package backstep.telemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.Database;
import backstep.testing.ScratchDb;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sampler's own canary stuck behind a lock is listed among the waiters of its readings, with the session
 * that holds the lock among the blockers where the server says who (PostgreSQL): an on-call engineer must see it.
 * It never was: the canary ran on the sampler's connection and gave up at its timeout before the lock inspector
 * read the server, and the inspector leaves out its own session anyway.
 */
class BlockedCanaryIT {
  private static final String CANARY = "SELECT count(*) FROM accounts";

  @Test
  void onPostgresTheBlockedCanaryIsAWaiterAndItsHolderABlocker() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      db.exec("CREATE TABLE accounts (id int PRIMARY KEY)", "INSERT INTO accounts VALUES (1), (2)");
      try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
        holder.setAutoCommit(false);
        st.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        long holderPid = ScratchDb.rows(holder, "SELECT pg_backend_pid()").stream().mapToLong(Long::parseLong)
            .findFirst().orElseThrow();
        Reading r = firstListingTheCanary(db);
        assertTrue(r.blockers().stream().anyMatch(b -> b.pid() == holderPid),
            "the lock's holder " + holderPid + " among the blockers: " + r.blockers());
        holder.rollback();
      }
    }
  }

  @Test
  void onMariaDbTheBlockedCanaryIsAWaiter() throws Exception {
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.MARIADB)) {
      db.exec("CREATE TABLE accounts (id int PRIMARY KEY) ENGINE=InnoDB", "INSERT INTO accounts VALUES (1), (2)");
      try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
        st.execute("LOCK TABLES accounts WRITE"); // the canary's read waits for the table's metadata lock
        firstListingTheCanary(db);
        st.execute("UNLOCK TABLES");
      }
    }
  }

  /** Samples {@code db} every second with the canary until a reading lists it as a waiter (at most 30 s). */
  private static Reading firstListingTheCanary(ScratchDb scratch) throws Exception {
    List<Reading> readings = new CopyOnWriteArrayList<>();
    try (Database db = scratch.open();
        Telemetry t = Telemetry.start(db, Clock.systemUTC(), Duration.ofSeconds(1), CANARY)) {
      t.addListener(readings::add);
      try {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> readings.stream().anyMatch(BlockedCanaryIT::lists));
      } catch (TimeoutException e) {
        throw new AssertionError(readings.size() + " readings, none listing the blocked canary; waiters "
            + readings.stream().map(Reading::waiters).toList() + ", canary ms "
            + readings.stream().map(r -> r.get(Metric.CANARY_MS)).toList(), e);
      }
      return readings.stream().filter(BlockedCanaryIT::lists).findFirst().orElseThrow();
    }
  }

  private static boolean lists(Reading r) {
    return r.waiters().stream().anyMatch(w -> w.query().contains(CANARY));
  }
}
