package backstep.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real CLI in a separate JVM, so a test can kill it with SIGKILL mid-step. */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader err;
  private final StringBuilder seen = new StringBuilder();

  private ChildProcess(Process process) {
    this.process = process;
    this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
  }

  public static ChildProcess start(List<String> args) throws IOException {
    return start(args, java.util.Map.of(), null);
  }

  /** Starts the CLI with extra environment variables; standard output goes to {@code stdout} when given. */
  public static ChildProcess start(List<String> args, java.util.Map<String, String> env, Path stdout)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1"); // a short-lived CLI: start fast rather than optimise
    cmd.add("-XX:+UseSerialGC");
    // the classes are the build's own and Maven's jars, which the test JVM has already loaded and verified: the
    // child skips the bytecode verifier (0.19 CPU-s of 1.28 for status, 0.66 of 4.18 for an apply; a class-data
    // archive saved 0.35 for status but costs 12-14 CPU-s to make: docs/performance.md, session 16)
    cmd.add("-XX:+UnlockDiagnosticVMOptions");
    cmd.add("-XX:-BytecodeVerificationRemote");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("backstep.cli.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD
        : ProcessBuilder.Redirect.to(stdout.toFile()));
    pb.environment().putAll(env);
    return new ChildProcess(pb.start());
  }

  /** Reads the child's progress (stderr) until a line contains {@code text}; fails if the child ends first. */
  public void awaitLine(String text) throws IOException {
    String line;
    while ((line = err.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains(text)) {
        return;
      }
    }
    throw new IOException("child ended before printing '" + text + "':\n" + seen);
  }

  /** SIGKILL: no shutdown hooks, no cleanup — what a crash or an OOM kill does. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGINT: what Ctrl+C at the terminal sends. */
  public void interrupt() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
    if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -INT " + process.pid() + " failed");
    }
  }

  public int waitFor() throws InterruptedException, IOException {
    String line;
    while ((line = err.readLine()) != null) {
      seen.append(line).append('\n');
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child did not finish:\n" + seen);
    }
    return process.exitValue();
  }

  public String seen() {
    return seen.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
