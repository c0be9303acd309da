package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.ChildProcess;
import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password given through --password-env reaches the database and nothing else: not output, not the ledger. */
class CredentialsIT {
  private static final String SECRET = "Xq7-unguessable-S3cret";

  @TempDir
  Path dir;

  @Test
  void thePasswordNeverAppearsInOutputOrLedger() throws Exception {
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.MARIADB)) {
      String user = "bs_" + db.name().substring(db.name().length() - 8);
      db.exec("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SECRET + "'",
          "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + SECRET + "'",
          "GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'%'",
          "GRANT ALL ON " + db.name() + ".* TO '" + user + "'@'localhost'");
      try {
        List<String> target = List.of("--url", db.url(), "--user", user, "--password-env", "BS_TEST_PASSWORD",
            "--environment", "sandbox");
        Path out = dir.resolve("out.txt");
        List<String> args = new java.util.ArrayList<>(List.of("apply", "playbooks/add-orders-status-index.yaml",
            "--yes", "--json"));
        args.addAll(target);
        int exit;
        String err;
        try (ChildProcess p = ChildProcess.start(args, Map.of("BS_TEST_PASSWORD", SECRET), out)) {
          exit = p.waitFor();
          err = p.seen();
        }
        String stdout = Files.readString(out);
        assertEquals(0, exit, err + stdout);
        assertTrue(stdout.contains("\"state\" : \"APPLIED\""), stdout);
        assertFalse(stdout.contains(SECRET) || err.contains(SECRET), "password leaked to output");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
          for (String t : List.of("backstep_run", "backstep_step_exec", "backstep_event")) {
            try (ResultSet rs = st.executeQuery("SELECT * FROM " + t)) {
              int cols = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                  assertFalse(String.valueOf(rs.getString(i)).contains(SECRET), "password in ledger table " + t);
                }
              }
            }
          }
        }

        List<String> wrong = new java.util.ArrayList<>(List.of("status"));
        wrong.addAll(target);
        try (ChildProcess p = ChildProcess.start(wrong, Map.of("BS_TEST_PASSWORD", "wrong-" + SECRET), null)) {
          assertEquals(4, p.waitFor(), p.seen());
          assertTrue(p.seen().contains("cannot connect"), p.seen());
          assertFalse(p.seen().contains(SECRET), p.seen());
        }

        Cli.Result inUrl = Cli.run("status", "--url", db.url() + "?password=" + SECRET, "--user", user);
        assertEquals(2, inUrl.exit(), inUrl::toString);
        assertFalse(inUrl.err().contains(SECRET) || inUrl.out().contains(SECRET), inUrl::toString);
      } finally {
        db.exec("DROP USER '" + user + "'@'%'", "DROP USER '" + user + "'@'localhost'");
      }
    }
  }
}
