package backstep.ui.fleet;

import backstep.db.Database;
import backstep.fleet.FleetStore;
import backstep.ui.fx.UiThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads fleet runs from the central ledger off the FX thread (the fleet tables, and the members' runs where the
 * central ledger records them) and puts them in the model; {@link #openMember} hands a member to whoever shows its
 * run (the console: the ledger page on that target). Changes nothing.
 */
public final class FleetController {
  private final FleetModel model;
  private final UiThread fx;
  private final Executor io;
  private final Supplier<CompletableFuture<Database>> central;
  private Consumer<MemberRow> onOpen = m -> { };
  private boolean reading;

  /** {@code central}: the central ledger, connected (a failed future says why there is none). */
  public FleetController(FleetModel model, UiThread fx, Executor io, Supplier<CompletableFuture<Database>> central) {
    this.model = model;
    this.fx = fx;
    this.io = io;
    this.central = central;
  }

  public FleetModel model() {
    return model;
  }

  public void setOnOpen(Consumer<MemberRow> onOpen) {
    this.onOpen = onOpen;
  }

  /** A line for the page's status (e.g. why a member's run cannot be opened here). */
  public void say(String text) {
    model.say(text);
  }

  /** Drill-down: the selected member's run, shown where runs are shown. */
  public void openMember(MemberRow m) {
    if (m != null) {
      onOpen.accept(m);
    }
  }

  /** Whether the fleet run on screen may still change (the page re-reads it on its tick). */
  public boolean live() {
    FleetStore.FleetRun r = model.runProperty().get();
    return r == null || !r.state().settled();
  }

  private record Snapshot(List<FleetStore.FleetRun> runs, FleetStore.FleetRun run, List<MemberRow> members) {}

  /** Re-reads the fleet runs and the one on screen (the newest when none is picked). */
  public CompletableFuture<Void> refresh() {
    UiThread.check();
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (reading) {
      done.complete(null);
      return done;
    }
    reading = true;
    String wanted = model.runProperty().get() == null ? null : model.runProperty().get().id();
    CompletableFuture<Snapshot> read = central.get().thenApplyAsync(db -> {
      try {
        return read(new FleetStore(db), wanted);
      } catch (Exception e) { // the central ledger's SQL errors, said in the page's status line
        throw new CompletionException(e);
      }
    }, io);
    fx.whenDone(read, (s, e) -> {
      reading = false;
      if (e != null) {
        model.say("fleet: " + UiThread.unwrap(e).getMessage());
      } else {
        show(s);
      }
      done.complete(null);
    });
    return done;
  }

  /** Shows another fleet run. */
  public CompletableFuture<Void> pick(FleetStore.FleetRun r) {
    UiThread.check();
    if (r == null || model.runProperty().get() != null && model.runProperty().get().id().equals(r.id())) {
      return CompletableFuture.completedFuture(null);
    }
    model.runProperty().set(r);
    model.members().clear();
    return refresh();
  }

  private static Snapshot read(FleetStore store, String wanted) throws Exception {
    if (!store.exists()) {
      return new Snapshot(List.of(), null, List.of());
    }
    List<FleetStore.FleetRun> runs = store.runs(null, 50);
    FleetStore.FleetRun run = runs.stream().filter(r -> r.id().equals(wanted)).findFirst()
        .orElse(runs.isEmpty() ? null : runs.get(0));
    if (run == null) {
      return new Snapshot(runs, null, List.of());
    }
    Map<String, FleetStore.Progress> progress = store.progress(run.id());
    Map<String, String> soaks = MemberRow.soaks(store.events(run.id()));
    List<MemberRow> rows = new ArrayList<>();
    for (FleetStore.Member m : store.members(run.id())) {
      rows.add(MemberRow.of(m, progress.get(m.member()), soaks.get(m.member())));
    }
    return new Snapshot(runs, run, rows);
  }

  private void show(Snapshot s) {
    if (!model.runs().equals(s.runs())) {
      model.runs().setAll(s.runs());
    }
    model.runProperty().set(s.run());
    String keep = model.selectedProperty().get() == null ? null : model.selectedProperty().get().member();
    model.members().setAll(s.members());
    model.selectedProperty().set(s.members().stream().filter(m -> m.member().equals(keep)).findFirst()
        .orElse(null));
    FleetStore.FleetRun r = s.run();
    model.setDecision(r == null ? null : FleetDecision.of(r));
    model.setHold(r == null || r.hold() == null ? "after the canary: straight on to the waves"
        : "after the canary: " + r.hold().describe() + (r.canaryPassedAt() == null ? "" : " — passed "
        + r.canaryPassedAt()));
    model.say(r == null ? "fleet: no fleet run in the central ledger yet" : "fleet run " + r.id() + " of group '"
        + r.group() + "': " + r.state() + ", " + s.members().size() + " member(s)");
  }
}
