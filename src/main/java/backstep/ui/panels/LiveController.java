package backstep.ui.panels;

import backstep.db.Database;
import backstep.playbook.GuardRule;
import backstep.playbook.Monitoring;
import backstep.playbook.Playbook;
import backstep.playbook.SqlStep;
import backstep.telemetry.Reading;
import backstep.telemetry.Telemetry;
import backstep.ui.fx.Drain;
import backstep.ui.fx.UiThread;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Samples the current target once a second on its own connection and thread ({@link Telemetry}, started and
 * closed on a background executor) and feeds the chart and blocker models through a {@link Drain}: the sampler
 * thread only queues readings; one FX update per tick takes them all. Runs whether or not a run is in flight;
 * draws the playbook's guards, or the target environment's defaults when the playbook declares none.
 */
public final class LiveController {
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private record Tagged(int generation, Reading reading) {}

  private final LiveChartsModel charts;
  private final BlockersModel blockers;
  private final UiThread fx;
  private final Executor io;
  private final Clock clock;
  private final Drain<Tagged> drain;
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("no target");
  private final ReadOnlyStringWrapper replicaLags = new ReadOnlyStringWrapper("");
  private Database db;
  private Playbook playbook;
  private String canary;
  private Telemetry telemetry;
  private int generation;
  private boolean runActive;
  private long runSession = -1;
  private boolean closed;
  private java.util.function.Consumer<Ended> onEnded = e -> { };

  /** A blocking session the operator cancelled or ended: where, which, what, when confirmed, and if it was done. */
  public record Ended(Database db, BlockerRow row, backstep.engine.SessionAction.Kind kind, java.time.Instant at,
      boolean done) {}

  /** Create on the FX thread. */
  public LiveController(LiveChartsModel charts, BlockersModel blockers, UiThread fx, Executor io, Clock clock) {
    this.charts = charts;
    this.blockers = blockers;
    this.fx = fx;
    this.io = io;
    this.clock = clock;
    this.drain = new Drain<>(javafx.util.Duration.millis(INTERVAL.toMillis()), this::take, this::tick);
  }

  /** Told (on the FX thread) of each session ended from the blockers table, to record it in the ledger. */
  public void setOnSessionEnded(java.util.function.Consumer<Ended> then) {
    onEnded = then;
  }

  /**
   * Cancels the statement of, or ends, the blocking session {@code row} on the target shown, off the FX thread;
   * {@code at} is when the operator confirmed. Completes (on the FX thread) with what the server said, or fails.
   */
  public CompletableFuture<Ended> endSession(BlockerRow row, backstep.engine.SessionAction.Kind kind,
      java.time.Instant at) {
    Database d = db;
    CompletableFuture<Ended> done = new CompletableFuture<>();
    if (d == null) {
      done.completeExceptionally(new IllegalStateException("no target connected"));
      return done;
    }
    fx.whenDone(CompletableFuture.supplyAsync(() -> backstep.engine.SessionAction.perform(d, kind, row.pid()), io),
        (ok, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      Ended e = new Ended(d, row, kind, at, ok);
      onEnded.accept(e);
      done.complete(e);
    });
    return done;
  }

  public LiveChartsModel charts() {
    return charts;
  }

  public BlockersModel blockers() {
    return blockers;
  }

  /** "sandbox · sampled every 1 s · last 0.4 s ago", or why there is nothing to show. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** "replicas: r1 0.0 s · r2 unreachable" at the latest sample; empty when the target lists no replicas. */
  public ReadOnlyStringProperty replicaLagsProperty() {
    return replicaLags.getReadOnlyProperty();
  }

