package backstep.ui.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.ui.fx.Later;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The drill page's live panels carry the run page's ids with a prefix, parts that join the window later included:
 * without it the window held two {@code #latency-chart}s and the run page's lookups found the drill's.
 */
@ExtendWith(ApplicationExtension.class)
class DrillViewIdsTest {
  @Test
  void partsThatJoinLaterArePrefixedToo() throws Exception {
    String[] ids = WaitForAsyncUtils.asyncFx(() -> {
      Label chart = new Label();
      chart.setId("latency-chart");
      VBox body = new VBox(chart);
      StackPane section = new StackPane();
      section.setId("charts");
      Later.add(section, body);
      DrillView.prefixIds(new VBox(section), "drill-");
      Later.attachOne(section);
      return new String[] {section.getId(), section.lookup("Label").getId()};
    }).get(10, TimeUnit.SECONDS);
    assertEquals("drill-charts", ids[0]);
    assertEquals("drill-latency-chart", ids[1]);
  }
}
