package backstep.ui.run;

import backstep.engine.Proof;
import backstep.state.RunState;
import backstep.ui.fx.Later;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The run view: the run's header and state, a failure banner, the preflight checks, the checklist with the
 * selected step under it, and the action bar. Every button says what it will do, or why it cannot.
 */
public final class RunView extends VBox {
  private final RunController controller;

  public RunView(RunController controller) {
    this(controller, null);
  }

  /**
   * A run view with {@code live} (the live panels) as its right column; the event log then goes under the
   * selected step. Without it, the event log is the right column. With it (the console's run page), the checklist,
   * the step detail and the live panels are {@link Later} parts: whoever shows the view attaches them
   * ({@code ShellView} does).
   */
  public RunView(RunController controller, Node live) {
    this.controller = controller;
    RunModel model = controller.model();
    setId("run-view");
    VBox main = new VBox();
    main.getStyleClass().add("run-view");

    Label title = new Label();
    title.setId("run-title");
    title.getStyleClass().add("run-title");
    title.setWrapText(true);
    title.setMinWidth(0);
    title.textProperty().bind(Bindings.createStringBinding(() -> model.playbook() == null
        ? "No playbook open" : model.playbook().title(), model.playbookProperty()));
    Label state = new Label();
    state.setId("run-state");
    state.getStyleClass().add("run-state");
    state.setMinWidth(Region.USE_PREF_SIZE); // the badge is the answer to "where are we": never elided
    Label meta = new Label();
    meta.setId("run-meta");
    meta.getStyleClass().add("hint");
    meta.setWrapText(true);
    meta.setMinWidth(0);
    InvalidationListener stateRefresh = o -> {
      RunState s = model.state();
      boolean working = model.workingProperty().get();
      state.setText(RunHeadline.badge(s, model.proof()));
      state.getStyleClass().removeIf(c -> c.startsWith("run-state-"));
      state.getStyleClass().add(RunHeadline.style(s, model.proof()));
      String change = model.changeIdProperty().get();
      meta.setText((change == null ? "" : change + "  ·  ") + "on " + model.targetNameProperty().get()
          + (model.elapsedProperty().get().isEmpty() ? "" : "  ·  ◷ " + model.elapsedProperty().get())
          + (working && model.pauseRequestedProperty().get() ? "  ·  pausing after this step…" : ""));
    };
    for (var p : new javafx.beans.Observable[] {model.stateProperty(), model.proofProperty(),
        model.workingProperty(), model.changeIdProperty(), model.targetNameProperty(), model.elapsedProperty(),
        model.pauseRequestedProperty()}) {
      p.addListener(stateRefresh);
    }
    stateRefresh.invalidated(null);
    VBox titles = new VBox(2, title, meta);
    titles.setMinWidth(0);
    HBox.setHgrow(titles, Priority.ALWAYS);
    HBox header = new HBox(12, titles, state);
    // a long title wraps (to two lines or more) beside the badge instead of being cut: its height is asked for the
    // width it really gets, which the header's own layout does not do for a label nested in a VBox
    title.minHeightProperty().bind(Bindings.createDoubleBinding(() -> title.prefHeight(Math.max(0,
        header.getWidth() - state.getWidth() - 40)), header.widthProperty(), state.widthProperty(),
        title.textProperty()));
    header.setAlignment(Pos.TOP_LEFT);
    header.getStyleClass().add("run-header");

    Label error = new Label();
    error.setId("run-error");
    error.getStyleClass().addAll("banner", "banner-danger");
    error.setWrapText(true);
    error.setMaxWidth(Double.MAX_VALUE);
    error.setMinHeight(Region.USE_PREF_SIZE);
    error.textProperty().bind(Bindings.createStringBinding(() -> model.errorProperty().get() == null ? ""
        : "✖  " + model.errorProperty().get(), model.errorProperty()));
    error.visibleProperty().bind(model.errorProperty().isNotNull());
    error.managedProperty().bind(error.visibleProperty());
    Label proof = proofLine(model);
    javafx.beans.property.DoubleProperty room = new javafx.beans.property.SimpleDoubleProperty(Double.MAX_VALUE);
    Node outcome = OutcomeBox.of(notice(model), error, proof, room);

    FlowPane preflight = new FlowPane(6, 6);
    preflight.setId("preflight-results");
    preflight.getStyleClass().add("preflight-results");
    preflight.setMinWidth(0); // not its widest child's: the wrapped line held the run column 105 px past its pane
    InvalidationListener pfRefresh = o -> {
      preflight.getChildren().clear();
      Preflight.Report r = model.preflightProperty().get();
      if (model.preflightRunningProperty().get()) {
        preflight.getChildren().add(chip("◌ preflight running…", "chip-running"));
      } else if (r != null) {
        Label head = chip(r.passed() ? "✔ PREFLIGHT PASSED" : "✖ PREFLIGHT FAILED",
            r.passed() ? "chip-ok-strong" : "chip-failed-strong");
        preflight.getChildren().add(head);
        String all = r.checks().stream().map(c -> (c.ok() ? "✔ " : "✖ ") + c.text())
            .collect(java.util.stream.Collectors.joining("\n"));
        Tooltip.install(head, new Tooltip(all));
        if (r.passed()) {
          Label summary = new Label(r.checks().size() + " checks: " + r.checks().stream().map(Preflight.Check::text)
              .map(t -> t.replaceFirst(":.*", "")).collect(java.util.stream.Collectors.joining(" · ")));
          summary.getStyleClass().add("hint");
          summary.setMinWidth(0);
          summary.setWrapText(true); // whole: one line ended "run loc…" at 1280×800 (the list is in its tooltip)
          summary.setMinHeight(Region.USE_PREF_SIZE);
          Tooltip.install(summary, new Tooltip(all));
          // beside the chip, in as few lines as its width allows: the checklist keeps the height
          summary.maxWidthProperty().bind(preflight.widthProperty().subtract(head.widthProperty()).subtract(12));
          preflight.getChildren().add(summary);
        } else {
          for (Preflight.Check c : r.checks()) {
            if (!c.ok()) {
              Label l = chip("✖ " + c.text(), "chip-failed");
              l.setWrapText(true);
              preflight.getChildren().add(l);
            }
          }
        }
      }
      // a passed preflight says nothing new once the run has started: its line goes, the checklist keeps the room
      boolean stale = r != null && r.passed() && !model.preflightRunningProperty().get()
          && model.state() != null && model.state() != RunState.PENDING;
      preflight.setVisible(!preflight.getChildren().isEmpty() && !stale);
      preflight.setManaged(preflight.isVisible());
    };
    model.preflightProperty().addListener(pfRefresh);
    model.preflightRunningProperty().addListener(pfRefresh);
    model.stateProperty().addListener(pfRefresh);
    pfRefresh.invalidated(null);

    ChecklistView checklist = new ChecklistView(controller, live != null);
    StepDetailView detail = new StepDetailView(model, live != null);
    ScrollPane detailScroll = new ScrollPane(detail);
    detailScroll.setFitToWidth(true);
    detailScroll.getStyleClass().add("detail-scroll");
    EventLogView events = new EventLogView(model);
    boolean livePanels = live != null;
    Node lower = livePanels ? new StepAndEvents(detailScroll, events, model) : detailScroll;
    // in the console the step's SQL panes and the live panels each join the window on a pulse of their own
    StackPane lowerBox = new StackPane();
    later(livePanels, lowerBox, lower);
    // the checklist a level deeper, so that it joins after the step's pane and its rows join while the SQL panes do
    StackPane checklistIn = new StackPane();
    checklistIn.setAlignment(Pos.TOP_LEFT); // while its rows come in, the checklist is as tall as they are, on top
    StackPane checklistBox = new StackPane(checklistIn);
    later(livePanels, checklistIn, checklist);
    SplitPane split = new SplitPane(checklistBox, lowerBox);
    split.setOrientation(Orientation.VERTICAL);
    split.setId("run-rows");
    // the checklist takes what its steps need, up to 62 %: the step's SQL gets the rest, also after a failure
    backstep.ui.fx.Dividers.fit(split, length -> new double[] {ChecklistFit.position(model.steps(), length,
        checklist.getWidth())});
    javafx.collections.ListChangeListener<StepRow> refit = c -> backstep.ui.fx.Dividers.refit(split);
    model.steps().addListener(refit);
    InvalidationListener refitLater = o -> backstep.ui.fx.Dividers.refit(split);
    model.stateProperty().addListener(refitLater);
    model.workingProperty().addListener(refitLater);
    checklist.widthProperty().addListener(refitLater);
    split.setPrefHeight(240); // grows into what the header, the outcome and the preflight leave, never squeezes them
    VBox.setVgrow(split, Priority.ALWAYS);

    checklist.setMinHeight(90);
    detailScroll.setMinHeight(130); // after a failure the forward and rollback SQL stay in sight
    events.setMinHeight(60);
    main.getChildren().addAll(header, outcome, preflight, split);
    // the outcome takes what the header and the preflight leave above the checklist and the step's SQL (240 px)
    room.bind(Bindings.createDoubleBinding(() -> main.getHeight() - main.snappedTopInset()
        - main.snappedBottomInset() - header.getHeight() - (preflight.isManaged() ? preflight.getHeight()
        + main.getSpacing() : 0) - 2 * main.getSpacing() - split.getPrefHeight(), main.heightProperty(),
        header.heightProperty(), preflight.heightProperty(), preflight.managedProperty(), main.spacingProperty()));
    main.setMinWidth(420);
    Node right = livePanels ? live : events;
    StackPane rightBox = new StackPane();
    later(livePanels, rightBox, right);
    rightBox.setMinWidth(240);
    StackPane.setAlignment(right, Pos.TOP_LEFT); // too narrow a column clips on the right, never hides the titles
    if (right instanceof Region r) {
      r.setMinWidth(0);
    }
    StackPane mainBox = new StackPane(main);
    SplitPane columns = new SplitPane(mainBox, rightBox);
    columns.getStyleClass().add("run-split");
    columns.setId("run-columns");
    backstep.ui.fx.Dividers.hold(columns, livePanels ? 0.6 : 0.70); // the checklist's titles first, the charts give way
    SplitPane.setResizableWithParent(rightBox, livePanels);
    VBox.setVgrow(columns, Priority.ALWAYS);
    getChildren().addAll(columns, actionBar(model));
  }

