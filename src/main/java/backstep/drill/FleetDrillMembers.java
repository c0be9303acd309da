package backstep.drill;

import backstep.db.Database;
import backstep.db.TargetUnavailableException;
import backstep.drill.load.LostWriteCheck;
import backstep.drill.load.LostWrites;
import backstep.drill.load.Workload;
import backstep.drill.load.WorkloadSummary;
import backstep.drill.load.WorkloadTick;
import backstep.engine.EngineException;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The member databases of one fleet drill attempt, on the drill's target's server: created with
 * {@link Database#createScratch} (named {@code bsfd_<attempt>_<n>}), set up with the drill's {@code setup:}, each
 * with its own workload, fingerprinted before the change and compared after it, checked for lost writes, and
 * dropped when the attempt is over. The fleet's workers open their own connections to them by name.
 */
final class FleetDrillMembers implements AutoCloseable {
  /** One member: its fleet name (its database's name), the database kept open for load and checks, its load. */
  record Member(String name, Database db, Workload load) {}

  private final Database server;
  private final List<Member> members = new ArrayList<>();
  private final List<Fingerprint> before = new ArrayList<>();

  private FleetDrillMembers(Database server) {
    this.server = server;
  }

  /** Creates {@code n} member databases on {@code server}'s server and runs {@code setup} on each. */
  static FleetDrillMembers create(Database server, Drill drill, Clock clock) throws EngineException {
    FleetDrillMembers out = new FleetDrillMembers(server);
    String prefix = "bsfd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try {
      for (int i = 1; i <= drill.fleet().members(); i++) {
        Database db = server.createScratch(prefix + "_" + i);
        out.members.add(new Member(db.databaseName(), db, new Workload(db, drill.workload(), clock)));
        setup(db, drill.setup());
      }
      return out;
    } catch (TargetUnavailableException e) {
      out.close();
      throw new EngineException(EngineException.UNAVAILABLE, "cannot create the fleet drill's members on "
          + server.spec().name() + "'s server: " + e.getMessage());
    } catch (EngineException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void setup(Database db, List<String> setup) throws EngineException {
    try (Connection c = db.openDedicated("backstep-drill-setup"); Statement st = c.createStatement()) {
      for (String sql : setup) {
        st.execute(sql);
      }
    } catch (SQLException e) {
      throw new EngineException(EngineException.INVALID, "drill setup failed on member " + db.databaseName() + ": "
          + e.getMessage());
    }
  }

  List<Member> all() {
    return members;
  }

  List<String> names() {
    return members.stream().map(Member::name).toList();
  }

  /** The member database named {@code name}, opened anew (the fleet's workers close what they open). */
  Database open(String name) throws EngineException {
    try {
      return server.openSibling(name, server.spec().environment());
    } catch (TargetUnavailableException e) {
      throw new EngineException(EngineException.UNAVAILABLE, e.getMessage());
    }
  }

  void startLoad() throws EngineException {
    for (Member m : members) {
      try {
        m.load().start();
      } catch (SQLException e) {
        throw new EngineException(EngineException.UNAVAILABLE, "cannot start the workload on member " + m.name()
            + ": " + e.getMessage());
      }
    }
  }

  void stopLoad() {
    members.forEach(m -> m.load().stop());
  }

  /** The worst p95 of the members' workloads between {@code from} and {@code to} (NaN when none completed). */
  double p95(Instant from, Instant to) {
    double worst = Double.NaN;
    for (Member m : members) {
      double p = m.load().percentile(from, to, 95);
      if (!Double.isNaN(p) && (Double.isNaN(worst) || p > worst)) {
        worst = p;
      }
    }
    return worst;
  }

  /** One second of the whole fleet's load: operations and errors summed, latencies the worst member's. */
  WorkloadTick tick(Instant now) {
    double ops = 0;
    double errors = 0;
    double[] worst = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    for (Member m : members) {
      WorkloadTick t = m.load().tick(now);
      ops += t.opsPerSecond();
      errors += t.errorsPerSecond();
      double[] v = {t.p50(), t.p95(), t.p99(), t.max()};
      for (int i = 0; i < 4; i++) {
        worst[i] = Double.isNaN(worst[i]) || v[i] > worst[i] ? v[i] : worst[i];
      }
    }
    return new WorkloadTick(now, ops, errors, worst[0], worst[1], worst[2], worst[3]);
  }

  /** The fleet's load over the attempt: counts summed, rates summed, percentiles the worst member's. */
  WorkloadSummary summary() {
    List<WorkloadSummary> all = members.stream().map(m -> m.load().summary()).toList();
    WorkloadSummary f = all.get(0);
    return new WorkloadSummary(all.stream().mapToInt(WorkloadSummary::clients).sum(),
        all.stream().mapToInt(WorkloadSummary::targetRate).sum(), all.stream().mapToLong(WorkloadSummary::operations)
        .sum(), all.stream().mapToLong(WorkloadSummary::errors).sum(), f.ran(),
        all.stream().mapToDouble(WorkloadSummary::opsPerSecond).sum(), worst(all, WorkloadSummary::p50),
        worst(all, WorkloadSummary::p95), worst(all, WorkloadSummary::p99), worst(all, WorkloadSummary::max),
        all.stream().mapToLong(WorkloadSummary::inserts).sum(), all.stream().mapToLong(WorkloadSummary::updates).sum(),
        all.stream().mapToInt(WorkloadSummary::journaledKeys).sum(), all.stream().mapToLong(WorkloadSummary::reads)
        .sum(), all.stream().mapToLong(WorkloadSummary::writes).sum());
  }

  private static double worst(List<WorkloadSummary> all, java.util.function.ToDoubleFunction<WorkloadSummary> f) {
    return all.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }

  /** Fingerprints every member before the change. */
  void fingerprintBefore() throws EngineException {
    before.clear();
    for (Member m : members) {
      before.add(fingerprint(m));
    }
  }

  /**
   * What differs from before the change, member by member (schema of every table; data of the tables the workload
   * does not write — its own writes are proven by the lost-write check). Empty when every member is as it was.
   */
  List<String> differences(List<String> written) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      try {
        Fingerprint.compare(before.get(i), fingerprint(m)).stream()
            .filter(d -> !(d.kind() == Difference.Kind.DATA && written.contains(d.object())))
            .forEach(d -> out.add(m.name() + ": " + d.describe()));
      } catch (EngineException e) {
        out.add(m.name() + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static Fingerprint fingerprint(Member m) throws EngineException {
    try {
      return Fingerprint.take(m.db());
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot fingerprint member " + m.name() + ": "
          + e.getMessage());
    }
  }

  /** The lost-write check on every member, added up; the examples name their member. */
  LostWrites lostWrites(Drill drill) throws EngineException {
    long checked = 0;
    long lost = 0;
    List<LostWrites.Example> examples = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String method = null;
    for (Member m : members) {
      try {
        LostWrites lw = LostWriteCheck.run(m.db(), drill.workload().writeTable(), drill.workload().writeKey(),
            drill.workload().writeValue(), m.load().journal());
        checked += lw.checked();
        lost += lw.lost();
        method = lw.method();
        lw.examples().stream().limit(Math.max(0, 10 - examples.size())).forEach(examples::add);
        if (lw.problem() != null) {
          problems.add(m.name() + ": " + lw.problem());
        }
      } catch (SQLException e) {
        throw new EngineException(EngineException.UNAVAILABLE, "the lost-write check failed on member " + m.name()
            + ": " + e.getMessage());
      }
    }
    return new LostWrites(drill.workload().writeTable() + String.format(Locale.ROOT, " on %d members",
        members.size()), checked, lost, List.copyOf(examples), method, problems.isEmpty() ? null
        : String.join("; ", problems));
  }

  /** Stops the load and drops every member database (a drill leaves no member behind). */
  @Override
  public void close() {
    stopLoad();
    for (Member m : members) {
      try {
        server.dropScratch(m.db());
      } catch (SQLException e) {
        backstep.db.DebugLog.ignored(FleetDrillMembers.class, "could not drop drill member " + m.name(), e);
      }
    }
    members.clear();
  }
}
