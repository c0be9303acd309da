package backstep.fleet;

import backstep.db.Database;
import backstep.engine.Decisions;
import backstep.engine.EngineException;
import backstep.ledger.Ledger;
import backstep.lint.Severity;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A fleet change across a group: {@link #start} records the fleet run and preflights every member (nothing changes
 * anywhere unless all pass); {@link #work} runs workers that claim members from the central ledger's queue, canary
 * first, then wave by wave, and roll every member that moved back, newest first, when the failure budget is
 * exceeded; {@link #requestRollback} turns a fleet run around. Any process that reaches the databases can run
 * workers on the same fleet run ({@code backstep fleet worker}).
 */
public final class Fleet {
  private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** Opens a member by its target name, with its ledger attached (central or its own). */
  public interface Members {
    Database open(String member) throws EngineException;
  }

  private final FleetStore store;
  private final Members members;
  private final Decisions decisions;
  private final String operator;
  private final Clock clock;
  private final Consumer<String> progress;
  private volatile Consumer<String> memberStarting = m -> { };

  public Fleet(FleetStore store, Members members, Decisions decisions, String operator, Clock clock,
      Consumer<String> progress) {
    this.store = store;
    this.members = members;
    this.decisions = decisions;
    this.operator = operator;
    this.clock = clock;
    this.progress = progress;
  }

  public FleetStore store() {
    return store;
  }

  /**
   * Records a fleet run of {@code pb} across {@code g} and preflights every member, {@code threads} at a time.
   * Returns the fleet run's id; it is RUNNING when every member passed, REFUSED (nothing changed) otherwise.
   */
  public String start(FleetGroup g, Playbook pb, Severity severity, int threads) throws SQLException {
    store.ensureSchema();
    String id = "FLT-" + ID.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 6);
    List<String> order = g.order();
    List<FleetStore.Member> rows = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      rows.add(new FleetStore.Member(order.get(i), i + 1, g.wave(i), MemberState.PENDING, false, null,
          id + "-" + (i + 1), null, null, 0, 0, 0, null, null, null));
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("group", g.name());
    detail.put("playbook", pb.id());
    detail.put("version", pb.version());
    detail.put("sha256", pb.sha256());
    detail.put("members", order);
    detail.put("canary", g.canary());
    detail.put("wave_size", g.waveSize());
    detail.put("concurrency", g.concurrency());
    detail.put("failure_budget", g.failureBudget());
    if (g.hold() != null) {
      detail.put("after_canary", g.hold().toMap());
    }
    if (g.onServer()) {
      detail.put("server", g.server());
      detail.put("databases", g.databases());
    }
    store.create(new FleetStore.FleetRun(id, g.name(), pb.id(), pb.sha256(), pb.source() == null ? null
        : pb.source().toString(), FleetState.PREFLIGHT, g.waveSize(), g.concurrency(), g.failureBudget(),
        severity.word(), operator, 0, clock.instant(), null, null, g.hold(), null), pb.text(), rows,
        Json.compact(detail));
    progress.accept("fleet run " + id + ": preflight of " + order.size() + " member(s) of group '" + g.name() + "'");
    Preflight preflight = new Preflight(pb, severity, clock);
    boolean soak = g.hold() != null && g.hold().observe() != null;
    List<Preflight.Verdict> verdicts = parallel(order, Math.max(1, threads), m -> preflight.check(m, members,
        soak && g.canary().contains(m)));
    List<String> failed = new ArrayList<>();
    for (Preflight.Verdict v : verdicts) {
      store.preflight(id, v.member(), v.ok(), v.words(), v.baselines() == null ? null
          : Json.compactWithNulls(v.baselines().stream().map(b -> b.isNaN() ? null : b).toList()), operator);
      progress.accept("  " + (v.ok() ? "ok    " : "FAILED") + " " + v.member() + ": " + v.words());
      if (!v.ok()) {
        failed.add(v.member());
      }
    }
    if (failed.isEmpty()) {
      prepareLedger(order.get(0));
      store.moveRun(id, List.of(FleetState.PREFLIGHT), FleetState.RUNNING, null, null, operator, null);
      return id;
    }
    for (String m : order) {
      store.settleMember(id, m, MemberState.NOT_STARTED, null, null, null, FleetEventType.MEMBER_NOT_STARTED,
          operator, null);
    }
    store.moveRun(id, List.of(FleetState.PREFLIGHT), FleetState.REFUSED, "preflight failed on "
        + String.join(", ", failed) + "; nothing was changed on any member", FleetEventType.FLEET_REFUSED,
        operator, Json.compact(Map.of("failed", failed)));
    return id;
  }

  /**
   * Creates the ledger tables of the first member before any member runs. Members that share the central ledger
   * would otherwise race to create its tables in their first runs (PostgreSQL refused the second CREATE TABLE IF
   * NOT EXISTS with a duplicate pg_type key when two canary members started at once).
   */
  private void prepareLedger(String first) throws SQLException {
    try (Database db = members.open(first)) {
      Ledger ledger = new Ledger(db);
      try (Connection c = ledger.connection()) {
        ledger.ensureSchema(c);
      }
    } catch (EngineException e) {
      progress.accept("  " + first + ": could not prepare its ledger before the run: " + e.getMessage());
    }
  }

  /**
   * Runs {@code workers} workers on fleet run {@code id} in this process until it is settled. {@code lease}: how
   * long a worker holds a member without renewing (renewed every third of it while the member runs).
   */
  public void work(String id, int workers, Duration lease) throws SQLException, EngineException {
    List<Integer> ids = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      ids.add(i);
    }
    List<Object> failures = parallel(ids, workers, n -> {
      try {
        new FleetWorker(this, id, lease, owner(n)).run();
        return null;
      } catch (SQLException | EngineException e) {
        return e;
      }
    });
    for (Object f : failures) {
      if (f instanceof SQLException e) {
        throw e;
      }
      if (f instanceof EngineException e) {
        throw e;
      }
    }
  }

  /** Turns a fleet run around: every member that moved is rolled back (by {@link #work}, newest first). */
  public boolean requestRollback(String id, String reason) throws SQLException {
    return store.moveRun(id, List.of(FleetState.RUNNING, FleetState.CANARY_OBSERVING, FleetState.CANARY_GATE,
        FleetState.APPLIED, FleetState.APPLIED_WITH_FAILURES, FleetState.ROLLBACK_FAILED, FleetState.ROLLING_BACK),
        FleetState.ROLLING_BACK, reason,
        FleetEventType.ROLLBACK_REQUESTED, operator, Json.compact(Map.of("reason", reason)));
  }

  /**
   * Lets the waves start after the canary of a fleet run waiting at its gate: {@code approver} (who runs
   * {@code backstep fleet approve}) must differ from the fleet run's operator when the gate asks for approval.
   */
  public boolean approveCanary(String id, String approver, String reason) throws SQLException, EngineException {
    FleetStore.FleetRun r = store.run(id).orElseThrow(() -> new EngineException(EngineException.INVALID,
        "no fleet run '" + id + "' in the central ledger"));
    if (r.state() != FleetState.CANARY_GATE) {
      throw new EngineException(EngineException.INVALID, "fleet run " + id + " is " + r.state()
          + ", not waiting at its canary gate: nothing to approve");
    }
    if (r.hold().gate() == CanaryHold.Gate.APPROVAL && approver.equals(r.operator())) {
      throw new EngineException(EngineException.INVALID, "group '" + r.group() + "' asks a second person to "
          + "approve its canary: '" + approver + "' started fleet run " + id + " (pass --operator NAME)");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("approver", approver);
    if (reason != null) {
      d.put("reason", reason);
    }
    return store.passCanary(id, List.of(FleetState.CANARY_GATE), FleetEventType.CANARY_APPROVED, approver,
        Json.compact(d));
  }

  /**
   * Calls {@code hook} with a member's name on the worker's thread just before the engine starts (or resumes) the
   * member's run: a fleet drill injects its fault on that member there. The hook must not block for long.
   */
  public Fleet onMemberStarting(Consumer<String> hook) {
    this.memberStarting = hook == null ? m -> { } : hook;
    return this;
  }

  void memberStarting(String member) {
    try {
      memberStarting.accept(member);
    } catch (RuntimeException e) {
      backstep.db.DebugLog.ignored(Fleet.class, "a member-start hook failed; the member runs anyway", e);
    }
  }

  Members members() {
    return members;
  }

  Decisions decisions() {
    return decisions;
  }

  String operator() {
    return operator;
  }

  Clock clock() {
    return clock;
  }

  void note(String line) {
    progress.accept(line);
  }

  /** This process's name for worker {@code n}: host, pid and number (what a lease records as its owner). */
  static String owner(int n) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid() + "/" + n;
  }

  static <T, R> List<R> parallel(List<T> items, int threads, java.util.function.Function<T, R> f) {
    ExecutorService ex = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, items.size())), r -> {
      Thread t = new Thread(r, "backstep-fleet");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(ex.submit(() -> f.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> fu : futures) {
        try {
          out.add(fu.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
      return out;
    } finally {
      ex.shutdown();
    }
  }
}
