package backstep.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The initialised data directories a test's own servers start from, made once per JVM and copied for each server:
 * PostgreSQL's {@code initdb} and MariaDB's {@code mariadb-install-db} give the same directory every time (a primary
 * and its replica already start from copies of one), and a copy ({@code cp -a}, owner and modes kept) costs a
 * fraction of either: at load 25, initdb took 4–5 s and mariadb-install-db 9.7 s wall, the copy 0.5 s. The
 * templates are removed when the JVM exits.
 */
final class DataDirTemplates {
  private static Path postgres;
  private static Path mariadb;

  private DataDirTemplates() {
  }

  /** Makes {@code data} a freshly initdb'd PostgreSQL 15 data directory (superuser postgres, trust, UTF8). */
  static void initdb(Path data) throws IOException, InterruptedException {
    PgCluster.asPostgres("cp", "-a", postgresTemplate().toString(), data.toString());
  }

  /** Makes {@code datadir} a freshly installed MariaDB data directory (no test database). */
  static void install(Path datadir) throws IOException, InterruptedException {
    MariaDbServer.run("cp", "-a", mariadbTemplate().toString(), datadir.toString());
  }

  private static synchronized Path postgresTemplate() throws IOException, InterruptedException {
    if (postgres == null) {
      Path base = PgCluster.scratchDir("bs-pg-template-");
      Path data = base.resolve("data");
      PgCluster.asPostgres(PgCluster.BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
          "--auth=trust", "-E", "UTF8", "--no-sync");
      removeAtExit(base);
      postgres = data;
    }
    return postgres;
  }

  private static synchronized Path mariadbTemplate() throws IOException, InterruptedException {
    if (mariadb == null) {
      Path base = MariaDbServer.scratchDir("bs-mdb-template-");
      Path data = base.resolve("data");
      MariaDbServer.run(MariaDbServer.INSTALL.toString(), "--no-defaults", "--datadir=" + data, "--user=mysql",
          "--auth-root-authentication-method=normal", "--skip-test-db",
          "--tmpdir=" + MariaDbServer.tmpdir(base, "tmp")); // its temporary tables out of another server's start
      removeAtExit(base);
      mariadb = data;
    }
    return mariadb;
  }

  private static void removeAtExit(Path base) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> PgCluster.delete(base), "remove " + base));
  }
}
