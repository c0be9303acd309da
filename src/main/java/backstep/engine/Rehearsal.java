package backstep.engine;

import backstep.db.Database;
import backstep.db.DemoSchema;
import backstep.db.TargetSpec;
import backstep.db.TargetUnavailableException;
import backstep.integrity.Difference;
import backstep.integrity.Fingerprint;
import backstep.integrity.SchemaCopy;
import backstep.playbook.GateStep;
import backstep.playbook.ManualStep;
import backstep.playbook.Playbook;
import backstep.playbook.SqlSplitter;
import backstep.state.RunState;
import backstep.state.StepState;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Proves a playbook is safely reversible on a throwaway database: fingerprint (schema snapshot, row counts,
 * checksums) → forward, verifying each step → rollback → the fingerprint must equal the starting one exactly →
 * forward again (re-applicable) → forward once more with every step already applied (idempotent). The scratch
 * database is created on the target's server and dropped afterwards; the target itself is never changed.
 */
public final class Rehearsal {
  /** One phase and what it found. */
  public record Phase(String name, boolean passed, String detail, Duration took, List<String> differences) {}

  /** The whole rehearsal; {@code passed} only when every phase passed. */
  public record Report(String playbookId, int version, String server, String scratch, boolean passed,
      List<Phase> phases, Duration took) {}

  /**
   * Where the scratch database's starting data comes from: the demo schema, an SQL file, or a copy of another
   * database's schema ({@code copy}) with up to {@code copyRows} rows per table.
   */
  public record Seed(boolean demo, String sql, SchemaCopy copy, long copyRows) {
    public static final Seed DEMO = new Seed(true, null);
    public static final Seed NONE = new Seed(false, null);

    public Seed(boolean demo, String sql) {
      this(demo, sql, null, 0);
    }

    public static Seed copyOf(SchemaCopy copy, long rows) {
      return new Seed(false, null, copy, rows);
    }
  }

  private final Engine engine;
  private final Clock clock;

