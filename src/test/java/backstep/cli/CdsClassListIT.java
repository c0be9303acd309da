package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ScratchDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code cds-commands.classlist} fresh: a real {@code apply} and {@code rollback} on PostgreSQL, in a JVM of
 * their own, must load almost nothing the list does not name, or the distribution's archive would leave those classes
 * to be read from the jars on every start (the figures in docs/performance.md, "Start time and sizes").
 */
class CdsClassListIT {
  @TempDir
  Path tmp;

  private List<String> loadedBy(String dump, List<String> args) throws Exception {
    Path list = tmp.resolve(dump);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xshare:off", "-XX:DumpLoadedClassList=" + list, "-cp", System.getProperty("java.class.path"),
        "backstep.cli.Main"));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "still running: " + args);
    assertEquals(0, p.exitValue(), out);
    // one class a line ("name id: N …"); lambda forms, lambda proxies and proxies are made anew by every JVM
    return Files.readAllLines(list).stream().filter(l -> !l.startsWith("@"))
        .map(l -> l.split(" ", 2)[0].replace('/', '.'))
        .filter(n -> !n.contains("$$") && !n.startsWith("jdk.proxy") && !n.contains("LambdaForm$")).toList();
  }

  @Test
  void aRealApplyAndRollbackLoadLittleThatTheListDoesNotName() throws Exception {
    Path playbook = tmp.resolve("t.yaml");
    Files.writeString(playbook, """
        id: cds-list
        title: the class list's check
        intent: a table, to see which classes a real apply loads
        dialects: [postgresql]
        steps:
          - id: create
            kind: sql
            title: a table
            forward: CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL)
            rollback: DROP TABLE t
        """);
    Set<String> listed = new HashSet<>(CdsTraining.commandClassNames());
    try (ScratchDb db = ScratchDb.create(ScratchDb.Kind.POSTGRES)) {
      for (String command : List.of("apply", "rollback")) {
        List<String> args = new ArrayList<>(List.of(command, playbook.toString(), "-y"));
        args.addAll(db.cliArgs());
        List<String> loaded = loadedBy(command + ".lst", args);
        List<String> missing = loaded.stream().filter(n -> !listed.contains(n)).toList();
        assertTrue(loaded.size() > 2000, command + " loaded only " + loaded.size() + " classes");
        assertTrue(missing.size() <= loaded.size() / 50, command + " loaded " + missing.size() + " of "
            + loaded.size() + " classes the list does not name (run bench/cds-classes.sh): " + missing);
      }
    }
  }
}
