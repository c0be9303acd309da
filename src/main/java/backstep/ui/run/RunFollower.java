package backstep.ui.run;

import backstep.engine.Direction;
import backstep.engine.StepResult;
import backstep.state.RunState;
import backstep.state.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Follows a run on the FX thread: turns the engine's buffered events into checklist states, timings and event-log
 * lines, and counts up the running step's time on every tick.
 */
final class RunFollower {
  private final RunModel model;
  private final Supplier<String> operator;

  RunFollower(RunModel model, Supplier<String> operator) {
    this.model = model;
    this.operator = operator;
  }

  /**
   * Applies a batch of engine events to the checklist and the log. The checklist's selection follows the running
   * step once a batch, to the step started last: each selection shows that step's SQL in the step detail, and only
   * the last of a batch would be seen.
   */
  void apply(List<RunEvent> events) {
    StepRow started = null;
    for (RunEvent ev : events) {
      if (ev instanceof RunEvent.RunStarted s) {
        RunState before = model.state();
        if (s.direction() == Direction.FORWARD && (before == null || before.settled())) {
          model.mutableSteps().forEach(StepRow::reset);
          if (model.playbook() != null) {
            model.integrity().reset(model.playbook().checks());
          }
        }
        model.setRun(s.direction() == Direction.FORWARD ? RunState.RUNNING : RunState.ROLLING_BACK,
            model.runIdProperty().get(), s.changeId(), false, operator.get());
        model.setProof(null);
        log(ev.at(), s.direction() == Direction.FORWARD ? LogLine.Level.RUNNING : LogLine.Level.BACK,
            "run " + s.changeId() + " started: " + (s.direction() == Direction.FORWARD ? "forward" : "rollback")
                + " on " + s.target());
      } else if (ev instanceof RunEvent.StepStarted s) {
        Optional<StepRow> row = row(s.index(), s.stepId());
        if (row.isPresent()) {
          row.get().started(s.at(), s.direction() == Direction.FORWARD ? StepState.RUNNING : StepState.ROLLING_BACK,
              model.operatorProperty().get());
          started = row.get();
        }
        log(ev.at(), s.direction() == Direction.FORWARD ? LogLine.Level.RUNNING : LogLine.Level.BACK,
            "step " + (s.index() + 1) + "/" + s.total() + " " + s.stepId() + ": "
                + (s.direction() == Direction.FORWARD ? "started" : "rolling back"));
      } else if (ev instanceof RunEvent.StatementDone s) {
        String what = s.done() > 0 ? "statement " + s.done() + "/" + s.total() : "batch";
        rowById(s.stepId()).ifPresent(row -> row.progress(what + " · " + s.rows() + " rows so far"));
        log(ev.at(), LogLine.Level.INFO, s.stepId() + ": " + what + " done, " + s.rows() + " rows so far, "
            + s.took().toMillis() + " ms");
      } else if (ev instanceof RunEvent.Observing o) {
        rowById(o.stepId()).ifPresent(row -> row.progress(countdown(o)));
      } else if (ev instanceof RunEvent.Retrying s) {
        log(ev.at(), LogLine.Level.WARN, s.stepId() + ": retry " + s.attempt() + "/" + s.maxAttempts() + " in "
            + s.backoff().toMillis() + " ms — " + s.reason());
      } else if (ev instanceof RunEvent.StepFinished s) {
        StepResult r = s.result();
        row(r.index(), r.id()).ifPresent(row -> row.result(r));
        log(ev.at(), level(r.state()), "step " + (r.index() + 1) + " " + r.id() + ": " + r.state().words()
            + (r.state() == StepState.PENDING ? "" : " in " + r.duration().toMillis() + " ms")
            + (r.actor() != null && !r.kind().equals("sql") ? " by " + r.actor() : "")
            + (r.error() != null ? " — " + r.error() : r.note() != null ? " — " + r.note() : ""));
      } else if (ev instanceof RunEvent.Note n) {
        log(ev.at(), LogLine.Level.INFO, n.message());
      } else if (ev instanceof RunEvent.Check c) {
        model.integrity().accept(c.outcome());
        if (!c.outcome().passed()) {
          log(ev.at(), LogLine.Level.ERROR, "check '" + c.outcome().name() + "' failed " + c.outcome().phase()
              .replace('_', ' ') + (c.outcome().step() == null ? "" : " " + c.outcome().step()) + ": "
              + c.outcome().value() + " (expected " + c.outcome().expected() + ")");
        }
      } else if (ev instanceof RunEvent.Guard g) {
        LogLine line = new LogLine(ev.at(), guardLevel(g.description()), g.description());
        model.log(line);
        if (line.level() != LogLine.Level.INFO) {
          model.notify(line);
        }
      } else if (ev instanceof RunEvent.WorkSession w) {
        model.setWorkSession(w.sessionId());
      } else if (ev instanceof RunEvent.RunFinished f) {
        model.setRun(f.result().state(), f.result().runId(), f.result().changeId(), false, f.result().operator());
        model.setProof(f.result().proof());
        if (f.result().state() != RunState.PAUSED) {
          model.notify(new LogLine(ev.at(), f.result().different() ? LogLine.Level.ERROR : level(f.result().state()),
              "run " + f.result().changeId() + " " + RunHeadline.words(f.result().state(), f.result().proof())
              + (f.result().error() == null ? "" : ": " + f.result().error())));
        }
      }
    }
    if (started != null) {
      model.select(started);
    }
  }

  /** An observe step's row while it soaks: the countdown, then one line per guard. */
  static String countdown(RunEvent.Observing o) {
    return "observing · " + (o.left().toMillis() + 999) / 1000 + " s left of " + o.total().toSeconds() + " s · "
        + o.samples() + "/" + o.needed() + " samples" + (o.guardLines().isEmpty() ? ""
            : "\n" + String.join("\n", o.guardLines()));
  }

  /** Running steps count up. */
  void tick(Instant now) {
    for (StepRow r : model.steps()) {
      r.tick(now);
    }
  }

  void log(Instant at, LogLine.Level level, String text) {
    model.log(new LogLine(at, level, text));
  }

  Optional<StepRow> row(int index, String id) {
    if (index < 0 || index >= model.steps().size() || !model.steps().get(index).step().id().equals(id)) {
      return rowById(id);
    }
    return Optional.of(model.steps().get(index));
  }

  Optional<StepRow> rowById(String id) {
    return model.steps().stream().filter(r -> r.step().id().equals(id)).findFirst();
  }

  /** SUSTAINED breaches act (error), breaches warn, recoveries are good news, transient spikes are noted. */
  static LogLine.Level guardLevel(String description) {
    return description.startsWith("SUSTAINED") ? LogLine.Level.ERROR : description.startsWith("guard breach")
        ? LogLine.Level.WARN : description.startsWith("recovered") ? LogLine.Level.OK : LogLine.Level.INFO;
  }

  static LogLine.Level level(StepState s) {
    return switch (s) {
      case APPLIED, SKIPPED -> LogLine.Level.OK;
      case FAILED, ROLLBACK_FAILED -> LogLine.Level.ERROR;
      case ROLLED_BACK, ROLLING_BACK -> LogLine.Level.BACK;
      case RUNNING -> LogLine.Level.RUNNING;
      default -> LogLine.Level.WARN;
    };
  }

  static LogLine.Level level(RunState s) {
    return switch (s) {
      case APPLIED -> LogLine.Level.OK;
      case ROLLED_BACK -> LogLine.Level.BACK;
      case PAUSED -> LogLine.Level.INFO;
      default -> LogLine.Level.ERROR;
    };
  }
}
