package backstep.ui;

import backstep.db.Database;
import backstep.db.TargetSpec;
import backstep.engine.Engine;
import backstep.engine.Sleeper;
import backstep.metrics.MetricsEndpoint;
import backstep.ui.drill.DrillController;
import backstep.ui.drill.DrillFiles;
import backstep.ui.drill.DrillListView;
import backstep.ui.drill.DrillModel;
import backstep.ui.drill.DrillTargets;
import backstep.ui.drill.DrillView;
import backstep.ui.fx.UiThread;
import backstep.ui.history.HistoryController;
import backstep.ui.history.HistoryModel;
import backstep.ui.history.HistoryView;
import backstep.ui.trainer.Replay;
import backstep.ui.trainer.TrainerController;
import backstep.ui.trainer.TrainerModel;
import backstep.ui.trainer.TrainerView;
import backstep.ui.ledger.ExportDestination;
import backstep.ui.ledger.LedgerController;
import backstep.ui.ledger.LedgerModel;
import backstep.ui.ledger.LedgerView;
import backstep.ui.library.LibraryController;
import backstep.ui.library.LibraryModel;
import backstep.ui.library.LibraryView;
import backstep.ui.library.PlaybookEntry;
import backstep.ui.library.NoticeDialog;
import backstep.ui.library.PlaybookView;
import backstep.ui.panels.BlockersModel;
import backstep.ui.panels.LiveChartsModel;
import backstep.ui.panels.LiveController;
import backstep.ui.panels.LivePanels;
import backstep.ui.run.RunController;
import backstep.ui.run.RunModel;
import backstep.ui.run.RunView;
import backstep.ui.shell.ShellModel;
import backstep.ui.shell.ShellView;
import backstep.ui.shell.StatusBar;
import backstep.ui.shell.TargetEntry;
import backstep.ui.shell.TargetsController;
import backstep.ui.shell.TargetsModel;
import backstep.ui.shell.TargetsView;
import backstep.ui.shell.Theme;
import backstep.ui.shell.TopBar;
import backstep.ui.shell.WindowPrefs;
import backstep.ui.shell.Command;
import backstep.ui.shell.CommandMenus;
import backstep.ui.shell.FindBar;
import backstep.ui.shell.TableCopy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.PasswordField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The console application and its composition root: every model, controller and view is created and wired here,
 * by constructor. Background executors do all the waiting: one for engine runs, one for connections, status,
 * preflight, the library and the ledger browser, one for history walks (which wait for each of their runs).
 */
public final class ConsoleApp extends Application {
  private Console console;

  @Override
  public void start(Stage stage) {
    console = open(stage, ConsoleConfig.fromEnvironment());
  }

  @Override
  public void stop() {
    if (console != null) {
      console.close();
    }
  }

