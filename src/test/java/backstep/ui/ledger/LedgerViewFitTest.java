package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.ledger.EventRecord;
import backstep.ledger.LedgerReader;
import backstep.ledger.RunRecord;
import backstep.ledger.StepRecord;
import backstep.state.RunState;
import backstep.state.StepState;
import backstep.ui.Cuts;
import backstep.ui.fx.Later;
import backstep.ui.fx.UiThread;
import backstep.ui.shell.Theme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ledger at the size its page gets in a 1280×800 window (984×615), the failing sample's run rolled back: every
 * cell of the runs, steps and events tables drawn whole. Fourteen ended in "…" (the change id, the playbook, the
 * start, the step names, the events' times and details). In a window of its own (TestFX's primary stage is shared).
 */
@ExtendWith(ApplicationExtension.class)
class LedgerViewFitTest {
  private static final Instant T0 = Instant.parse("2026-12-07T01:32:16Z");
  private final LedgerModel model = new LedgerModel();
  private Stage stage;
  private LedgerView view;

  @Start
  void start(Stage primary) {
    view = new LedgerView(new LedgerController(model, new UiThread(), Runnable::run, null, () -> null));
    while (Later.attachOne(view)) {
      // the steps, events and form join the page, as the console's ShellView attaches them
    }
    stage = new Stage();
    stage.setScene(new Scene(view, 984, 615));
    new Theme().install(stage.getScene());
    stage.show();
  }

  @AfterEach
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(stage::close).get();
  }

  private static EventRecord ev(long seq, long ms, String type, String step, String actor, String detail) {
    return new EventRecord(seq, "run-1", T0.plusMillis(ms), type, step, actor, detail, "p" + seq, "h" + seq);
  }

  private static StepRecord step(int i, String id, long from, long to, long rows) {
    return new StepRecord("run-1", i, id, "sql", StepState.ROLLED_BACK, 1, 1, 1, rows, 1, "ana", T0.plusMillis(from),
        T0.plusMillis(to), null, null);
  }

  @Test
  void everyCellOfARolledBackRunIsDrawnWholeAt1280x800() throws Exception {
    RunRecord run = new RunRecord("run-1", "CHG-20261207-013216-38f5", "sandbox", "dedupe-customers-fails", 1,
        "21f702f6f89d904375ec9d7cdf52548ac1293d6836e2ad281c09eb5e0c31327a", "dedupe-customers-fails.yaml", "POSTGRES",
        RunState.ROLLED_BACK, "ana", "ana", "host", 1, null, T0, T0.plusMillis(24_000), T0.plusMillis(24_000), null);
    List<EventRecord> events = new ArrayList<>();
    events.add(ev(1, 1000, "RUN_STARTED", null, "ana", "{\"playbook_sha256\":\"21f702f6f89d904375ec9d7cdf52548ac1293d"
        + "6836e2ad281c09eb5e0c31327a\",\"playbook_version\":1,\"target_url\":\"embedded sandbox\",\"environment\":"
        + "\"sandbox\",\"server\":\"PostgreSQL 15.19\",\"to_step\":\"add-name-key\"}"));
    events.add(ev(2, 1480, "FINGERPRINT", null, "backstep", "{\"label\":\"run\",\"sha256\":\"521ecee049caa9fbc91440df8"
        + "05971a657c14951922eea2219b5e7ec0034e010\",\"schema_tables\":3,\"data_tables\":[\"customers\"]}"));
    events.add(ev(3, 1710, "STEP_APPLIED", "add-name-key", "ana", "{\"attempts\":1,\"rows\":0,\"ms\":223,"
        + "\"effect\":[\"column customers.name_key added\"]}"));
    events.add(ev(4, 1770, "RUN_RESUMED", null, "ana", "{\"from_state\":\"PAUSED\",\"from_step\":\"backfill-name-key\","
        + "\"policy\":{\"rule\":\"sandbox.apply\",\"gates\":[],\"from\":\"built-in\"}}"));
    events.add(ev(5, 24_000, "RUN_ROLLED_BACK", null, "ana", "{\"state\":\"ROLLED_BACK\"}"));
    LedgerReader.RunDetail detail = new LedgerReader.RunDetail(run, List.of(step(0, "add-name-key", 1500, 1710, 0),
        step(1, "backfill-name-key", 1800, 3200, 20000), step(2, "unique-name-key", 3300, 3900, 0)), events, null);
    WaitForAsyncUtils.asyncFx(() -> {
      model.mutableRuns().add(run);
      model.setSelected(run);
      model.setDetail(detail);
    }).get();
    for (int i = 0; i < 3; i++) { // a wrapped cell's lines follow its column's width: a pulse or two
      WaitForAsyncUtils.waitForFxEvents();
    }
    int rows = WaitForAsyncUtils.asyncFx(() -> ((TableView<?>) view.lookup("#ledger-events")).getItems().size()
        + ((TableView<?>) view.lookup("#ledger-steps")).getItems().size()).get();
    assertEquals(8, rows, "the steps and events shown");
    List<String> cut = WaitForAsyncUtils.asyncFx(() -> Cuts.elided(view)).get();
    assertEquals(List.of(), cut, "cells drawn shortened");
    assertTrue(WaitForAsyncUtils.asyncFx(() -> Cuts.pastTheRightEdge(view)).get().isEmpty(), "inside the window");
  }
}
