package backstep.ui;

import backstep.testing.Await;
import backstep.ui.shell.ShellView;
import backstep.ui.shell.Theme;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One of the console's pages in the console's frame ({@link ShellView}, the other pages as labels) at 1280×800,
 * joining the window as the console has it join (a piece a pulse, {@link ShellView#attachRest}), counted with
 * {@link NewNodes}: the nodes new to the window in each pulse after the first window. For the pages' pulse tests
 * (issue 15: no pulse over 100 ms after the first window, about 80 new nodes a pulse). FX thread for the
 * constructor, any thread for the rest.
 */
public final class PagePulses {
  /** The most nodes one pulse may bring into the window (issue 15: about 80, a pulse's worth of first styling). */
  public static final int MOST_A_PULSE = 80;

  private final Stage stage;
  private final ShellView shell;
  private final ShellView.Page page;
  private final NewNodes nodes;
  private final AnimationTimer everyFrame = new AnimationTimer() {
    @Override
    public void handle(long now) {
      // a pulse every frame, as the console's live panels ask for: what comes a pulse late shows up
    }
  };

  /** {@code content} as {@code page}, in a window of {@code stage}'s, shown; on the FX thread. */
  public PagePulses(Stage stage, ShellView.Page page, Node content) {
    this(stage, new Label("the playbook"), page, content);
  }

  /** {@link #PagePulses(Stage, ShellView.Page, Node)} with {@code playbook} as the Playbook page (the first one). */
  public PagePulses(Stage stage, Node playbook, ShellView.Page page, Node content) {
    this.stage = stage;
    this.page = page;
    shell = new ShellView(new Label("top"), new Label("library"), new Label("targets"), playbook,
        new Label("the run"), new Label("the ledger"), new Label("status"));
    shell.addPage(page, content);
    stage.setScene(new Scene(shell, 1280, 800));
    new Theme().install(stage.getScene());
    nodes = new NewNodes(stage.getScene()); // its first pulse is the window's own, not counted
    stage.show();
  }

  /**
   * The pages join the window, the page's tab picked first ({@code pickFirst}: the user's click while they join)
   * or once every page is whole (its first switch); then {@code settle} pulses more. The pulses with new nodes
   * after the first window, in order.
   */
  public List<NewNodes.Pulse> join(boolean pickFirst, int settle) throws Exception {
    fx(() -> {
      everyFrame.start();
      shell.attachRest(n -> { });
      if (pickFirst) {
        shell.show(page);
      }
      return null;
    });
    shell.attached().get(30, TimeUnit.SECONDS);
    if (!pickFirst) {
      pulses(settle);
      fx(() -> {
        shell.show(page);
        return null;
      });
    }
    pulses(settle);
    List<NewNodes.Pulse> all = pulses();
    all.forEach(p -> System.out.println(page + " " + p));
    return all;
  }

  /**
   * Runs {@code r} on the FX thread between two pulses, right before the console's frame puts its next piece in
   * after the one that brought {@code selector}'s node: after the first pulse without new nodes (the frame's
   * settling pulse) once that node is in the window, where work the FX thread does between pulses (a background
   * result brought home) lands. Any thread; before {@link #join}.
   */
  public void beforeThePieceAfter(String selector, Runnable r) {
    fx(() -> {
      int[] state = {0}; // 0 waiting for the node, 1 for the settling pulse, 2 done
      int[] count = {nodes.pulses().size()};
      stage.getScene().addPostLayoutPulseListener(() -> {
        int now = nodes.pulses().size(); // NewNodes's own listener ran first: this pulse is counted
        if (state[0] == 0 && stage.getScene().lookup(selector) != null) {
          state[0] = 1;
        } else if (state[0] == 1 && now == count[0]) {
          state[0] = 2;
          javafx.application.Platform.runLater(r);
        }
        count[0] = now;
      });
      return null;
    });
  }

  /** The pulses with new nodes after the first window, so far. */
  public List<NewNodes.Pulse> pulses() {
    List<NewNodes.Pulse> all = fx(() -> nodes.pulses());
    return all.subList(1, all.size());
  }

  /** The pulses of {@code pulses} over {@link #MOST_A_PULSE} new nodes. */
  public static List<NewNodes.Pulse> over(List<NewNodes.Pulse> pulses) {
    return pulses.stream().filter(p -> p.nodes() > MOST_A_PULSE).toList();
  }

  /** Waits until {@code count} more pulses have passed. */
  public void pulses(int count) {
    long until = fx(() -> nodes.pulseCount()) + count;
    Await.until(count + " pulses", Duration.ofSeconds(30), Duration.ofMillis(10),
        () -> fx(() -> nodes.pulseCount() >= until));
  }

  /** The node {@code selector} finds in the window, null if none. */
  public Node lookup(String selector) {
    return fx(() -> stage.getScene().lookup(selector));
  }

  public void stop() {
    fx(() -> {
      nodes.stop();
      everyFrame.stop();
      return null;
    });
  }

  public static <T> T fx(Callable<T> c) {
    try {
      return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
