package backstep.ui.trainer;

import backstep.ledger.LedgerReader;
import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.ui.fx.UiThread;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.chart.XYChart;
import javafx.util.Duration;

/**
 * Trainer mode's commands: show a playbook's or drill's steps explained, step next/previous; load a replay, play,
 * pause, change speed, scrub (the position property). Playback is a 100 ms animation {@link Timeline} on the FX
 * thread; nothing here touches a database — replays come from what the ledger browser and drill history loaded.
 */
public final class TrainerController {
  static final long FRAME_MS = 100;
  private static final int[] SPEEDS = {1, 2, 4, 8};
  private final TrainerModel model;
  private final Timeline player;

  /** Create on the FX thread. */
  public TrainerController(TrainerModel model) {
    this.model = model;
    this.player = new Timeline(new KeyFrame(Duration.millis(FRAME_MS), e -> advance()));
    player.setCycleCount(Animation.INDEFINITE);
    model.positionProperty().addListener((o, a, b) -> follow(a.longValue(), b.longValue()));
  }

  public TrainerModel model() {
    return model;
  }

  /** Explains a playbook's steps (PostgreSQL's locks unless the caller knows better). */
  public void showPlaybook(Playbook p, DialectFamily family) {
    UiThread.check();
    if (p == null) {
      return;
    }
    model.setSource("Playbook " + p.id() + " v" + p.version() + " · " + p.title(), "");
    load(p, family);
  }

  /** Explains a drill: its briefing first, then its playbook's steps. */
  public void showDrill(String title, String briefing, Playbook p, DialectFamily family) {
    UiThread.check();
    if (p == null) {
      return;
    }
    model.setSource("Drill · " + title + " (playbook " + p.id() + ")", briefing);
    load(p, family);
  }

  private void load(Playbook p, DialectFamily family) {
    List<Explanation> list = Explainer.explain(p, family == null ? DialectFamily.POSTGRESQL : family);
    model.steps().setAll(list);
    model.show(list.isEmpty() ? -1 : 0);
  }

  public void next() {
    int i = model.indexProperty().get();
    if (i + 1 < model.steps().size()) {
      model.show(i + 1);
    }
  }

  public void previous() {
    int i = model.indexProperty().get();
    if (i > 0) {
      model.show(i - 1);
    }
  }

  /** Loads a replay at its start, paused. */
  public void replay(Replay r) {
    UiThread.check();
    pause();
    model.setReplay(r);
    model.happened().clear();
    model.p95().getData().clear();
    model.positionProperty().set(0);
    follow(-1, 0);
  }

  /** Replays the run selected in the ledger browser (its events as the ledger kept them). */
  public void replayRun(LedgerReader.RunDetail d) {
    if (d != null) {
      replay(Replay.ofRun(d));
    }
  }

  public void play() {
    Replay r = model.replayProperty().get();
    if (r == null) {
      return;
    }
    if (model.positionProperty().get() >= r.durationMs()) {
      model.positionProperty().set(0);
    }
    model.setPlaying(true);
    player.play();
  }

  public void pause() {
    player.stop();
    model.setPlaying(false);
  }

  /** 1× → 2× → 4× → 8× → 1×. */
  public void cycleSpeed() {
    int s = model.speedProperty().get();
    int next = SPEEDS[0];
    for (int i = 0; i < SPEEDS.length - 1; i++) {
      if (SPEEDS[i] == s) {
        next = SPEEDS[i + 1];
      }
    }
    model.setSpeed(next);
  }

  private void advance() {
    Replay r = model.replayProperty().get();
    if (r == null) {
      pause();
      return;
    }
    double p = model.positionProperty().get() + FRAME_MS * model.speedProperty().get();
    if (p >= r.durationMs()) {
      p = r.durationMs();
      pause();
    }
    model.positionProperty().set(p);
  }

  /** Brings what has happened in line with the position: forwards appends, backwards (a scrub) rebuilds. */
  private void follow(long from, long to) {
    Replay r = model.replayProperty().get();
    if (r == null) {
      return;
    }
    if (to < from || from < 0) {
      model.happened().setAll(r.events().subList(0, r.eventsAt(to)));
      model.p95().getData().setAll(r.samples().stream().filter(s -> s.offsetMs() <= to)
          .map(TrainerController::point).toList());
      return;
    }
    int had = model.happened().size();
    int now = r.eventsAt(to);
    if (now > had) {
      model.happened().addAll(r.events().subList(had, now));
    }
    r.samples().stream().filter(s -> s.offsetMs() > from && s.offsetMs() <= to).map(TrainerController::point)
        .forEach(model.p95().getData()::add);
  }

  private static XYChart.Data<Number, Number> point(Replay.Sample s) {
    return new XYChart.Data<>(s.offsetMs() / 1000.0, Double.isNaN(s.p95()) ? 0 : s.p95());
  }
}
