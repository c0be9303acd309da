package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Regression (hardening issue, item 9): there was no logging, so the deliberately ignored exceptions left no trace.
 * Debug logging (SLF4J) is off by default, on with {@code --debug} or {@code BACKSTEP_DEBUG=1}, goes to standard error
 * and never prints the password.
 */
class DebugLoggingIT {
  private static final String PASSWORD = "Dbg-s3cret-7f2c";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void debugLogsToStandardErrorWithoutThePasswordAndIsOffByDefault(ScratchDb.Kind kind) throws Exception {
    Path pb = dir.resolve("t.yaml");
    Files.writeString(pb, """
        id: debug-log
        title: Debug log
        intent: one table
        steps:
          - id: create
            kind: sql
            title: Create t_debug
            forward: CREATE TABLE t_debug (id INT PRIMARY KEY)
            rollback: DROP TABLE t_debug
        """);
    try (ScratchDb db = ScratchDb.create(kind)) {
      String user = kind == ScratchDb.Kind.POSTGRES ? "postgres" : "dbg_" + db.name().substring(8);
      if (kind == ScratchDb.Kind.MARIADB) { // a user with a password, so one is really sent
        db.exec("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
            "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'",
            "GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'",
            "GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'localhost'");
      }
      try {
        Map<String, String> env = Map.of("BS_DEBUG_PW", PASSWORD);
        String debugged = run(List.of("apply", pb.toString(), "--yes", "--debug"), db, user, env);
        assertTrue(debugged.contains("DEBUG backstep."), "--debug logs: " + debugged);
        assertTrue(debugged.contains("debug-log"), "a run's own lines: " + debugged);
        assertFalse(debugged.contains(PASSWORD), "never the password: " + debugged);

        String quiet = run(List.of("rollback", pb.toString(), "--yes"), db, user, env);
        assertFalse(quiet.contains("DEBUG"), "off by default: " + quiet);

        String byEnv = run(List.of("status"), db, user, Map.of("BS_DEBUG_PW", PASSWORD, "BACKSTEP_DEBUG", "1"));
        assertTrue(byEnv.contains("DEBUG backstep."), "BACKSTEP_DEBUG=1 logs: " + byEnv);
        assertFalse(byEnv.contains(PASSWORD), byEnv);
      } finally {
        if (kind == ScratchDb.Kind.MARIADB) {
          db.exec("DROP USER IF EXISTS '" + user + "'@'%'", "DROP USER IF EXISTS '" + user + "'@'localhost'");
        }
      }
    }
  }

  /** The CLI in its own process (logging is set up once per process); what it printed on both streams. */
  private String run(List<String> cmd, ScratchDb db, String user, Map<String, String> env) throws Exception {
    List<String> args = new ArrayList<>(cmd);
    args.addAll(List.of("--url", db.url(), "--user", user, "--password-env", "BS_DEBUG_PW", "--environment",
        "sandbox", "--name", db.name()));
    Path out = Files.createTempFile(dir, "out", ".txt");
    try (ChildProcess child = ChildProcess.start(args, env, out)) {
      int exit = child.waitFor();
      String printed = child.seen() + Files.readString(out);
      assertEquals(0, exit, printed);
      return printed;
    }
  }
}