  /** {@code part} into {@code box} now, or (the console's page, which joins the window in pieces) {@link Later}. */
  private static void later(boolean inPieces, StackPane box, Node part) {
    if (inPieces) {
      Later.add(box, part);
    } else {
      box.getChildren().add(part);
    }
  }

  /**
   * How the latest rollback was proven: one quiet line when proven (or unproven), a red banner listing every
   * difference when the target is not as it was before the run.
   */
  private static Label proofLine(RunModel model) {
    Label proof = new Label();
    proof.setId("run-proof");
    proof.setWrapText(true);
    proof.setMaxWidth(Double.MAX_VALUE);
    proof.setMinHeight(Region.USE_PREF_SIZE);
    InvalidationListener refresh = o -> {
      Proof p = model.proof();
      proof.getStyleClass().removeAll("banner", "banner-danger", "proof-ok", "proof-warn", "hint");
      if (p == null || model.state() != RunState.ROLLED_BACK && model.state() != RunState.ROLLBACK_FAILED) {
        proof.setText("");
      } else if (p.verdict() == Proof.Verdict.DIFFERENT) {
        proof.getStyleClass().addAll("banner", "banner-danger");
        proof.setText("⟲  ROLLED BACK WITH DIFFERENCES: " + p.describe() + p.differences().stream()
            .map(d -> "\n   ≠ " + d).collect(java.util.stream.Collectors.joining()));
      } else {
        proof.getStyleClass().add(switch (p.verdict()) {
          case PROVEN -> "proof-ok";
          case DATA_DIFFERS -> "proof-warn";
          default -> "hint";
        });
        proof.setText(switch (p.verdict()) {
          case PROVEN -> "✔ rollback ";
          case DATA_DIFFERS -> "⚠ rollback: ";
          default -> "◌ rollback ";
        } + p.describe());
      }
      proof.setVisible(!proof.getText().isEmpty());
      proof.setManaged(proof.isVisible());
    };
    model.proofProperty().addListener(refresh);
    model.stateProperty().addListener(refresh);
    refresh.invalidated(null);
    return proof;
  }