  /** The per-replica line of {@link #replicaLagsProperty()} for {@code lags} (by name, in seconds; NaN: unread). */
  static String replicaLine(java.util.Map<String, Double> lags) {
    if (lags == null || lags.isEmpty()) {
      return "";
    }
    return "replicas: " + String.join(" · ", lags.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue()
        .isNaN() ? "unreachable" : String.format(Locale.ROOT, "%.1f s", e.getValue()))).toList());
  }

  public void activate() {
    drain.start();
  }

  /** The target to watch (null: none, or not connected). */
  public void showTarget(Database database) {
    UiThread.check();
    if (database == db || closed) {
      return;
    }
    db = database;
    applyGuards();
    restart(true);
  }

  /** The playbook whose guards (and canary) to draw; null for none. */
  public void showPlaybook(Playbook pb) {
    UiThread.check();
    playbook = pb;
    applyGuards();
    String c = canarySql();
    if (!Objects.equals(c, canary) && db != null && !closed) {
      restart(false);
    }
  }

  /** A run of this console is in flight: relative thresholds freeze their baseline; its blockers are marked. */
  public void setRunActive(boolean active) {
    UiThread.check();
    if (active && !runActive) {
      charts.freezeBaselines();
    } else if (!active && runActive) {
      charts.unfreezeBaselines();
    }
    runActive = active;
  }

  /**
   * The database session the run's steps execute on ({@code RunListener.workSession}: PostgreSQL pid,
   * MySQL/MariaDB connection id), -1 when not known: a session blocking it is marked as blocking the run.
   */
  public void setRunSession(long sessionId) {
    UiThread.check();
    runSession = sessionId;
  }

  /** Stops sampling; the telemetry closes on the background executor. */
  public CompletableFuture<Void> close() {
    drain.stop();
    closed = true;
    generation++;
    Telemetry t = telemetry;
    telemetry = null;
    return stop(t);
  }

  private void applyGuards() {
    String env = db == null ? "sandbox" : db.spec().environment().key();
    Monitoring m = playbook == null ? Monitoring.NONE : playbook.monitoring();
    List<GuardRule> rules = m.guards().isEmpty() ? Monitoring.defaultsFor(env) : m.guards();
    String source = playbook == null ? "no playbook open" : !m.guards().isEmpty() ? "playbook guards ("
        + rules.size() + ")" : rules.isEmpty() ? "no guards (" + env + ")" : env + " defaults ("
        + rules.size() + ")";
    charts.setGuards(rules, source, m.guards().isEmpty() ? Duration.ofSeconds(2) : m.baseline());
  }

  private String canarySql() {
    if (db == null || playbook == null || playbook.monitoring().canary() == null) {
      return null;
    }
    return playbook.monitoring().canary().statements(db.dialect().family()).stream().findFirst()
        .map(st -> st.sql().replace(SqlStep.SCHEMA_PLACEHOLDER, db.schema())).orElse(null);
  }

  /** A new sampler (another target, or another canary); {@code clear} forgets the old target's points. */
  private void restart(boolean clear) {
    int gen = ++generation;
    stop(telemetry);
    telemetry = null;
    if (clear) {
      charts.clear();
      blockers.clear();
    } else {
      charts.clearCanary();
    }
    canary = canarySql();
    if (db == null) {
      status.set("no target connected");
      return;
    }
    Database d = db;
    String c = canary;
    status.set(d.spec().name() + " · starting telemetry…");
    fx.whenDone(CompletableFuture.supplyAsync(() -> {
      try {
        Telemetry t = Telemetry.start(d, clock, INTERVAL, c);
        t.addListener(r -> drain.offer(new Tagged(gen, r)));
        return t;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, io), (t, e) -> {
      if (gen != generation) {
        stop(t);
      } else if (e != null) {
        status.set(d.spec().name() + " · telemetry unavailable: " + e.getMessage());
      } else {
        telemetry = t;
      }
    });
  }

  private CompletableFuture<Void> stop(Telemetry t) {
    return t == null ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(t::close, io);
  }

  private void take(List<Tagged> batch) {
    List<Reading> mine = batch.stream().filter(t -> t.generation() == generation).map(Tagged::reading).toList();
    if (!mine.isEmpty()) {
      charts.add(mine);
      blockers.show(mine.get(mine.size() - 1), runActive, runSession);
    }
  }

  private void tick() {
    Telemetry t = telemetry;
    Reading last = t == null ? null : t.last();
    if (t == null || last == null || db == null) {
      return;
    }
    replicaLags.set(replicaLine(t.replicaLags()));
    double ago = Math.max(0, clock.millis() - last.at().toEpochMilli()) / 1000.0;
    status.set(db.spec().name() + " · sampled every " + INTERVAL.toSeconds() + " s · last sample "
        + String.format(Locale.ROOT, "%.1f s ago", ago) + (last.error() == null ? "" : " · ✖ " + last.error()));
  }
}