  /** Builds the console into {@code stage}, shows it and starts opening the sandbox. On the FX thread. */
  public static Console open(Stage stage, ConsoleConfig config) {
    UiThread fx = new UiThread();
    ExecutorService engineThread = ConsoleThreads.pool(1, "backstep-engine");
    ExecutorService io = ConsoleThreads.pool(2, "backstep-io");
    ExecutorService historyThread = ConsoleThreads.pool(1, "backstep-history");
    ExecutorService connections = ConsoleThreads.background("backstep-connect");
    Clock clock = Clock.systemUTC();
    Engine engine = new Engine(clock, Sleeper.REAL, engineThread);

    ShellModel shell = new ShellModel(config.operator());
    Theme theme = new Theme();
    WindowPrefs prefs = new WindowPrefs(config.prefs());
    prefs.text("operator", shell.operatorProperty());
    TargetsController targets = new TargetsController(new TargetsModel(), fx, io, connections, config.home(),
        config.freshSandbox(), spec -> askPassword(stage, spec.name(), spec.passwordEnv()));
    LibraryController library = new LibraryController(new LibraryModel(), fx, io, targets::knownNames);
    RunController run = new RunController(new RunModel(), engine, fx, io, clock, shell::operator, () -> stage,
        targets::knownNames);
    Optional<MetricsEndpoint> metrics = ConsoleMetrics.start(System.getenv(), System.getProperties(),
        System.err::println);
    metrics.ifPresent(m -> run.observedBy(m.runMetrics("console", clock)));
    ExportDestination exports = config.exportDestination() != null ? config.exportDestination()
        : ExportDestination.saveDialog();
    LedgerController ledger = new LedgerController(new LedgerModel(), fx, io, exports, () -> stage);
    HistoryController history = new HistoryController(new HistoryModel(), engine, fx, historyThread, clock,
        shell::operator, () -> stage, targets::knownNames);

    TargetsView targetsView = new TargetsView(targets);
    targetsView.disableProperty().bind(run.model().workingProperty().or(history.model().busyProperty()));
    LiveController live = new LiveController(new LiveChartsModel(), new BlockersModel(), fx, io, clock);
    RunView runView = new RunView(run, new LivePanels(live, run.model().integrity()));
    ShellView[] frame = new ShellView[1];
    PlaybookView playbookView = new PlaybookView(library.model(), () -> frame[0].show(ShellView.Page.RUN),
        true);
    NoticeDialog notices = new NoticeDialog(stage, exports, fx, io);
    playbookView.onNotice(p -> Optional.ofNullable(targets.model().current())
        .ifPresent(t -> notices.show(p, t.spec())));
    var engineWords = Bindings.createStringBinding(() -> run.model().workingProperty().get()
        ? (run.model().directionProperty().get() == backstep.engine.Direction.ROLLBACK ? "engine: rolling back…"
        : "engine: applying…") : run.model().preflightRunningProperty().get() ? "engine: preflight…"
        : history.model().busyProperty().get() ? "engine: " + history.model().workingProperty().get().doing()
        + " a history…" : "engine: idle", run.model().workingProperty(), run.model().directionProperty(),
        run.model().preflightRunningProperty(), history.model().workingProperty());
    ExecutorService drillIo = ConsoleThreads.pool(1, "backstep-drill-io");
    DrillController drill = new DrillController(new DrillModel(), new LiveController(new LiveChartsModel(),
        new BlockersModel(), fx, io, clock), engine, drillTargets(targets), fx, drillIo, clock, shell::operator,
        config.home().resolve("debriefs"));
    LibraryView libraryView = new LibraryView(library);
    javafx.scene.layout.VBox sidebar = new javafx.scene.layout.VBox(14, libraryView,
        new DrillListView(drill, () -> frame[0].show(ShellView.Page.DRILL)));
    javafx.scene.layout.VBox.setVgrow(libraryView, javafx.scene.layout.Priority.ALWAYS);
    FindBar find = new FindBar(() -> frame[0].getCenter());
    frame[0] = new ShellView(new TopBar(targets.model(), shell, run.model().summaryProperty(), theme),
        sidebar, targetsView, playbookView, runView, new LedgerView(ledger),
        new javafx.scene.layout.VBox(find, new StatusBar(targets.model(), shell, ledger.model().summaryProperty(),
        engineWords)));

    TrainerController trainer = new TrainerController(new TrainerModel());
    TrainerView trainerView = new TrainerView(trainer, () -> ledger.model().detailProperty().get() == null ? null
        : Replay.ofRun(ledger.model().detailProperty().get()));
    frame[0].addPage(ShellView.Page.HISTORY, new HistoryView(history));
    DrillView drillView = new DrillView(drill, attempt -> {
      trainer.replay(Replay.ofDrill(drill.model().entry().title() + " · attempt " + attempt.attemptId()
          .substring(0, 8), attempt.startedAt(), attempt.timeline(), attempt.ticks()));
      trainerView.showReplay();
      frame[0].show(ShellView.Page.TRAINER);
    });
    frame[0].addPage(ShellView.Page.DRILL, drillView);
    frame[0].addPage(ShellView.Page.TRAINER, trainerView);
    frame[0].addPage(ShellView.Page.FLEET, FleetPage.create(targets, ledger, frame[0], fx, io,
        config.home()));
    List<Command> commands = ConsoleCommands.of(new ConsoleCommands.Parts(stage, frame[0], libraryView,
        targetsView, drillView, run, history, library, theme, find));
    frame[0].setTop(new javafx.scene.layout.VBox(CommandMenus.of(commands), frame[0].getTop()));
    ConsoleCommands.labelButtons(commands, runView);
    wire(targets, library, run, ledger, shell, history);
    wireHistory(history, library, run, targets, ledger, frame[0], shell);
    wireLive(live, targets, library, run);
    ExecutorService notes = ConsoleThreads.pool(1, "backstep-ledger-notes");
    wireBlockerActions(live, run, ledger, shell, fx, notes);
    wireDrill(drill, targets, ledger);
    frame[0].pageProperty().addListener((o, a, b) -> drill.setShown(b == ShellView.Page.DRILL));
    library.model().selectedProperty().addListener((o, a, e) -> {
      if (e != null && e.valid()) {
        trainer.showPlaybook(e.playbook(), null);
      }
    });
    drill.model().entryProperty().addListener((o, a, e) -> {
      if (e != null && e.valid()) {
        trainer.showDrill(e.title(), e.drill().briefing(), e.playbook(), null);
      }
    });

    Scene scene = new Scene(frame[0]);
    theme.install(scene);
    prefs.theme(theme);
    installZoom(scene, theme); // the menu bar's items carry every other key (ConsoleCommands)
    TableCopy.install(scene);
    stage.setTitle("Backstep");
    stage.setScene(scene);
    stage.setMinWidth(1100);
    stage.setMinHeight(700);
    prefs.window(stage, 1440, 900);
    stage.setOnCloseRequest(e -> {
      if ((run.model().workingProperty().get() || history.model().busyProperty().get()) && !confirmClose(stage)) {
        e.consume();
      }
    });
    stage.show();
    frame[0].attachRest(page -> prefs.layout((javafx.scene.Parent) page));
    var libraryList = frame[0].lookup("#library");
    if (libraryList != null) {
      libraryList.requestFocus();
    }
    run.activate();
    history.activate();
    live.activate();
    drill.activate();
    drill.open(DrillFiles.folderFor(config.playbooks()));
    targets.load(config.targetsFile()).thenRun(() -> library.open(config.playbooks()).thenAccept(list -> {
      if (library.model().selected() == null && !list.isEmpty()) {
        library.select(list.stream().filter(e -> prefs.get("playbook").filter(e.file().toString()::equals)
            .isPresent()).findFirst().orElse(list.get(0)));
      }
      library.model().selectedProperty().addListener((o, a, e) -> {
        if (e != null) {
          prefs.put("playbook", e.file().toString());
        }
      });
    }));
    return new Console(stage, frame[0].attached(), () -> {
      metrics.ifPresent(MetricsEndpoint::close);
      prefs.close();
      run.deactivate();
      history.deactivate();
    }, () -> CompletableFuture.allOf(live.close().exceptionally(e -> null),
        drill.close().exceptionally(e -> null), targets.closeAll()).whenComplete((v, e) -> {
      engineThread.shutdownNow();
      historyThread.shutdownNow();
      io.shutdownNow();
      connections.shutdownNow();
      drillIo.shutdownNow();
      notes.shutdown(); // a note still waiting for the run lock is given up when the window closes
    }));
  }

