package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing one target of targets.yaml keeps the rest of the file, and never writes a password. */
class TargetsFileTest {
  @TempDir
  Path dir;

  @Test
  void addEditRemoveKeepTheRestOfTheFile() throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, """
        # our databases
        targets:
            orders:   # the shop
                url: jdbc:postgresql://db1:5432/orders
                environment: production

        policy:
          staging: {apply: [second_approver]}
        """);
    Targets t = TargetsFile.save(f, null, new TargetSpec("reports", "jdbc:mysql://db2:3306/rep", "bi", "REP_PW",
        EnvironmentClass.STAGING));
    assertEquals(java.util.Set.of("sandbox", "orders", "reports"), t.names());
    String text = Files.readString(f);
    assertTrue(text.startsWith("# our databases\ntargets:\n    orders:   # the shop\n"), text);
    assertTrue(text.contains("    reports:\n        url: \"jdbc:mysql://db2:3306/rep\"\n        user: \"bi\"\n"
        + "        password_env: REP_PW\n        environment: staging\n"), text);
    assertTrue(text.contains("policy:\n  staging: {apply: [second_approver]}"), text);

    TargetsFile.save(f, "reports", new TargetSpec("reports-eu", "jdbc:mysql://db3:3306/rep", "bi", null,
        EnvironmentClass.PRODUCTION));
    t = Targets.load(f);
    assertEquals(java.util.Set.of("sandbox", "orders", "reports-eu"), t.names());
    assertNull(t.find("reports-eu").orElseThrow().passwordEnv());
    assertEquals(EnvironmentClass.PRODUCTION, t.find("reports-eu").orElseThrow().environment());

    assertThrows(IllegalArgumentException.class, () -> TargetsFile.save(f, null, new TargetSpec("orders",
        "jdbc:postgresql://x:5432/y", null, null, EnvironmentClass.STAGING)), "a name in use");
    TargetsFile.remove(f, "orders");
    assertEquals(java.util.Set.of("sandbox", "reports-eu"), Targets.load(f).names());
    assertTrue(Files.readString(f).contains("policy:"), Files.readString(f));
  }

  @Test
  void aNewFileAndTheLoadersRules() throws Exception {
    Path f = dir.resolve("new.yaml");
    TargetsFile.save(f, null, new TargetSpec("pg", "jdbc:postgresql://h:5432/d", "app", null,
        EnvironmentClass.STAGING));
    assertEquals("targets:\n  pg:\n    url: \"jdbc:postgresql://h:5432/d\"\n    user: \"app\"\n"
        + "    environment: staging\n", Files.readString(f));
    assertEquals("name: 'sandbox' is the built-in embedded database; choose another name", TargetsFile.problem(
        new TargetSpec("sandbox", "jdbc:postgresql://h/d", null, null, EnvironmentClass.STAGING)));
    assertTrue(TargetsFile.problem(new TargetSpec("x", "jdbc:postgresql://h/d?password=hunter2", null, null,
        EnvironmentClass.STAGING)).startsWith("url: "));
    assertTrue(TargetsFile.problem(new TargetSpec("x", "jdbc:oracle:thin:@h:1521/d", null, null,
        EnvironmentClass.STAGING)).startsWith("url: "));
    assertTrue(TargetsFile.problem(new TargetSpec("x", "jdbc:postgresql://h/d", null, "NOT A VAR",
        EnvironmentClass.STAGING)).startsWith("password variable"));
  }
}
