package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import backstep.playbook.DialectFamily;
import backstep.testing.ScratchDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checksum, version and description FlywayImporter records for each migration are exactly what the real Flyway
 * stores in {@code flyway_schema_history} after migrating the same files into a scratch database (regression: an
 * imported history that {@code adopt} could not match against the database it came from).
 */
class FlywayChecksumIT {
  @TempDir
  Path tmp;

  @Test
  void thePostgresqlSetMatchesFlywaysOwnHistoryTable() throws Exception {
    Path set = Path.of("src/test/resources/imports/flyway-postgresql");
    assertSameAsFlyway(ScratchDb.Kind.POSTGRES, set, set.resolve("db/migration/postgresql"), Optional.empty());
  }

  @Test
  void theMariadbSetMatchesFlywaysOwnHistoryTable() throws Exception {
    Path set = Path.of("src/test/resources/imports/flyway-mysql");
    assertSameAsFlyway(ScratchDb.Kind.MARIADB, set, set.resolve("db/migration/mysql"), Optional.empty());
  }

  @Test
  void lineBreaksByteOrderMarksAndNonAsciiTextChecksumAsFlywayReadsThem() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    write("V1__crlf_with_bom.sql", bom, "-- Café crème: Windows line breaks\r\nCREATE TABLE menu (dish text);\r\n"
        + "\r\nINSERT INTO menu VALUES ('crème brûlée');\r\n");
    write("V1_1__old_mac_breaks.sql", new byte[0], "CREATE TABLE a (x int);\rCREATE TABLE b (y int);\r");
    write("V1_2__no_final_break_and_blank_lines.sql", new byte[0], "\n\n  CREATE TABLE c (z int);\n\n\t-- end");
    write("V1_10__after_one_nine.sql", new byte[0], "CREATE TABLE d (w int);\n");
    write("R__menu_view.sql", bom, "CREATE OR REPLACE VIEW menu_view AS SELECT dish FROM menu;\n");
    assertSameAsFlyway(ScratchDb.Kind.POSTGRES, tmp, tmp, Optional.of(DialectFamily.POSTGRESQL));
  }

  private void write(String name, byte[] prefix, String text) throws Exception {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(body, 0, all, prefix.length, body.length);
    Files.write(tmp.resolve(name), all);
  }

  private static void assertSameAsFlyway(ScratchDb.Kind kind, Path set, Path location,
      Optional<DialectFamily> dialect) throws Exception {
    ImportResult imported = new FlywayImporter().read(set, dialect);
    Map<String, String> ours = new TreeMap<>();
    for (Migration m : imported.migrations()) {
      ours.put(m.repeatable() ? "R " + m.description() : m.version(), m.checksum() + " " + m.description());
    }
    assertFalse(ours.isEmpty());
    Map<String, String> flyways = new TreeMap<>();
    try (ScratchDb db = ScratchDb.create(kind)) {
      // V2.1 builds an index CONCURRENTLY, which waits for every open transaction: Flyway's default transactional
      // lock on PostgreSQL would then wait for itself, so the set is run the way its users have to run it.
      FluentConfiguration config = Flyway.configure()
          .dataSource(db.url(), db.user(), kind == ScratchDb.Kind.POSTGRES ? null : "")
          .locations("filesystem:" + location.toAbsolutePath());
      config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
      config.load().migrate();
      try (Connection c = db.connect(); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT version, description, checksum FROM flyway_schema_history "
               + "WHERE type = 'SQL'")) {
        while (rs.next()) {
          String version = rs.getString(1);
          flyways.put(version == null ? "R " + rs.getString(2) : version, "crc32:" + rs.getInt(3) + " "
              + rs.getString(2));
        }
      }
    }
    assertEquals(flyways, ours);
  }
}
