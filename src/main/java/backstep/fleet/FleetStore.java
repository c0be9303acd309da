package backstep.fleet;

import backstep.db.Database;
import backstep.db.Dialect;
import backstep.ledger.Ledger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet tables in the central ledger database: {@code fleet_run} (one row per fleet run, the playbook text it
 * applies), {@code fleet_member} (one row per member: the work queue, with leases) and {@code fleet_event}
 * (append-only, hash-chained per fleet run like a run's events). Schema {@code backstep} on PostgreSQL, prefix
 * {@code backstep_} on MySQL/MariaDB. Workers claim members with {@code SELECT ... FOR UPDATE SKIP LOCKED} under the
 * fleet run's row lock (which serialises claims, so the concurrency limit holds). Counts every statement it sends,
 * so the coordinator's load per member can be measured.
 */
public final class FleetStore {
  private static final String GENESIS = "0".repeat(64);
  private final Database db;
  private final String runs;
  private final String members;
  private final String events;
  private final AtomicLong queries = new AtomicLong();

  /** A fleet run as stored. */
  public record FleetRun(String id, String group, String playbookId, String playbookSha256, String playbookPath,
      FleetState state, int waveSize, int concurrency, int failureBudget, String severity, String operator,
      int failures, Instant startedAt, Instant endedAt, String error, CanaryHold hold, Instant canaryPassedAt) {
    /** Whether only the canary (wave 0) may be claimed: a hold waits between it and the first wave. */
    public boolean canaryHeld() {
      return hold != null && canaryPassedAt == null;
    }
  }

  /** A member of a fleet run as stored: its place, state, lease and the run it has in its own ledger. */
  public record Member(String member, int ordinal, int wave, MemberState state, boolean preflightOk,
      String preflight, String changeId, String runId, String leaseOwner, long leaseUntilMs, int attempts,
      long movedSeq, String error, String proof, String baselines) {}

  /** A member a worker now holds; {@code recheck}: its previous holder's lease expired mid-member. */
  public record Claim(Member member, boolean recheck) {}

  /** One event of a fleet run. */
  public record Event(long seq, Instant at, String type, String member, String actor, String detail, String prevHash,
      String hash) {}

  public FleetStore(Database central) {
    this.db = central;
    boolean pg = central.dialect() == Dialect.POSTGRES;
    this.runs = pg ? "backstep.fleet_run" : "backstep_fleet_run";
    this.members = pg ? "backstep.fleet_member" : "backstep_fleet_member";
    this.events = pg ? "backstep.fleet_event" : "backstep_fleet_event";
  }

  /** Statements sent so far by this store. */
  public long queries() {
    return queries.get();
  }

  public List<String> tableNames() {
    return List.of(runs, members, events);
  }

  /** Creates the fleet tables when absent. */
  public void ensureSchema() throws SQLException {
    try (Connection c = db.connection(); Statement st = c.createStatement()) {
      if (db.dialect() == Dialect.POSTGRES) {
        st.execute("CREATE SCHEMA IF NOT EXISTS backstep");
      }
      st.execute("CREATE TABLE IF NOT EXISTS " + runs + " (fleet_run_id VARCHAR(40) NOT NULL PRIMARY KEY, "
          + "group_name VARCHAR(200) NOT NULL, playbook_id VARCHAR(100) NOT NULL, playbook_sha256 CHAR(64) NOT NULL, "
          + "playbook_path VARCHAR(1000), playbook_text TEXT NOT NULL, state VARCHAR(30) NOT NULL, "
          + "wave_size INT NOT NULL, concurrency_limit INT NOT NULL, failure_budget INT NOT NULL, "
          + "severity VARCHAR(20), operator_name VARCHAR(200), failures INT NOT NULL, claims BIGINT NOT NULL, "
          + "lease_owner VARCHAR(200), lease_until_ms BIGINT, started_ms BIGINT NOT NULL, ended_ms BIGINT, "
          + "error_message TEXT)");
      st.execute("CREATE TABLE IF NOT EXISTS " + members + " (fleet_run_id VARCHAR(40) NOT NULL, "
          + "member VARCHAR(200) NOT NULL, ordinal INT NOT NULL, wave INT NOT NULL, state VARCHAR(30) NOT NULL, "
          + "preflight_ok INT, preflight TEXT, change_id VARCHAR(80) NOT NULL, run_id VARCHAR(40), "
          + "lease_owner VARCHAR(200), lease_until_ms BIGINT, attempts INT NOT NULL, moved_seq BIGINT, "
          + "started_ms BIGINT, ended_ms BIGINT, error_message TEXT, proof TEXT, "
          + "PRIMARY KEY (fleet_run_id, member))");
      st.execute("CREATE TABLE IF NOT EXISTS " + events + " (fleet_run_id VARCHAR(40) NOT NULL, seq BIGINT NOT NULL, "
          + "at_ms BIGINT NOT NULL, event_type VARCHAR(40) NOT NULL, member VARCHAR(200), actor VARCHAR(200), "
          + "detail TEXT, prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL, PRIMARY KEY (fleet_run_id, seq))");
      queries.addAndGet(db.dialect() == Dialect.POSTGRES ? 4 : 3);
      // columns added after the first fleet release: a central ledger made by it gets them here
      addColumn(c, runs, "canary_hold", "TEXT");
      addColumn(c, runs, "canary_passed_ms", "BIGINT");
      addColumn(c, members, "baselines", "TEXT");
    }
  }

  private void addColumn(Connection c, String table, String column, String type) throws SQLException {
    boolean pg = db.dialect() == Dialect.POSTGRES;
    String bare = table.substring(table.indexOf('.') + 1);
    boolean there = query(c, "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
        + (pg ? "'backstep'" : "DATABASE()") + " AND table_name = ? AND column_name = ?", rs -> rs.getLong(1), bare,
        column).get(0) > 0;
    if (!there) {
      update(c, "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }
  }

  /** Whether the fleet tables exist (read-only commands on a central ledger that never ran a fleet find none). */
  public boolean exists() throws SQLException {
    boolean pg = db.dialect() == Dialect.POSTGRES;
    try (Connection c = db.connection()) {
      return query(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
          + (pg ? "'backstep'" : "DATABASE()") + " AND table_name = ?", rs -> rs.getLong(1),
          pg ? "fleet_run" : "backstep_fleet_run").get(0) > 0;
    }
  }

  /** Records a new fleet run in state PREFLIGHT with its members (all PENDING) and its FLEET_STARTED event. */
  public void create(FleetRun r, String playbookText, List<Member> list, String detail) throws SQLException {
    inTransaction(c -> {
      update(c, "INSERT INTO " + runs + " (fleet_run_id, group_name, playbook_id, playbook_sha256, playbook_path, "
          + "playbook_text, state, wave_size, concurrency_limit, failure_budget, severity, operator_name, failures, "
          + "claims, started_ms, canary_hold) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,0,?,?)", r.id(), r.group(),
          r.playbookId(), r.playbookSha256(), r.playbookPath(), playbookText, r.state().name(), r.waveSize(),
          r.concurrency(), r.failureBudget(), r.severity(), r.operator(), r.startedAt().toEpochMilli(),
          r.hold() == null ? null : backstep.playbook.Json.compact(r.hold().toMap()));
      for (Member m : list) {
        update(c, "INSERT INTO " + members + " (fleet_run_id, member, ordinal, wave, state, change_id, attempts) "
            + "VALUES (?,?,?,?,?,?,0)", r.id(), m.member(), m.ordinal(), m.wave(), m.state().name(), m.changeId());
      }
      lockRun(c, r.id());
      append(c, r.id(), FleetEventType.FLEET_STARTED, null, r.operator(), detail);
      return null;
    });
  }

  public Optional<FleetRun> run(String id) throws SQLException {
    List<FleetRun> l = select("WHERE fleet_run_id = ?", 1, id);
    return l.stream().findFirst();
  }

  /** Fleet runs newest first, of one group or all. */
  public List<FleetRun> runs(String group, int limit) throws SQLException {
    return group == null ? select("", limit) : select("WHERE group_name = ?", limit, group);
  }

  private List<FleetRun> select(String where, int limit, Object... args) throws SQLException {
    try (Connection c = db.connection()) {
      return query(c, "SELECT fleet_run_id, group_name, playbook_id, playbook_sha256, playbook_path, state, "
          + "wave_size, concurrency_limit, failure_budget, severity, operator_name, failures, started_ms, ended_ms, "
          + "error_message, canary_hold, canary_passed_ms FROM " + runs + " " + where
          + " ORDER BY started_ms DESC, fleet_run_id DESC LIMIT " + limit,
          rs -> new FleetRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              FleetState.valueOf(rs.getString(6)), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10),
              rs.getString(11), rs.getInt(12), Instant.ofEpochMilli(rs.getLong(13)), instant(rs, 14),
              rs.getString(15), hold(rs.getString(16)), instant(rs, 17)), args);
    }
  }

  private static CanaryHold hold(String json) throws SQLException {
    if (json == null) {
      return null;
    }
    try {
      return CanaryHold.fromMap(backstep.playbook.Json.MAPPER.readValue(json, java.util.Map.class));
    } catch (java.io.IOException e) {
      throw new SQLException("fleet_run.canary_hold cannot be read: " + e.getMessage(), e);
    }
  }

  public String playbookText(String id) throws SQLException {
    try (Connection c = db.connection()) {
      return query(c, "SELECT playbook_text FROM " + runs + " WHERE fleet_run_id = ?", rs -> rs.getString(1), id)
          .get(0);
    }
  }

  /** The members of a fleet run in their order. */
  public List<Member> members(String id) throws SQLException {
    try (Connection c = db.connection()) {
      return query(c, "SELECT member, ordinal, wave, state, preflight_ok, preflight, change_id, run_id, lease_owner, "
          + "lease_until_ms, attempts, moved_seq, error_message, proof, baselines FROM " + members
          + " WHERE fleet_run_id = ? ORDER BY ordinal", FleetStore::member, id);
    }
  }

  private static Member member(ResultSet rs) throws SQLException {
    return new Member(rs.getString(1), rs.getInt(2), rs.getInt(3), MemberState.valueOf(rs.getString(4)),
        rs.getInt(5) == 1, rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10),
        rs.getInt(11), rs.getLong(12), rs.getString(13), rs.getString(14), rs.getString(15));
  }

  /** Records one member's preflight verdict and its event. */
  public void preflight(String id, String member, boolean ok, String verdict, String baselines, String actor)
      throws SQLException {
    inTransaction(c -> {
      update(c, "UPDATE " + members + " SET preflight_ok = ?, preflight = ?, baselines = ? WHERE fleet_run_id = ? "
          + "AND member = ?", ok ? 1 : 0, verdict, baselines, id, member);
      lockRun(c, id);
      append(c, id, ok ? FleetEventType.PREFLIGHT_PASSED : FleetEventType.PREFLIGHT_FAILED, member, actor,
          backstep.playbook.Json.compact(java.util.Map.of("verdict", verdict)));
      return null;
    });
  }

  /**
   * Moves the fleet run from one of {@code from} to {@code to} (and records {@code event} when given); false when
   * it was in another state (another worker moved it first).
   */
  public boolean moveRun(String id, List<FleetState> from, FleetState to, String error, FleetEventType event,
      String actor, String detail) throws SQLException {
    return inTransaction(c -> {
      FleetState now = FleetState.valueOf(lockRun(c, id));
      if (!from.contains(now)) {
        return false;
      }
      update(c, "UPDATE " + runs + " SET state = ?, error_message = COALESCE(?, error_message), ended_ms = ? "
          + "WHERE fleet_run_id = ?", to.name(), error, to.settled() ? System.currentTimeMillis() : null, id);
      if (event != null) {
        append(c, id, event, null, actor, detail);
      }
      return true;
    });
  }

  /**
   * Claims the next member for {@code owner}, holding it until {@code leaseUntilMs}: first a member whose holder's
   * lease expired (to be re-checked by status), then, within the concurrency limit, the next PENDING member of the
   * earliest wave not yet done. Empty when the fleet is not RUNNING or nothing may start now.
   */
  public Optional<Claim> claim(String id, String owner, long nowMs, long leaseUntilMs) throws SQLException {
    return inTransaction(c -> {
      List<Object[]> run = query(c, "SELECT state, concurrency_limit, claims, canary_hold, canary_passed_ms FROM "
          + runs + " WHERE fleet_run_id = ? FOR UPDATE", rs -> new Object[] {rs.getString(1), rs.getInt(2),
              rs.getLong(3), rs.getString(4) != null && rs.getObject(5) == null}, id);
      if (run.isEmpty() || !FleetState.RUNNING.name().equals(run.get(0)[0])) {
        return Optional.<Claim>empty();
      }
      String select = "SELECT member, ordinal, wave, state, preflight_ok, preflight, change_id, run_id, lease_owner, "
          + "lease_until_ms, attempts, moved_seq, error_message, proof, baselines FROM " + members
          + " WHERE fleet_run_id = ? ";
      List<Member> expired = query(c, select + "AND state = 'RUNNING' AND lease_until_ms < ? ORDER BY ordinal "
          + "LIMIT 1 FOR UPDATE SKIP LOCKED", FleetStore::member, id, nowMs);
      if (!expired.isEmpty()) {
        Member m = expired.get(0);
        update(c, "UPDATE " + members + " SET lease_owner = ?, lease_until_ms = ?, attempts = attempts + 1 "
            + "WHERE fleet_run_id = ? AND member = ?", owner, leaseUntilMs, id, m.member());
        append(c, id, FleetEventType.LEASE_EXPIRED, m.member(), owner, backstep.playbook.Json.compact(
            java.util.Map.of("previous_owner", String.valueOf(m.leaseOwner()), "expired_ms", m.leaseUntilMs())));
        return Optional.of(new Claim(m, true));
      }
      long running = query(c, "SELECT count(*) FROM " + members + " WHERE fleet_run_id = ? AND state = 'RUNNING'",
          rs -> rs.getLong(1), id).get(0);
      if (running >= (Integer) run.get(0)[1]) {
        return Optional.<Claim>empty();
      }
      List<Member> next = query(c, select + "AND state = 'PENDING' AND wave = (SELECT min(wave) FROM " + members
          + " WHERE fleet_run_id = ? AND state IN ('PENDING', 'RUNNING', 'FAILED'))"
          + ((Boolean) run.get(0)[3] ? " AND wave = 0" : "") + " ORDER BY ordinal "
          + "LIMIT 1 FOR UPDATE SKIP LOCKED", FleetStore::member, id, id);
      if (next.isEmpty()) {
        return Optional.<Claim>empty();
      }
      Member m = next.get(0);
      long seq = (Long) run.get(0)[2] + 1;
      update(c, "UPDATE " + members + " SET state = 'RUNNING', lease_owner = ?, lease_until_ms = ?, "
          + "attempts = attempts + 1, moved_seq = ?, started_ms = ? WHERE fleet_run_id = ? AND member = ?",
          owner, leaseUntilMs, seq, nowMs, id, m.member());
      update(c, "UPDATE " + runs + " SET claims = ? WHERE fleet_run_id = ?", seq, id);
      append(c, id, FleetEventType.MEMBER_CLAIMED, m.member(), owner, backstep.playbook.Json.compact(
          java.util.Map.of("wave", m.wave(), "attempt", m.attempts() + 1)));
      return Optional.of(new Claim(m, false));
    });
  }

  /**
   * Lets the waves start after the canary: moves the fleet run from one of {@code from} to RUNNING, records when
   * the canary passed, and appends {@code event}; false when it was in another state.
   */
  public boolean passCanary(String id, List<FleetState> from, FleetEventType event, String actor, String detail)
      throws SQLException {
    return inTransaction(c -> {
      FleetState now = FleetState.valueOf(lockRun(c, id));
      if (!from.contains(now)) {
        return false;
      }
      update(c, "UPDATE " + runs + " SET state = 'RUNNING', canary_passed_ms = ?, lease_owner = NULL, "
          + "lease_until_ms = NULL WHERE fleet_run_id = ?", System.currentTimeMillis(), id);
      append(c, id, event, null, actor, detail);
      return true;
    });
  }

  /** Extends {@code owner}'s lease on a member; false when another worker took it over. */
  public boolean renew(String id, String member, String owner, long leaseUntilMs) throws SQLException {
    try (Connection c = db.connection()) {
      return update(c, "UPDATE " + members + " SET lease_until_ms = ? WHERE fleet_run_id = ? AND member = ? "
          + "AND lease_owner = ?", leaseUntilMs, id, member, owner) == 1;
    }
  }

  /** Lets a member's lease lapse at once (a worker that could not touch it yet hands it back for a later try). */
  public void release(String id, String member, String owner) throws SQLException {
    renew(id, member, owner, 0);
  }

  /**
   * Records where a member ended up (its state, its run in its own ledger, error, proof) with its event; a
   * FAILED member also counts against the budget. Returns the fleet's failures so far.
   */
  public int settleMember(String id, String member, MemberState state, String runId, String error, String proof,
      FleetEventType event, String actor, String detail) throws SQLException {
    return inTransaction(c -> {
      lockRun(c, id);
      update(c, "UPDATE " + members + " SET state = ?, run_id = COALESCE(?, run_id), error_message = ?, "
          + "proof = COALESCE(?, proof), lease_owner = NULL, lease_until_ms = NULL, ended_ms = ? "
          + "WHERE fleet_run_id = ? AND member = ?", state.name(), runId, error, proof, System.currentTimeMillis(),
          id, member);
      if (state == MemberState.FAILED) {
        update(c, "UPDATE " + runs + " SET failures = failures + 1 WHERE fleet_run_id = ?", id);
      }
      append(c, id, event, member, actor, detail);
      return query(c, "SELECT failures FROM " + runs + " WHERE fleet_run_id = ?", rs -> rs.getInt(1), id).get(0);
    });
  }

  /** Marks a member as being rolled back (leaving its lease fields empty: the fleet lease covers it). */
  public void markRollingBack(String id, String member) throws SQLException {
    try (Connection c = db.connection()) {
      update(c, "UPDATE " + members + " SET state = 'ROLLING_BACK' WHERE fleet_run_id = ? AND member = ?", id,
          member);
    }
  }

  /** Takes (or renews) the fleet run's own lease, held by whoever rolls the fleet back. */
  public boolean fleetLease(String id, String owner, long nowMs, long leaseUntilMs) throws SQLException {
    try (Connection c = db.connection()) {
      return update(c, "UPDATE " + runs + " SET lease_owner = ?, lease_until_ms = ? WHERE fleet_run_id = ? AND "
          + "(lease_owner IS NULL OR lease_owner = ? OR lease_until_ms < ?)", owner, leaseUntilMs, id, owner,
          nowMs) == 1;
    }
  }

  /** Appends one event under the fleet run's row lock, in a transaction of its own. */
  public void event(String id, FleetEventType type, String member, String actor, String detail)
      throws SQLException {
    inTransaction(c -> {
      lockRun(c, id);
      append(c, id, type, member, actor, detail);
      return null;
    });
  }

  public List<Event> events(String id) throws SQLException {
    try (Connection c = db.connection()) {
      return query(c, "SELECT seq, at_ms, event_type, member, actor, detail, prev_hash, hash FROM " + events
          + " WHERE fleet_run_id = ? ORDER BY seq", rs -> new Event(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)),
          rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), id);
    }
  }

  /** Where a member's run is, as the central ledger has it: its latest step and state, and its guards' events. */
  public record Progress(String step, String stepState, int guardEvents, int guardActions) {}

  /**
   * Each member's run progress, by member, read from the run tables of the central ledger database when the
   * members' runs are recorded there (the targets file's top-level {@code ledger:}); empty for members whose runs
   * live in their own ledgers. One query for the whole fleet run.
   */
  public Map<String, Progress> progress(String id) throws SQLException {
    boolean pg = db.dialect() == Dialect.POSTGRES;
    String run = pg ? "backstep.run" : "backstep_run";
    String step = pg ? "backstep.step_exec" : "backstep_step_exec";
    String event = pg ? "backstep.event" : "backstep_event";
    Map<String, Progress> out = new java.util.LinkedHashMap<>();
    try (Connection c = db.connection()) {
      boolean there = query(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
          + (pg ? "'backstep'" : "DATABASE()") + " AND table_name = ?", rs -> rs.getLong(1),
          pg ? "event" : "backstep_event").get(0) > 0;
      if (!there) {
        return out;
      }
      query(c, "SELECT m.member, (SELECT s.step_id FROM " + step + " s WHERE s.run_id = r.run_id AND s.state <> "
          + "'PENDING' ORDER BY s.step_index DESC LIMIT 1), (SELECT s.state FROM " + step + " s WHERE s.run_id = "
          + "r.run_id AND s.state <> 'PENDING' ORDER BY s.step_index DESC LIMIT 1), (SELECT count(*) FROM " + event
          + " e WHERE e.run_id = r.run_id AND e.event_type IN ('GUARD', 'GUARD_ACTION')), (SELECT count(*) FROM "
          + event + " e WHERE e.run_id = r.run_id AND e.event_type = 'GUARD_ACTION') FROM " + members + " m JOIN "
          + run + " r ON r.change_id = m.change_id WHERE m.fleet_run_id = ?", rs -> {
            out.put(rs.getString(1), new Progress(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)));
            return null;
          }, id);
    }
    return out;
  }

  /** Recomputes a fleet run's hash chain; empty when intact, else the first broken link in words. */
  public Optional<String> verifyChain(String id) throws SQLException {
    String prev = GENESIS;
    long expected = 1;
    for (Event e : events(id)) {
      if (e.seq() != expected) {
        return Optional.of("event " + expected + " is missing (next is " + e.seq() + ")");
      }
      if (!e.prevHash().equals(prev)) {
        return Optional.of("event " + e.seq() + " does not link to the event before it");
      }
      if (!Ledger.hash(prev, e.seq(), id, e.at(), e.type(), e.member(), e.actor(), e.detail()).equals(e.hash())) {
        return Optional.of("event " + e.seq() + " was altered (hash mismatch)");
      }
      prev = e.hash();
      expected++;
    }
    return Optional.empty();
  }

  /** Locks the fleet run's row for this transaction; returns its state. */
  private String lockRun(Connection c, String id) throws SQLException {
    return query(c, "SELECT state FROM " + runs + " WHERE fleet_run_id = ? FOR UPDATE", rs -> rs.getString(1), id)
        .get(0);
  }

  /** Appends an event; call holding the fleet run's row lock, so the chain has one writer at a time. */
  private void append(Connection c, String id, FleetEventType type, String member, String actor, String detail)
      throws SQLException {
    List<Object[]> head = query(c, "SELECT seq, hash FROM " + events + " WHERE fleet_run_id = ? ORDER BY seq DESC "
        + "LIMIT 1", rs -> new Object[] {rs.getLong(1), rs.getString(2)}, id);
    long seq = head.isEmpty() ? 1 : (Long) head.get(0)[0] + 1;
    String prev = head.isEmpty() ? GENESIS : (String) head.get(0)[1];
    Instant at = Instant.ofEpochMilli(System.currentTimeMillis());
    String hash = Ledger.hash(prev, seq, id, at, type.name(), member, actor, detail);
    update(c, "INSERT INTO " + events + " (fleet_run_id, seq, at_ms, event_type, member, actor, detail, prev_hash, "
        + "hash) VALUES (?,?,?,?,?,?,?,?,?)", id, seq, at.toEpochMilli(), type.name(), member, actor, detail, prev,
        hash);
  }

  interface Tx<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Tx<T> body) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        T out = body.run(c);
        c.commit();
        queries.incrementAndGet();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
    queries.incrementAndGet();
    try (PreparedStatement ps = prepared(c, sql, args); ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.read(rs));
      }
      return out;
    }
  }

  private int update(Connection c, String sql, Object... args) throws SQLException {
    queries.incrementAndGet();
    try (PreparedStatement ps = prepared(c, sql, args)) {
      return ps.executeUpdate();
    }
  }

  private static PreparedStatement prepared(Connection c, String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