  private HBox actionBar(RunModel model) {
    StackPane preflight = button(model, Action.PREFLIGHT, "✓ Preflight", "preflight", "action-secondary",
        controller::preflight);
    StackPane step = button(model, Action.STEP_FORWARD, "▶ Step forward", "step-forward", "action-primary",
        controller::stepForward);
    StackPane toEnd = button(model, Action.RUN_TO_END, "▶▶ Run to end", "run-to-end", "action-secondary",
        controller::runToEnd);
    StackPane pause = button(model, Action.PAUSE, "‖ Pause", "pause", "action-secondary",
        controller::pause);
    StackPane resume = button(model, Action.RESUME, "↻ Resume", "resume", "action-secondary",
        controller::resume);
    StackPane back = button(model, Action.ROLLBACK, "⟲ ROLL BACK", "rollback", "action-danger",
        controller::rollback);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Label hint = new Label();
    hint.setId("action-hint");
    hint.getStyleClass().add("action-hint");
    hint.textProperty().bind(Bindings.createStringBinding(() -> (model.enabled(Action.STEP_FORWARD) ? "F8 · "
        : "") + model.whyProperty(Action.STEP_FORWARD).get(), model.whyProperty(Action.STEP_FORWARD),
        model.enabledProperty(Action.STEP_FORWARD)));
    HBox buttons = new HBox(8, preflight, step, toEnd, pause, gap, resume, back);
    buttons.getStyleClass().add("action-buttons");
    VBox bar = new VBox(6, buttons, hint);
    bar.setId("action-bar");
    bar.getStyleClass().add("action-bar");
    HBox wrap = new HBox(bar);
    HBox.setHgrow(bar, Priority.ALWAYS);
    return wrap;
  }

