package backstep.ui;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * One console for a whole test class, in place of TestFX's {@code ApplicationExtension} (which builds it again for
 * every test): registered as a static {@code @RegisterExtension} field, it builds the console before the first test,
 * keeps it for the next, and closes it and builds it again after a test that failed or left it busy (an engine call
 * in flight or a dialog open), so one failure does not spill into the next test. The class's tests must pass in any
 * order: each opens its own target and playbook, no two run the same playbook, and each waits for values of its own.
 */
final class SharedConsole implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
    TestWatcher {
  private final FxRobot robot = new FxRobot();
  private final ConsoleDriver ui = new ConsoleDriver(robot);
  private final Supplier<Path> home;
  private final Supplier<Path> playbooks;
  private boolean open;
  private boolean failed;
  private int builds;

  /** {@code home} and {@code playbooks} are read when the console is built (after the class's {@code @BeforeAll}). */
  SharedConsole(Supplier<Path> home, Supplier<Path> playbooks) {
    this.home = home;
    this.playbooks = playbooks;
  }

  FxRobot robot() {
    return robot;
  }

  ConsoleDriver ui() {
    return ui;
  }

  /** How many times the console was built for this class (1 when no test failed or left it busy). */
  int builds() {
    return builds;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (open && failed) {
      close();
    }
    failed = false;
    if (!open) {
      FxToolkit.setupStage(stage -> ui.open(stage, home.get(), playbooks.get()));
      open = true;
      builds++;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    boolean settled;
    try {
      settled = ui.idle() && ConsoleDriver.fx(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
    } catch (RuntimeException e) {
      settled = false;
    }
    if (!settled) {
      close();
    }
  }

  /** Called after {@link #afterEach}: the next test gets a console of its own. */
  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failed = true;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
    FxToolkit.cleanupStages();
    FxToolkit.cleanupInput(robot);
  }

  /** Closes the console now: a class's {@code @AfterAll} calls it before it drops the databases the console uses. */
  void close() throws Exception {
    if (open) {
      open = false;
      ui.close();
    }
  }
}