  public Rehearsal(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  public Report run(Database server, Playbook pb, Seed seed, boolean idempotence, RunListener l)
      throws EngineException {
    return run(server, pb, seed, idempotence, false, l);
  }

  /**
   * Rehearses {@code pb}: every phase is reported, whichever fails, and the scratch database is always dropped. A
   * rehearsal in which forward applied no step proves nothing and fails, unless {@code allowEmpty}.
   */
  public Report run(Database server, Playbook pb, Seed seed, boolean idempotence, boolean allowEmpty, RunListener l)
      throws EngineException {
    Engine.checkDialect(pb, server);
    Instant t0 = clock.instant();
    List<Phase> phases = new ArrayList<>();
    String name = "bs_rehearse_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Database scratch;
    try {
      scratch = server.createScratch(name);
    } catch (TargetUnavailableException e) {
      throw new EngineException(EngineException.UNAVAILABLE, e.getMessage());
    }
    try {
      Phase seeded = seed(scratch, seed);
      phases.add(seeded);
      if (seeded.passed()) {
        rehearse(scratch, pb, idempotence, allowEmpty, l, phases);
      }
    } finally {
      try {
        server.dropScratch(scratch);
      } catch (SQLException e) {
        l.note("could not drop scratch database " + name + ": " + e.getMessage());
      }
    }
    boolean passed = phases.stream().allMatch(Phase::passed);
    return new Report(pb.id(), pb.version(), server.spec().name() + " (" + server.dialect().displayName() + " "
        + server.serverVersion() + ")", name, passed, phases, Duration.between(t0, clock.instant()));
  }

  private void rehearse(Database db, Playbook pb, boolean idempotence, boolean allowEmpty, RunListener l,
      List<Phase> phases) throws EngineException {
    Instant t = clock.instant();
    Fingerprint before = fingerprint(db, l);
    phases.add(new Phase("fingerprint", true, before.tables().size() + " tables, "
        + before.schema().tables().size() + " in the schema snapshot", since(t), List.of()));

    t = clock.instant();
    RunResult forward;
    try {
      forward = apply(db, pb, l);
    } catch (EngineException e) {
      phases.add(new Phase("forward", false, "could not run: " + e.getMessage(), since(t), List.of()));
      return;
    }
    long applied = forward.steps().stream().filter(s -> s.state() == StepState.APPLIED)
        .filter(s -> !s.kind().equals("gate") && !s.kind().equals("manual")).count();
    Phase forwardPhase = runPhase("forward", forward, RunState.APPLIED);
    if (forwardPhase.passed() && applied == 0 && !allowEmpty) {
      forwardPhase = new Phase("forward", false, "nothing was rehearsed: no step ran (every step was found in place "
          + "or has nothing to do on this seed); pass --allow-empty to accept that", forwardPhase.took(),
          forwardPhase.differences());
    }
    phases.add(forwardPhase);

    t = clock.instant();
    boolean nothingToUndo = forward.state() == RunState.ABORTED;
    RunResult back = null;
    try {
      back = Engine.join(engine.rollback(db, pb, new RunOptions("rehearsal", "rehearsal", null, forward.runId(),
          null), approveAll(), l));
      List<String> failed = back.steps().stream().filter(s -> s.error() != null || !s.deviations().isEmpty())
          .map(s -> "step '" + s.id() + "': " + (s.error() != null ? s.error() : String.join("; ", s.deviations())))
          .toList();
      phases.add(new Phase("rollback", back.state() == RunState.ROLLED_BACK || nothingToUndo,
          back.state().words() + (back.proof() == null ? "" : ", " + back.proof().describe())
              + (back.error() == null ? "" : ": " + back.error()), since(t), failed));
    } catch (EngineException e) {
      phases.add(new Phase("rollback", false, "could not run: " + e.getMessage(), since(t), List.of()));
    }

    t = clock.instant();
    Fingerprint after = fingerprint(db, l);
    List<String> diffs = Fingerprint.compare(before, after).stream().map(Difference::describe).toList();
    phases.add(new Phase("restored", diffs.isEmpty(), diffs.isEmpty()
        ? "schema and data equal the starting fingerprint exactly"
        : diffs.size() + " difference(s) from the starting state", since(t), diffs));

    if (forward.state() != RunState.APPLIED || back == null || back.state() != RunState.ROLLED_BACK) {
      return; // forward again would only meet the half-applied run: the phases above say why
    }
    RunResult again;
    try {
      again = apply(db, pb, l);
    } catch (EngineException e) {
      phases.add(new Phase("forward again", false, "could not run: " + e.getMessage(), Duration.ZERO, List.of()));
      return;
    }
    phases.add(runPhase("forward again", again, RunState.APPLIED));
    if (idempotence && again.state() == RunState.APPLIED) {
      RunResult once = apply(db, pb, l);
      List<String> ran = once.steps().stream()
          .filter(s -> !s.kind().equals("gate") && !s.kind().equals("manual"))
          .filter(s -> s.state() != StepState.SKIPPED).map(s -> "step '" + s.id() + "' ran again ("
              + s.state().words() + ") although it is already applied").toList();
      phases.add(new Phase("idempotent", once.state() == RunState.APPLIED && ran.isEmpty(), ran.isEmpty()
          ? "every database step was skipped: already applied" : ran.size() + " step(s) ran again",
          once.duration(), ran));
    }
  }

  private RunResult apply(Database db, Playbook pb, RunListener l) throws EngineException {
    return Engine.join(engine.apply(db, pb, new RunOptions("rehearsal", "rehearsal", null, null, null), approveAll(),
        l));
  }

  private Phase runPhase(String name, RunResult r, RunState want) {
    List<String> failed = r.steps().stream().filter(s -> s.error() != null)
        .map(s -> "step '" + s.id() + "': " + s.error()).toList();
    return new Phase(name, r.state() == want, r.state().words() + " ("
        + r.steps().stream().filter(s -> s.state() == StepState.APPLIED).count() + " of " + r.steps().size()
        + " steps applied)" + (r.error() == null ? "" : ": " + r.error()), r.duration(), failed);
  }

  static Fingerprint fingerprint(Database db, RunListener l) throws EngineException {
    try {
      return Fingerprint.take(db, l.checkProgress());
    } catch (SQLException e) {
      throw new EngineException(EngineException.UNAVAILABLE, "cannot fingerprint the scratch database: "
          + RunSession.dbMessage(e));
    }
  }

  private Phase seed(Database db, Seed seed) {
    Instant t = clock.instant();
    try (Connection c = db.connection()) {
      if (seed.demo()) {
        DemoSchema.SeedResult r = DemoSchema.seed(c, db.dialect().jooq(), false);
        return new Phase("seed", true, "demo schema: " + r.customers() + " customers, " + r.orders() + " orders",
            since(t), List.of());
      }
      if (seed.copy() != null) {
        SchemaCopy.Result r = seed.copy().into(db, seed.copyRows());
        List<String> notes = new ArrayList<>(r.notes());
        seed.copy().masking().ifPresent(m -> m.summary().forEach(line -> notes.add("masked " + line)));
        return new Phase("seed", true, "copy of the seed source: " + r.tables() + " tables, " + r.rows() + " rows",
            since(t), notes);
      }
      if (seed.sql() != null) {
        int n = 0;
        try (Statement st = c.createStatement()) {
          for (SqlSplitter.Statement s : SqlSplitter.split(seed.sql(), db.dialect().family())) {
            st.execute(s.sql());
            n++;
          }
        }
        return new Phase("seed", true, n + " statement(s) from the seed file", since(t), List.of());
      }
      return new Phase("seed", true, "empty database", since(t), List.of());
    } catch (SQLException | IllegalArgumentException e) {
      return new Phase("seed", false, "seeding failed: " + (e instanceof SQLException s ? RunSession.dbMessage(s)
          : e.getMessage()), since(t), List.of());
    }
  }

  private Duration since(Instant t) {
    return Duration.between(t, clock.instant());
  }

  /** Rehearsals run unattended on a scratch database: every gate and manual step is confirmed as "rehearsal". */
  static Decisions approveAll() {
    return new Decisions() {
      @Override
      public Decision confirmRun(Playbook p, TargetSpec t, Direction d, String summary) {
        return new Decision(true, "rehearsal", "rehearsal-approver", "rehearsal");
      }

      @Override
      public Decision gate(Playbook p, GateStep step, TargetSpec t) {
        return new Decision(true, "rehearsal", "rehearsal-approver", "rehearsal");
      }

      @Override
      public Decision manual(Playbook p, ManualStep step, Direction d) {
        return new Decision(true, "rehearsal", null, "rehearsal");
      }
    };
  }
}
