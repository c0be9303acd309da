package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No secret in a JDBC URL gets in, and no URL is printed or recorded unredacted (regression: issue 14, item 2:
 * {@code ?password1=…} was printed in the Confirm: line and written to the ledger; with a bad port the whole URL was
 * printed by an internal error). A refused URL changes nothing: no ledger is created.
 */
class UrlSecretsIT {
  private static final String SECRET = "Zk9-url-secret";

  @TempDir
  Path dir;

  private static String with(ScratchDb db, String query) {
    return db.url() + "?" + query;
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void secretsInTheUrlAreRefusedBeforeConnecting(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      for (String prop : new String[] {"password1", "PassWord2", "sslpassword", "trustCertificateKeyStorePassword"}) {
        Cli.Result r = Cli.run("status", "--url", with(db, prop + "=" + SECRET), "--user", db.user());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--url must not contain a secret (property '" + prop + "')"), r::toString);
        assertFalse(r.toString().contains(SECRET), r::toString);
      }
      String userInfo = db.url().replace("//", "//" + db.user() + ":" + SECRET + "@");
      Cli.Result r = Cli.run("apply", "playbooks/add-orders-status-index.yaml", "--yes", "--url", userInfo);
      assertEquals(2, r.exit(), r::toString);
      assertTrue(r.err().contains("user-info"), r::toString);
      assertFalse(r.toString().contains(SECRET), r::toString);

      Path targets = dir.resolve("targets.yaml");
      Files.writeString(targets, "targets:\n  shop:\n    url: " + with(db, "Password3=" + SECRET) + "\n    user: "
          + db.user() + "\n");
      Cli.Result file = Cli.run("status", "--targets", targets.toString(), "-t", "shop");
      assertEquals(2, file.exit(), file::toString);
      assertTrue(file.err().contains(targets + ":3:10 targets.shop.url: must not contain a secret (property "
          + "'Password3'); name an environment variable in password_env"), file::toString);
      assertFalse(file.toString().contains(SECRET), file::toString);
      assertFalse(db.hasLedger(), "a refused URL created the ledger");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void badPortsAreInputErrorsWithFileAndLineNeverInternalErrors(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      String port = kind == ScratchDb.Kind.POSTGRES ? ":5432/" : ":3306/";
      for (String bad : new String[] {":99999/", ":abc/", ":0/"}) {
        String url = db.url().replace(port, bad) + "?sslfactoryarg=" + SECRET;
        Cli.Result r = Cli.run("status", "--url", url, "--user", db.user());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("is not a number from 1 to 65535"), r::toString);
        assertFalse(r.toString().contains(SECRET) || r.toString().contains("internal error"), r::toString);
      }
      Path targets = dir.resolve("targets.yaml");
      Files.writeString(targets, "targets:\n  shop:\n    url: " + db.url().replace(port, ":70000/") + "\n");
      Cli.Result file = Cli.run("status", "--targets", targets.toString(), "-t", "shop");
      assertEquals(2, file.exit(), file::toString);
      assertTrue(file.err().contains(targets + ":3:10 targets.shop.url: port '70000' is not a number from 1 to "
          + "65535"), file::toString);

      // a URL the driver itself rejects: a clear refusal (exit 4), the URL redacted, no internal error
      String broken = db.url().replace("//127.0.0.1" + port, "//[::1" + port) + "?sslfactoryarg=" + SECRET;
      Cli.Result driver = Cli.run("status", "--url", broken, "--user", db.user());
      assertFalse(driver.exit() == 70 || driver.exit() == 0, driver::toString);
      assertFalse(driver.toString().contains(SECRET) || driver.toString().contains("internal error"),
          driver::toString);
      assertFalse(db.hasLedger(), "a refused URL created the ledger");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void theConfirmLineAndTheLedgerShowTheUrlRedacted(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      // a socket-factory argument may hold anything: it is accepted, but never printed or recorded
      String url = with(db, "sslfactoryarg=" + SECRET);
      Cli.Result r = Cli.run("apply", "playbooks/add-orders-status-index.yaml", "--yes", "--url", url, "--user",
          db.user(), "--environment", "staging", "--name", "shop");
      assertEquals(0, r.exit(), r::toString);
      assertTrue(r.err().contains("Confirm: ") && r.err().contains("sslfactoryarg=***"), r::toString);
      assertFalse(r.toString().contains(SECRET), r::toString);
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        String prefix = kind == ScratchDb.Kind.POSTGRES ? "backstep." : "backstep_";
        for (String t : new String[] {"run", "step_exec", "event"}) {
          try (ResultSet rs = st.executeQuery("SELECT * FROM " + prefix + t)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= cols; i++) {
                assertFalse(String.valueOf(rs.getString(i)).contains(SECRET), "secret in ledger table " + t);
              }
            }
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT detail FROM " + prefix + "event WHERE detail LIKE "
            + "'%target_url%'")) {
          assertTrue(rs.next(), "the run records its target URL");
          assertTrue(rs.getString(1).contains("sslfactoryarg=***"), rs.getString(1));
        }
      }
    }
  }
}
