package backstep.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.EnvironmentClass;
import backstep.db.TargetSpec;
import backstep.ui.Cuts;
import backstep.ui.FitWindow;
import backstep.ui.fx.UiThread;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The targets list in the sidebar at its width (264 px, less its padding): a production target connected to a
 * Debian build of PostgreSQL said "PostgreSQL 15.20 (Debian 15.20..." under its name in the console tour's
 * production pictures at 1280×800 and 1920×1080 (session 17's cut list). The line says the server's name and version
 * ("PostgreSQL 15.20") and the whole string is in the row's tooltip. The names whole too: beside the badge,
 * "prod-orders" was drawn in two lines in a label one line high (its lines worked out in the layout pass that gave
 * the label its width, too late for the row's height). In a window of its own.
 */
@ExtendWith(ApplicationExtension.class)
class TargetsViewFitTest {
  private static final String DEBIAN = "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)";

  private final TargetsModel model = new TargetsModel();
  private FitWindow window;
  private TargetsView view;

  @Start
  void start(Stage primary) {
    TargetsController controller = new TargetsController(model, new UiThread(), Runnable::run, Runnable::run,
        Path.of("target"), false, null);
    view = new TargetsView(controller);
    VBox sidebar = new VBox(view);
    sidebar.getStyleClass().add("sidebar");
    window = new FitWindow(sidebar, 264, 240);
  }

  @AfterEach
  void close() throws Exception {
    window.close();
  }

  @Test
  void aConnectedTargetsServerLineIsDrawnWholeWithTheFullStringInItsTooltip() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      TargetEntry prod = new TargetEntry(new TargetSpec("prod-orders", "jdbc:postgresql://db1:5432/orders",
          "postgres", null, EnvironmentClass.PRODUCTION));
      TargetEntry maria = new TargetEntry(new TargetSpec("shop-mariadb", "jdbc:mariadb://db2:3306/shop", "root",
          null, EnvironmentClass.STAGING));
      model.mutableEntries().setAll(prod, maria);
      prod.connected(DEBIAN);
      maria.connected("MariaDB 10.11.6-MariaDB-1:10.11.6+maria~ubu2204");
    }).get();
    for (int i = 0; i < 3; i++) {
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertEquals(List.of(), WaitForAsyncUtils.asyncFx(() -> Cuts.elided(view)).get(), "the sidebar's target lines");
    List<String> lines = WaitForAsyncUtils.asyncFx(() -> view.lookupAll(".list-cell .hint").stream()
        .map(n -> ((Label) n).getText()).toList()).get();
    assertEquals(List.of("PostgreSQL 15.20", "MariaDB 10.11.6"), lines.subList(0, 2));
    String tip = WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.ListCell<?>) view.lookup(".list-cell"))
        .getTooltip().getText()).get();
    assertTrue(tip.contains(DEBIAN), tip);
  }
}
