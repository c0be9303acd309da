package backstep.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import backstep.testing.PgReplicaPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The live panel's per-replica lag line on a target whose targets.yaml lists a real streaming replica (a scratch
 * PostgreSQL primary and replica, started by the test): "replicas: r1 0.0 s" while it keeps up, a lag that grows
 * while its replay is paused and the primary keeps writing — drawn in full in the live column at 1280×800.
 */
@ExtendWith(ApplicationExtension.class)
class ReplicaLagLineIT {
  @TempDir
  static Path home;

  static PgReplicaPair pair;

  private final ConsoleDriver ui = new ConsoleDriver(new FxRobot());

  @BeforeAll
  static void replicaPair() throws Exception {
    assumeTrue(PgReplicaPair.unavailable() == null, PgReplicaPair::unavailable);
    pair = PgReplicaPair.start();
    Files.createDirectories(home.resolve("playbooks"));
    Files.writeString(home.resolve("targets.yaml"), """
        targets:
          primary:
            url: %s
            user: postgres
            environment: staging
            replicas:
              r1: {url: "%s", user: postgres}
        """.formatted(pair.primaryUrl(), pair.replicaUrl()));
    try (Connection c = pair.primary(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE ticks (id serial PRIMARY KEY)");
    }
  }

  @AfterAll
  static void stop() {
    if (pair != null) {
      pair.close();
    }
  }

  @Start
  void start(Stage s) {
    ui.open(s, home, home.resolve("playbooks"));
  }

  @AfterEach
  void close() throws Exception {
    ui.close();
  }

  @Test
  void theLiveColumnShowsEachReplicasLagAndItGrowsWhileItsReplayIsPaused(FxRobot robot) throws Exception {
    ui.waitForSandbox();
    ConsoleDriver.fx(() -> {
      javafx.scene.control.ListView<backstep.ui.shell.TargetEntry> list = ui.node("#targets");
      list.getSelectionModel().select(list.getItems().stream().filter(t -> t.name().equals("primary")).findFirst()
          .orElseThrow());
      return null;
    });
    robot.clickOn("#tab-run");
    ui.waitUntil("the replica's lag at 0", 60, () -> ui.text("#live-replicas").equals("replicas: r1 0.0 s"));
    assertEquals(List.of(), ConsoleDriver.fx(() -> Cuts.elided(robot.lookup("#live-replicas").query())),
        "the lag line drawn in full");
    try (Connection r = pair.replica(); Statement st = r.createStatement()) {
      st.execute("SELECT pg_wal_replay_pause()");
    }
    try (Connection c = pair.primary(); Statement st = c.createStatement()) {
      // a write per look: the paused replica falls behind while the primary keeps committing
      // the write on this thread, the look on the FX thread
      org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> {
        st.execute("INSERT INTO ticks DEFAULT VALUES");
        String line = ConsoleDriver.fx(() -> ui.text("#live-replicas"));
        return line.matches("replicas: r1 \\d+\\.\\d s")
            && Double.parseDouble(line.substring(13, line.length() - 2)) > 2;
      });
    }
  }
}
