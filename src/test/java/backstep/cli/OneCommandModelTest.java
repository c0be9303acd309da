package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A command named first gets a model of that command alone (fast start); what the user sees — help, errors, the
 * version — is the same as from the whole model.
 */
class OneCommandModelTest {
  private static String run(CommandLine cl, String... args) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    cl.setOut(w);
    cl.setErr(w);
    cl.execute(args);
    return text.toString();
  }

  private static String run(String... args) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text, true);
    Main.execute(args, w, w);
    return text.toString();
  }

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    assertEquals(Set.of("validate"), Main.commandLine(new String[] {"validate", "x.yaml"}).getSubcommands().keySet());
    assertEquals(Set.of("drill"), Main.commandLine(new String[] {"drill", "list"}).getSubcommands().keySet());
    assertTrue(Main.commandLine(new String[] {"--version"}).getSubcommands().isEmpty());
    // --help alone lists the commands without building their options
    assertTrue(Main.commandLine(new String[] {"--help"}).getSubcommands().get("apply").getCommandSpec()
        .findOption("--url") == null);
  }

  @Test
  void anythingElseGetsEveryCommand() {
    int all = new CommandLine(new Main()).getSubcommands().size();
    assertTrue(all > 15);
    for (String[] args : new String[][] {{}, {"valdate"}, {"--version", "validate"}}) {
      assertEquals(all, Main.commandLine(args).getSubcommands().size(), String.join(" ", args));
    }
  }

  @Test
  void helpAndUsageErrorsReadTheSameAsFromTheWholeModel() {
    for (String[] args : new String[][] {{"--help"}, {"-h"}, {"validate", "--help"}, {"lint", "--bogus"},
        {"drill", "run", "--help"}, {"apply"}}) {
      assertEquals(run(new CommandLine(new Main()), args), run(Main.commandLine(args), args), String.join(" ", args));
    }
  }

  @Test
  void versionPrintsTheBuildStamp() {
    String v = run("--version");
    assertEquals(run("-V"), v);
    Properties stamp = BuildStamp.read();
    assertTrue(v.startsWith("Backstep " + stamp.getProperty("version") + "\ncommit "), v);
    assertTrue(v.contains("\nbuilt " + stamp.getProperty("time") + "\n"), v);
    assertTrue(v.contains("\nJava " + System.getProperty("java.version") + " "), v);
  }

  @Test
  void whatTheBuildCouldNotFillReadsUnknown() {
    Properties p = new Properties();
    p.setProperty("version", "1.2.3");
    p.setProperty("commit", "${git.commit}");
    p.setProperty("dirty", "${git.dirty}");
    String[] lines = BuildStamp.lines(p);
    assertEquals("Backstep 1.2.3", lines[0]);
    assertEquals("commit unknown", lines[1]);
    assertEquals("built unknown", lines[2]);
  }

  @Test
  void aBuildFromChangedFilesSaysSo() {
    Properties p = new Properties();
    p.setProperty("commit", "abc1234");
    p.setProperty("dirty", "true");
    assertEquals("commit abc1234 (with uncommitted changes)", BuildStamp.lines(p)[1]);
    p.setProperty("dirty", "false");
    assertEquals("commit abc1234", BuildStamp.lines(p)[1]);
  }

  @Test
  void theTrainingRunOfTheDistributionsRunsEveryCommandOnTheSamples() {
    assertEquals(List.of(), CdsTraining.train("playbooks"));
    assertEquals(List.of("validate nowhere: exit 2", "lint --severity error nowhere: exit 2"),
        CdsTraining.train("nowhere"));
  }

  /** Stands for Main with a global option (as {@code --debug} is on another branch). */
  @CommandLine.Command(name = "root")
  static final class WithGlobal {
    @CommandLine.Option(names = "--loud", scope = CommandLine.ScopeType.INHERIT, description = "Say more.")
    boolean loud;
  }

  @Test
  void anOptionEveryCommandInheritsIsOnTheOneCommandToo() {
    for (String[] args : new String[][] {{"validate", "--loud", "x.yaml"}, {"validate", "x.yaml", "--loud"}}) {
      WithGlobal holder = new WithGlobal();
      CommandLine.Model.CommandSpec root = CommandLine.Model.CommandSpec.wrapWithoutInspection(holder).name("root");
      Main.addInherited(root, holder);
      root.addSubcommand("validate", new CommandLine(ValidateCommand.class));
      new CommandLine(root).parseArgs(args);
      assertTrue(holder.loud, String.join(" ", args));
    }
  }

  /** Regression: every command printed "[picocli WARN] Could not set initial value for option --debug … to null". */
  @Test
  void aCommandRunWithoutTheGlobalFlagWarnsAboutNothing() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      java.io.StringWriter out = new java.io.StringWriter();
      Main.execute(new String[] {"--version"}, new java.io.PrintWriter(out), new java.io.PrintWriter(out));
    } finally {
      System.setErr(saved);
    }
    assertTrue(!err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("picocli WARN"), err.toString());
  }
}
