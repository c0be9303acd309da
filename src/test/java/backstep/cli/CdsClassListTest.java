package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class list behind the distribution's archive for database commands ({@code cds-commands.classlist}): a class
 * renamed or removed since the list was made would silently fall out of the archive, and {@code apply} would load
 * it from its jar on every start again.
 */
class CdsClassListTest {
  @Test
  void everyBackstepClassTheListNamesStillExists() {
    List<String> gone = new ArrayList<>();
    for (String name : CdsTraining.commandClassNames()) {
      if (name.startsWith("backstep.")) {
        try {
          Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
          gone.add(name);
        }
      }
    }
    assertEquals(List.of(), gone, "renamed or removed since the list was made: run bench/cds-classes.sh");
  }

  @Test
  void theTrainingRunLoadsTheDatabaseCommandsClasses() {
    List<String> names = CdsTraining.commandClassNames();
    assertTrue(names.size() > 3000, "the list is nearly empty: " + names.size());
    assertTrue(names.containsAll(List.of("backstep.cli.ApplyCommand", "backstep.cli.RollbackCommand",
        "backstep.cli.StatusCommand", "backstep.cli.HistoryCommand", "backstep.cli.RehearseCommand",
        "org.jooq.impl.DSL", "org.postgresql.Driver", "com.mysql.cj.jdbc.Driver",
        "com.fasterxml.jackson.databind.ObjectMapper", "com.zaxxer.hikari.HikariDataSource")), "missing entries");
    int loaded = CdsTraining.loadCommandClasses(getClass().getClassLoader());
    assertTrue(loaded >= names.size() * 99 / 100, loaded + " of " + names.size() + " names loaded");
  }

  @Test
  void everyLambdaProxyTheArchiveIsToHoldNamesAClassThatStillExists() {
    List<String> lines = CdsTraining.resourceLines(CdsTraining.COMMAND_INDY);
    List<String> gone = new ArrayList<>();
    int proxies = 0;
    for (String line : lines) {
      assertTrue(line.startsWith("@lambda-proxy ") || line.startsWith("@lambda-form-invoker "), line);
      assertTrue(!line.contains("picocli/"), "picocli's Java 5 classes cannot be linked while dumping: " + line);
      if (line.startsWith("@lambda-proxy ")) {
        proxies++;
        String caller = line.split(" ")[1].replace('/', '.');
        try {
          Class.forName(caller, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
          gone.add(caller);
        }
      }
    }
    assertTrue(proxies > 100, "the list names only " + proxies + " lambda proxies: run bench/cds-classes.sh");
    assertEquals(List.of(), gone, "renamed or removed since the list was made: run bench/cds-classes.sh");
  }

  @Test
  void theTrainingRunWritesTheLambdaLinesForTheLauncher(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("indy");
    assertTrue(CdsTraining.writeIndy(out));
    assertEquals(CdsTraining.resourceLines(CdsTraining.COMMAND_INDY), Files.readAllLines(out));
    assertTrue(!CdsTraining.writeIndy(tmp.resolve("no/such/folder/indy")), "a file it cannot write is no failure");
  }
}
