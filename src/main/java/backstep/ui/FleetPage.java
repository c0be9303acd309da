package backstep.ui;

import backstep.db.Database;
import backstep.db.TargetSpec;
import backstep.db.TargetUnavailableException;
import backstep.db.Targets;
import backstep.fleet.FleetGroups;
import backstep.ledger.RunRecord;
import backstep.playbook.InvalidFileException;
import backstep.ui.fleet.FleetController;
import backstep.ui.fleet.FleetModel;
import backstep.ui.fleet.FleetView;
import backstep.ui.fleet.MemberRow;
import backstep.ui.fx.UiThread;
import backstep.ui.ledger.LedgerController;
import backstep.ui.shell.ShellView;
import backstep.ui.shell.TargetsController;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.collections.ListChangeListener;

/**
 * The fleet page's wiring: the central ledger is the target the targets file names with {@code ledger:} (connected
 * through the targets list); opening a member makes it the current target and shows its run in the ledger page.
 */
final class FleetPage {
  private FleetPage() {}

  static FleetView create(TargetsController targets, LedgerController ledger, ShellView frame, UiThread fx,
      Executor io, Path home) {
    FleetController fleet = new FleetController(new FleetModel(), fx, io, () -> CompletableFuture.supplyAsync(() ->
        central(targets), io).thenComposeAsync(name -> targets.entry(name).map(targets::connect).orElseGet(() ->
        CompletableFuture.failedFuture(new IllegalStateException("the central ledger '" + name + "' is not in the "
            + "targets list"))), fx));
    fleet.setOnOpen(m -> open(m, targets, ledger, frame, fleet, fx, io, home));
    FleetView view = new FleetView(fleet);
    frame.pageProperty().addListener((o, a, b) -> {
      if (b == ShellView.Page.FLEET) {
        view.activate();
      } else {
        view.deactivate();
      }
    });
    return view;
  }

  /** The central ledger's target name, from the targets file (off the FX thread). */
  private static String central(TargetsController targets) {
    try {
      Targets t = Targets.load(targets.file());
      FleetGroups gs = FleetGroups.load(t);
      return gs.names().stream().map(g -> gs.find(g).orElseThrow().centralLedger()).findFirst()
          .orElseGet(() -> t.names().stream().map(n -> t.find(n).map(TargetSpec::ledger).orElse(null))
              .filter(Objects::nonNull).findFirst().orElseThrow(() -> new IllegalStateException("the targets file "
                  + targets.file() + " names no central ledger ('ledger: TARGET'): fleets keep their runs there")));
    } catch (InvalidFileException e) {
      throw new CompletionException(e);
    }
  }

  /**
   * Drill-down: the member becomes the current target and the ledger page shows its run of this fleet. A member
   * whose ledger is the central one gets a connection of its own to it (closed with the member's), so the ledger
   * page reads the member's runs where they are recorded.
   */
  private static void open(MemberRow m, TargetsController targets, LedgerController ledger, ShellView frame,
      FleetController fleet, UiThread fx, Executor io, Path home) {
    var entry = targets.entry(m.member());
    if (entry.isEmpty()) {
      fleet.say(m.member() + " is not in the targets list (a database of a server group): its run "
          + m.changeId() + " is in the ledger its server names; `backstep history --run " + m.changeId()
          + "` on it shows the run");
      return;
    }
    TargetSpec spec = entry.get().spec();
    CompletableFuture<Database> opened = targets.connect(entry.get()).thenApplyAsync(db -> {
      if (spec.ledger() != null && db.ledgerStore() == db) {
        TargetSpec central = targets.entry(spec.ledger()).map(e -> e.spec()).orElseThrow(() ->
            new IllegalStateException("the central ledger '" + spec.ledger() + "' is not in the targets list"));
        try {
          db.useLedger(Database.open(central, central.passwordEnv() == null ? null
              : System.getenv(central.passwordEnv()), home, false));
        } catch (TargetUnavailableException e) {
          throw new CompletionException(e);
        }
      }
      return db;
    }, io);
    fx.whenDone(opened, (db, e) -> {
      if (e != null) {
        fleet.say("cannot open " + m.member() + "'s run: " + UiThread.unwrap(e).getMessage());
        return;
      }
      targets.select(entry.get());
      frame.show(ShellView.Page.LEDGER);
      ledger.showTarget(m.member(), db);
      @SuppressWarnings("unchecked")
      ListChangeListener<RunRecord>[] watch = new ListChangeListener[1];
      watch[0] = c -> ledger.model().shown().stream().filter(r -> m.changeId().equals(r.changeId())).findFirst()
          .ifPresent(r -> {
            ledger.model().shown().removeListener(watch[0]);
            fx.execute(() -> ledger.select(r)); // after the refresh that listed it has kept its own selection
          });
      ledger.model().shown().addListener(watch[0]);
      watch[0].onChanged(null);
    });
  }
}