  /**
   * A large button whose tooltip (on a wrapper, so it shows while disabled too) says what it does or why not; its
   * key chip comes from the console's command table.
   */
  private static StackPane button(RunModel model, Action a, String text, String id, String style,
      Runnable run) {
    Button b = new Button(text);
    b.setId(id);
    b.getStyleClass().addAll("action", style);
    b.setMinHeight(44);
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.disableProperty().bind(model.enabledProperty(a).not());
    b.setOnAction(e -> run.run());
    return withReason(b, model.whyProperty(a));
  }

  /**
   * The button in a wrapper ({@code <id>-wrapper}) whose tooltip says what it does or why it cannot: on the
   * wrapper, so it shows while the button is disabled too. The history page's buttons use it as well.
   */
  public static StackPane withReason(Button b, javafx.beans.value.ObservableValue<String> why) {
    StackPane wrapper = new StackPane(b);
    wrapper.setId(b.getId() + "-wrapper");
    Tooltip tip = new Tooltip();
    tip.textProperty().bind(why);
    tip.setShowDelay(Duration.millis(250));
    tip.setShowDuration(Duration.seconds(20));
    tip.setWrapText(true);
    tip.setMaxWidth(420);
    Tooltip.install(wrapper, tip);
    return wrapper;
  }

  /**
   * A notification (a guard breach, a run's end) docked first in the header's outcome box, over the run's error: it
   * covers nothing (it covered the blockers table), and the box stays about two lines high (it scrolls). A
   * failure or a warning stays until dismissed (✕) or replaced; good news goes after a few seconds.
   */
  private static HBox notice(RunModel model) {
    Label text = new Label();
    text.setId("notice-line");
    text.getStyleClass().add("notice-line");
    text.setWrapText(true);
    text.setMinHeight(Region.USE_PREF_SIZE);
    text.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(text, Priority.ALWAYS);
    Button dismiss = new Button("✕");
    dismiss.setId("notice-dismiss");
    dismiss.getStyleClass().add("notice-dismiss");
    dismiss.setAccessibleText("Dismiss the notification");
    dismiss.setTooltip(new Tooltip("Dismiss"));
    dismiss.setMinWidth(Region.USE_PREF_SIZE);
    HBox notice = new HBox(10, text, dismiss);
    notice.setId("notice");
    notice.getStyleClass().add("notice");
    notice.setAlignment(Pos.CENTER_LEFT);
    notice.setVisible(false);
    notice.managedProperty().bind(notice.visibleProperty());
    PauseTransition hide = new PauseTransition(Duration.seconds(8));
    hide.setOnFinished(e -> notice.setVisible(false));
    dismiss.setOnAction(e -> {
      hide.stop();
      notice.setVisible(false);
    });
    model.noticeProperty().addListener((o, a, line) -> {
      if (line == null) {
        return;
      }
      text.setText(line.level().icon() + "  " + line.text());
      notice.getStyleClass().removeIf(c -> c.startsWith("notice-"));
      notice.getStyleClass().add("notice-" + line.level().name().toLowerCase(Locale.ROOT));
      // a run's failure is said once, by the error banner under the notice (the notice said it again above it, and
      // the two took the checklist's room at 1280×800: RunErrorFitTest)
      notice.setVisible(!saysTheError(line.text(), model.errorProperty().get()));
      hide.stop();
      if (line.level() != LogLine.Level.ERROR && line.level() != LogLine.Level.WARN) {
        hide.playFromStart();
      }
    });
    model.errorProperty().addListener((o, a, error) -> {
      if (saysTheError(text.getText(), error)) {
        hide.stop();
        notice.setVisible(false);
      }
    });
    return notice;
  }

  /** Whether the notice's {@code text} says the run's {@code error} (the failure's notice: "run … failed: error"). */
  static boolean saysTheError(String text, String error) {
    return error != null && !error.isBlank() && text != null && text.contains(error);
  }

  private static Label chip(String text, String style) {
    Label l = new Label(text);
    l.getStyleClass().addAll("chip", style);
    return l;
  }

  static String icon(RunState s) {
    return switch (s) {
      case APPLIED -> "✔";
      case RUNNING -> "▶";
      case PAUSED -> "‖";
      case FAILED, ROLLBACK_FAILED -> "✖";
      case ROLLING_BACK, ROLLED_BACK -> "⟲";
      case ABORTED -> "✖";
      default -> "○";
    };
  }
}
