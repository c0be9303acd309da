package backstep.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A test's own mariadbd keeps its temporary files in a directory of its own. mariadbd deletes every {@code #sql*}
 * file in its tmpdir when it starts; in the machine's {@code /tmp} those were the temporary tables of a
 * {@code mariadb-install-db} another JVM was running at that moment, whose bootstrap then failed ("Unknown table
 * 'mysql.tmp_user_nopasswd,mysql.tmp_user_socket'": ReplicaLagIT in a clean-clone run, session 20).
 */
class MariaDbServerIT {
  @Test
  void aStartingServerLeavesTheMachinesTempFilesAlone() throws Exception {
    Assumptions.assumeTrue(MariaDbServer.unavailable() == null, MariaDbServer::unavailable);
    Path other = Path.of("/tmp", "#sql-temptable-bs-probe-" + UUID.randomUUID().toString().substring(0, 8) + ".frm");
    Files.writeString(other, "another process's temporary table");
    MariaDbServer.run("chown", "mysql:mysql", other.toString()); // as mariadb-install-db's bootstrap leaves it
    try (MariaDbServer server = MariaDbServer.start(); Connection c = server.connect("");
        ResultSet rs = c.createStatement().executeQuery("SELECT @@tmpdir")) {
      rs.next();
      String tmpdir = rs.getString(1);
      assertTrue(Files.exists(other), "the server's start deleted " + other);
      assertTrue(tmpdir.startsWith("/tmp/bs-mdb-"), "the server's tmpdir is its own: " + tmpdir);
    } finally {
      Files.deleteIfExists(other);
    }
  }
}