  /** The listeners between features: selection → run view, target → run view and ledger, run end → refresh. */
  private static void wire(TargetsController targets, LibraryController library, RunController run,
      LedgerController ledger, ShellModel shell, HistoryController history) {
    library.model().selectedProperty().addListener((o, a, e) -> showPlaybook(run, e));
    Runnable pushTarget = () -> {
      TargetEntry t = targets.model().current();
      if (t == null) {
        run.showTarget(null, null, "no target", null);
        history.showTarget(null, null, "no target", null);
        ledger.showTarget("", null);
        return;
      }
      TargetEntry.Connection c = t.connectionProperty().get();
      String detail = t.detailProperty().get();
      String waiting = switch (c) {
        case OPEN -> null;
        case OPENING -> detail;
        case FAILED -> "unreachable: " + detail;
        case CLOSED -> "not connected";
      };
      run.showTarget(t.spec(), c == TargetEntry.Connection.OPEN ? t.database() : null, waiting,
          t.statusProperty().get());
      history.showTarget(t.spec(), c == TargetEntry.Connection.OPEN ? t.database() : null, waiting,
          t.statusProperty().get());
      ledger.showTarget(t.name(), c == TargetEntry.Connection.OPEN ? t.database() : null);
    };
    InvalidationListener onEntry = o -> pushTarget.run();
    targets.model().currentProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.connectionProperty().removeListener(onEntry);
        a.statusProperty().removeListener(onEntry);
        a.detailProperty().removeListener(onEntry);
      }
      if (b != null) {
        b.connectionProperty().addListener(onEntry);
        b.statusProperty().addListener(onEntry);
        b.detailProperty().addListener(onEntry);
      }
      pushTarget.run();
    });
    run.setAfterRun(() -> {
      TargetEntry t = targets.model().current();
      if (t != null) {
        targets.refreshStatus(t);
      }
      ledger.refresh();
    });
    run.setOnPlaybookChanged(file -> library.model().entries().stream().filter(e -> e.file().equals(file))
        .findFirst().ifPresent(library::reload));
    run.model().log().addListener((javafx.collections.ListChangeListener<backstep.ui.run.LogLine>) c -> {
      var log = run.model().log();
      if (!log.isEmpty()) {
        shell.say(log.get(log.size() - 1).text());
      }
    });
    ledger.model().messageProperty().addListener((o, a, b) -> shell.say(b));
  }

  /**
   * The history page follows the library's selected history (and comes to the front when one is picked), walks
   * refresh the target's status and the ledger, and the history page and the run view wait for each other.
   */
  private static void wireHistory(HistoryController history, LibraryController library, RunController run,
      TargetsController targets, LedgerController ledger, ShellView frame, ShellModel shell) {
    library.model().selectedHistoryProperty().addListener((o, a, h) -> {
      history.show(h);
      if (h != null) {
        frame.show(ShellView.Page.HISTORY);
      }
    });
    library.model().selectedProperty().addListener((o, a, e) -> {
      if (e != null && frame.pageProperty().getValue() == ShellView.Page.HISTORY) {
        frame.show(ShellView.Page.PLAYBOOK);
      }
    });
    history.setAfterWalk(() -> {
      TargetEntry t = targets.model().current();
      if (t != null) {
        targets.refreshStatus(t);
      }
      ledger.refresh();
    });
    history.setOnMessage(shell::say);
    InvalidationListener runBusy = o -> history.setBusyElsewhere(run.model().workingProperty().get()
        ? "A run is in progress in the Run tab: wait for it to end" : run.model().preflightRunningProperty().get()
        ? "Preflight is running in the Run tab" : null);
    run.model().workingProperty().addListener(runBusy);
    run.model().preflightRunningProperty().addListener(runBusy);
    history.model().workingProperty().addListener((o, a, w) -> run.setBusyElsewhere(w == null ? null
        : "busy with history " + history.model().entry().history().id() + " (" + w.doing() + "; History tab)"));
  }

  /** The live panels follow the current target (when connected), the selected playbook and the run's activity. */
  private static void wireLive(LiveController live, TargetsController targets, LibraryController library,
      RunController run) {
    InvalidationListener onConnection = o -> {
      TargetEntry t = targets.model().current();
      live.showTarget(t != null && t.connectionProperty().get() == TargetEntry.Connection.OPEN ? t.database()
          : null);
    };
    followConnection(targets, onConnection);
    run.model().playbookProperty().addListener((o, a, b) -> live.showPlaybook(b));
    run.model().workingProperty().addListener((o, a, b) -> live.setRunActive(b));
    run.model().workSessionProperty().addListener((o, a, b) -> live.setRunSession(b.longValue()));
  }

  /**
   * A blocking session ended from the blockers table is recorded in the ledger as an event of the run it held up,
   * on a thread of its own that waits for the run lock (held while that run is in flight); without a run in this
   * console there is no run to attach it to, and the console says so.
   */
  private static void wireBlockerActions(LiveController live, RunController run, LedgerController ledger,
      ShellModel shell, UiThread fx, ExecutorService notes) {
    live.setOnSessionEnded(e -> {
      String runId = run.model().runIdProperty().get() != null ? run.model().runIdProperty().get()
          : run.model().changeIdProperty().get(); // a run in flight is known by its change id until it ends
      String what = e.kind().words() + " pid " + e.row().pid();
      if (runId == null) {
        live.blockers().say((e.done() ? "✔ " : "◌ no such session: ") + what + " — not in the ledger: no run of "
            + "this console on the target");
        return;
      }
      String operator = shell.operator();
      fx.whenDone(CompletableFuture.runAsync(() -> {
        try {
          backstep.engine.SessionAction.record(e.db(), runId, e.kind(), e.row().pid(),
              backstep.ui.panels.BlockersTable.describe(e.row()).replace('\t', ' '), operator, e.at(), e.done(),
              600_000);
        } catch (InterruptedException x) {
          throw new java.util.concurrent.CompletionException(x);
        }
      }, notes), (v, x) -> {
        live.blockers().say(x == null ? "✔ " + what + " — recorded in the ledger"
            : "✖ " + what + " done, but not recorded in the ledger: " + String.valueOf(x.getCause() == null
            ? x.getMessage() : x.getCause().getMessage()));
        ledger.refresh();
      });
    });
  }

  /** Calls {@code onConnection} when the current target changes or its connection opens or closes. */
  private static void followConnection(TargetsController targets, InvalidationListener onConnection) {
    targets.model().currentProperty().addListener((o, a, b) -> {
      if (a != null) {
        a.connectionProperty().removeListener(onConnection);
      }
      if (b != null) {
        b.connectionProperty().addListener(onConnection);
      }
      onConnection.invalidated(o);
    });
  }

  /**
   * Drill mode runs each drill on the target its file names, found in the console's target list (refreshed when
   * that list is read); a drill's end refreshes that target's status and the ledger.
   */
  private static void wireDrill(DrillController drill, TargetsController targets, LedgerController ledger) {
    targets.model().entries().addListener((javafx.collections.ListChangeListener<TargetEntry>) c ->
        drill.refreshTarget());
    drill.setAfterDrill(r -> {
      targets.entry(r.target()).ifPresent(targets::refreshStatus);
      ledger.refresh();
    });
  }

  /** The drill page's view of the targets: by name, as {@code drill run --targets} resolves them. */
  private static DrillTargets drillTargets(TargetsController targets) {
    return new DrillTargets() {
      @Override
      public Optional<TargetSpec> find(String name) {
        return targets.entry(name).map(TargetEntry::spec);
      }

      @Override
      public Set<String> names() {
        return targets.knownNames();
      }

      @Override
      public CompletableFuture<Database> connect(TargetSpec target) {
        return targets.entry(target.name()).map(targets::connect).orElseGet(() -> CompletableFuture.failedFuture(
            new IllegalStateException("no target called " + target.name())));
      }
    };
  }

  private static void showPlaybook(RunController run, PlaybookEntry e) {
    if (e == null) {
      run.showPlaybook(null, null, 0);
    } else {
      run.showPlaybook(e.file(), e.playbook(), e.problems().size());
    }
  }

  /** Ctrl + / Ctrl = zoom in, Ctrl − zoom out, Ctrl 0 back to 100 % (type and every px length of the sheets). */
  private static void installZoom(Scene scene, Theme theme) {
    for (KeyCode k : new KeyCode[] {KeyCode.PLUS, KeyCode.EQUALS, KeyCode.ADD}) {
      scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), theme::zoomIn);
    }
    for (KeyCode k : new KeyCode[] {KeyCode.MINUS, KeyCode.SUBTRACT}) {
      scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), theme::zoomOut);
    }
    for (KeyCode k : new KeyCode[] {KeyCode.DIGIT0, KeyCode.NUMPAD0}) {
      scene.getAccelerators().put(new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN), () -> theme.setZoom(1));
    }
  }

  private static boolean confirmClose(Stage owner) {
    Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A run is in progress. Closing now stops it after the "
        + "statement in flight; the ledger keeps what committed, and Resume or Roll back finishes it later.",
        ButtonType.CANCEL, ButtonType.OK);
    a.initOwner(owner);
    a.setHeaderText("Close Backstep while a run is in progress?");
    return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }

  private static Optional<String> askPassword(Stage owner, String target, String env) {
    Dialog<String> d = new Dialog<>();
    d.initOwner(owner);
    d.setTitle("Password for " + target);
    d.setHeaderText("$" + env + " is not set. Type the password for " + target
        + " (kept in memory only; never logged or stored).");
    PasswordField field = new PasswordField();
    field.setId("password");
    d.getDialogPane().setContent(field);
    d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    d.setResultConverter(b -> b == ButtonType.OK ? field.getText() : null);
    return d.showAndWait();
  }
}
