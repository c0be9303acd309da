package backstep.drill;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.engine.Decisions;
import backstep.engine.Engine;
import backstep.engine.EngineException;
import backstep.engine.RunListener;
import backstep.playbook.Playbook;
import java.time.Clock;
import java.util.concurrent.CompletionException;

/**
 * Runs drills: starts the workload on the target, measures the baseline, applies the drill's playbook through the
 * {@link Engine} while its faults fire, lets the team (or, headless, the auto-operator and the guards) decide,
 * rolls back when decided, watches the target come back, checks for lost writes, scores the attempt and keeps it
 * in the target's ledger. Refuses production targets.
 *
 * <pre>{@code
 * DrillSession s = new DrillRunner(engine, clock).start(drill, playbook, db, Options.headless("ana"), listener);
 * s.rollback("ana");                      // from the console's button; headless the auto-operator does it
 * DrillResult r = s.result().join();      // never join on the JavaFX thread
 * }</pre>
 */
public final class DrillRunner {
  /**
   * @param operator who runs the drill (recorded on the run)
   * @param decisions how gates and manual steps are answered (headless: all confirmed as the operator)
   * @param automatic true headless: the drill's auto-operator decides; false: the caller's person decides
   * @param engineListener the caller's own engine listener (CLI progress), or null
   */
  public record Options(String operator, Decisions decisions, boolean automatic, RunListener engineListener) {
    public static Options headless(String operator) {
      return new Options(operator, new AutoDecisions(operator), true, null);
    }
  }

  private final Engine engine;
  private final Clock clock;

  public DrillRunner(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  /** Starts a drill on its own thread; the session's future completes with the scored result. */
  public DrillSession start(Drill drill, Playbook playbook, Database db, Options o, DrillListener listener)
      throws EngineException {
    refuseProduction(db.spec());
    DrillSession session = new DrillSession(clock, listener == null ? new DrillListener() { } : listener);
    Thread t = new Thread(() -> {
      try {
        session.result.complete(drill.isFleet() ? new FleetDrillRun(clock, drill, playbook, db, o, session).run()
            : new DrillRun(engine, clock, drill, playbook, db, o, session).run());
      } catch (EngineException e) {
        session.result.completeExceptionally(new CompletionException(e));
      } catch (RuntimeException | Error e) {
        session.result.completeExceptionally(e);
      }
    }, "backstep-drill-" + drill.id());
    t.setDaemon(true);
    t.start();
    return session;
  }

  /** Runs a drill and waits for its result (the CLI's way). */
  public DrillResult run(Drill drill, Playbook playbook, Database db, Options o, DrillListener listener)
      throws EngineException {
    return Engine.join(start(drill, playbook, db, o, listener).result());
  }

  /** Drills inject faults: a production target is refused (before connecting, where the caller can). */
  public static void refuseProduction(backstep.db.TargetSpec t) throws EngineException {
    if (t.environment() == EnvironmentClass.PRODUCTION) {
      throw new EngineException(EngineException.INVALID, "drills inject faults and never run on production "
          + "targets: '" + t.name() + "' is production. Use the sandbox or a staging target.");
    }
  }
}
