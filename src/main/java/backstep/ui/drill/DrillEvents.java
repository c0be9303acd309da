package backstep.ui.drill;

import backstep.drill.TimelineEvent;
import backstep.engine.Direction;
import backstep.state.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.XYChart;

/**
 * Applies a batch of drill and engine events to the {@link DrillModel} on the FX thread: the timeline, the fault
 * rows lighting up, the checklist, the alert banner, the decision, the workload and the integrity table.
 */
final class DrillEvents {
  private static final int SERIES_MAX = 600;
  private final DrillModel model;

  DrillEvents(DrillModel model) {
    this.model = model;
  }

  /** A fresh board for {@code e}: planned faults, pending steps, no timeline. */
  void reset(DrillEntry e) {
    model.timeline().clear();
    model.faults().setAll(e == null || e.drill() == null ? List.of() : e.drill().faults().stream()
        .map(FaultRow::new).toList());
    model.steps().setAll(e == null || e.playbook() == null ? List.of() : java.util.stream.IntStream
        .range(0, e.playbook().steps().size()).mapToObj(i -> new StepLine(i, e.playbook().steps().get(i))).toList());
    model.integrity().reset(e == null || e.playbook() == null ? List.of() : e.playbook().checks());
    model.setAlert("");
    model.setAcknowledged(false);
    model.setPaused(false);
    model.setDecision("");
    model.setResult(null);
    model.setDebrief("");
    model.setWorkload("–", "–", "–");
    model.p95Series().getData().clear();
    model.opsSeries().getData().clear();
    model.setStartedAt(null);
    model.setIncidentAt(null);
  }

  void apply(List<DrillFeed.Item> batch) {
    for (DrillFeed.Item item : batch) {
      if (item instanceof DrillFeed.Event ev) {
        event(ev.event());
      } else if (item instanceof DrillFeed.Tick t) {
        tick(t.tick());
      } else if (item instanceof DrillFeed.StepStarted s) {
        line(s.stepId(), s.direction() == Direction.FORWARD ? StepState.RUNNING : StepState.ROLLING_BACK, "");
      } else if (item instanceof DrillFeed.StepFinished f) {
        line(f.result().id(), f.result().state(), f.result().duration().toMillis() + " ms"
            + (f.result().error() == null ? "" : " · " + f.result().error()));
      } else if (item instanceof DrillFeed.Check c) {
        model.integrity().accept(c.outcome());
      }
    }
  }

  private void event(TimelineEvent e) {
    model.timeline().add(e);
    String at = offset(model.startedAt(), e.at());
    switch (e.kind()) {
      case FAULT -> fault(e, at);
      case FAULT_UNDONE -> model.faults().stream().filter(f -> f.state() == FaultRow.State.FIRED
          && e.text().startsWith(f.spec().kind().key() + ":")).findFirst().ifPresent(f -> f.undone(at));
      case ALERT -> {
        if (!e.text().startsWith("operator acknowledged")) {
          model.setAlert(e.source() + ": " + e.text());
        }
      }
      case DECISION -> {
        if (model.decisionProperty().get().isEmpty() && !e.text().contains("(ignored")) {
          model.setDecision(e.text() + " — " + e.source() + " at " + at);
        }
      }
      case GATE -> model.setStatus(e.text());
      case PHASE -> {
        if (!e.source().equals("engine")) {
          model.setStatus(e.text()); // the drill's own phases; the engine's notes stay in the timeline
        }
        if (e.text().startsWith("the incident starts") && model.incidentAt() == null) {
          model.setIncidentAt(e.at());
        }
      }
      default -> { }
    }
  }

  private void fault(TimelineEvent e, String at) {
    String key = e.text().split("[ :]", 2)[0];
    FaultRow row = model.faults().stream().filter(f -> f.state() == FaultRow.State.PLANNED
        && f.spec().kind().key().equals(key)).findFirst().orElse(null);
    boolean failed = e.text().contains("could not be injected");
    if (row != null) {
      if (failed) {
        row.failed(at, e.text());
      } else {
        row.fired(at, e.text().substring(e.text().indexOf(": ") + 2));
      }
    }
    if (!failed && model.incidentAt() == null) {
      model.setIncidentAt(e.at());
    }
  }

  private void line(String stepId, StepState s, String detail) {
    model.steps().stream().filter(l -> l.step().id().equals(stepId)).findFirst().ifPresent(l -> l.set(s, detail));
  }

  private void tick(backstep.drill.load.WorkloadTick t) {
    model.setWorkload(String.format(Locale.ROOT, "%.0f", t.opsPerSecond()), Double.isNaN(t.p95()) ? "stalled"
        : String.format(Locale.ROOT, "%.1f ms", t.p95()), String.format(Locale.ROOT, "%.0f", t.errorsPerSecond()));
    Instant start = model.startedAt();
    double x = start == null ? 0 : Duration.between(start, t.at()).toMillis() / 1000.0;
    add(model.p95Series(), x, Double.isNaN(t.p95()) ? 0 : t.p95());
    add(model.opsSeries(), x, t.opsPerSecond());
  }

  private static void add(XYChart.Series<Number, Number> s, double x, double y) {
    s.getData().add(new XYChart.Data<>(x, y));
    if (s.getData().size() > SERIES_MAX) {
      s.getData().remove(0);
    }
  }

  static String offset(Instant start, Instant at) {
    if (start == null || at == null) {
      return "";
    }
    return "T+" + seconds(start, at);
  }

  static String seconds(Instant from, Instant to) {
    return String.format(Locale.ROOT, "%.1f s", Math.max(0, Duration.between(from, to).toMillis()) / 1000.0);
  }

  static String clock(Instant from, Instant to) {
    long ms = Math.max(0, Duration.between(from, to).toMillis());
    return String.format(Locale.ROOT, "%02d:%02d.%d", ms / 60000, ms / 1000 % 60, ms / 100 % 10);
  }
}
