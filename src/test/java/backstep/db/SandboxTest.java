package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxTest {
  @TempDir Path home;

  @AfterEach
  void stopLeftoverServer() throws Exception {
    OrphanPostmaster.stop(home.resolve("sandbox/pgdata"), Redirect.DISCARD); // only if a test failed midway
  }

  @Test
  void firstStartCreatesTheBackstepDatabaseAndItsDataSurvivesARestart() throws Exception {
    try (Sandbox sandbox = Sandbox.start(home, false)) {
      assertTrue(sandbox.created());
      assertEquals(home.resolve("sandbox").resolve("pgdata"), sandbox.dataDirectory());
      assertEquals("jdbc:postgresql://localhost:" + sandbox.port() + "/backstep", sandbox.jdbcUrl());
      assertEquals("postgres", sandbox.user());
      assertEquals("backstep", query(sandbox.jdbcUrl(), "select current_database()"));
      update(sandbox.jdbcUrl(), "create table kept(v text)", "insert into kept values ('still here')");
    }
    try (Sandbox sandbox = Sandbox.start(home, false)) {
      assertFalse(sandbox.created());
      assertEquals("still here", query(sandbox.jdbcUrl(), "select v from kept"));
    }
  }

  @Test
  void freshStartWipesTheData() throws Exception {
    try (Sandbox sandbox = Sandbox.start(home, false)) {
      update(sandbox.jdbcUrl(), "create table wiped(v text)");
    }
    try (Sandbox sandbox = Sandbox.start(home, true)) {
      assertTrue(sandbox.created());
      assertEquals("0", query(sandbox.jdbcUrl(), "select count(*) from pg_tables where tablename = 'wiped'"));
    }
  }

  @Test
  void aSecondStartWhileRunningIsBusyAndLeavesTheFirstAlone() throws Exception {
    try (Sandbox sandbox = Sandbox.start(home, false)) {
      SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.start(home, false));
      assertTrue(e.busy());
      assertEquals("1", query(sandbox.jdbcUrl(), "select 1"));
    }
  }

  /** Regression: a Backstep killed with kill -9 leaves its server running and must not lock the user out. */
  @Test
  void anotherProcessMakesItBusyAndAfterThatProcessIsKilledItsOrphanedServerIsReplaced() throws Exception {
    Path childErr = home.resolve("child-stderr.txt");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SandboxHolder.class.getName(), home.toString())
        .redirectError(childErr.toFile()).start();
    List<String> childOut;
    int childPort;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = out.readLine();
      Matcher m = Pattern.compile("ready (\\d+)").matcher(String.valueOf(ready));
      assertTrue(m.matches(), () -> "child printed " + ready + ", stderr: " + read(childErr));
      childPort = Integer.parseInt(m.group(1));
      String childUrl = "jdbc:postgresql://localhost:" + childPort + "/backstep";

      SandboxException e = assertThrows(SandboxException.class, () -> Sandbox.start(home, false));
      assertTrue(e.busy());
      assertEquals("the sandbox is in use by another Backstep process", e.getMessage());
      update(childUrl, "create table survivor(v text)", "insert into survivor values ('written before kill -9')");

      child.toHandle().destroyForcibly(); // SIGKILL, no shutdown hook runs; Process.destroy would close stdout
      child.waitFor();
      childOut = out.lines().toList();
    }
    assertEquals(List.of(), childOut, "the sandbox printed to stdout");
    assertFalse(read(childErr).contains("INFO"), () -> "INFO logging reached the console: " + read(childErr));

    long orphan = postmasterPid(home.resolve("sandbox/pgdata"));
    assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "kill -9 left the server running");

    try (Sandbox sandbox = Sandbox.start(home, false)) {
      assertFalse(sandbox.created());
      assertNotEquals(orphan, postmasterPid(sandbox.dataDirectory()));
      if (sandbox.port() != childPort) {
        String orphanUrl = "jdbc:postgresql://localhost:" + childPort + "/backstep";
        assertThrows(SQLException.class, () -> query(orphanUrl, "select 1"), "the orphan still serves its port");
      }
      assertEquals("written before kill -9", query(sandbox.jdbcUrl(), "select v from survivor"));
    }
  }

  private static String query(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static void update(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static long postmasterPid(Path dataDirectory) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
