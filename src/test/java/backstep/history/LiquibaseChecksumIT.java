package backstep.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.testing.ScratchDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * The checksums the importer computes are the ones the real Liquibase (4.33, liquibase-core as a test dependency)
 * stores in DATABASECHANGELOG.MD5SUM: Liquibase updates a scratch database from each test set, and every changeset
 * it recorded must carry the importer's checksum. This also proves each set runs under Liquibase itself.
 */
class LiquibaseChecksumIT {
  private static final Path SETS = Path.of("src/test/resources/imports");

  @Test
  void postgresqlSetMatchesLiquibase() throws Exception {
    compare("liquibase-postgresql", ScratchDb.Kind.POSTGRES);
  }

  @Test
  void mysqlSetMatchesLiquibaseOnMariaDb() throws Exception {
    compare("liquibase-mysql", ScratchDb.Kind.MARIADB);
  }

  private static void compare(String set, ScratchDb.Kind kind) throws Exception {
    Path dir = SETS.resolve(set);
    Map<String, String> stored;
    try (ScratchDb db = ScratchDb.create(kind)) {
      try (Connection c = db.connect()) {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        try (Liquibase lb = new Liquibase("changelog.xml", new DirectoryResourceAccessor(dir.toFile()), database)) {
          lb.update(new Contexts(), new LabelExpression());
        }
      }
      stored = new TreeMap<>();
      try (Connection c = db.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT author, id, md5sum FROM "
              + (kind == ScratchDb.Kind.POSTGRES ? "databasechangelog" : "DATABASECHANGELOG"))) {
        while (rs.next()) {
          stored.put(rs.getString(1) + ":" + rs.getString(2), rs.getString(3));
        }
      }
    }
    DialectFamily family = kind == ScratchDb.Kind.POSTGRES ? DialectFamily.POSTGRESQL : DialectFamily.MYSQL;
    ImportResult r = new LiquibaseImporter().read(dir.resolve("changelog.xml"), Optional.of(family));
    Map<String, String> ours = new LinkedHashMap<>();
    r.migrations().forEach(m -> ours.put(m.version(), m.checksum()));
    assertTrue(ours.size() >= 10, "the set imports " + ours.size() + " migrations");
    assertTrue(stored.keySet().containsAll(ours.keySet()), "Liquibase ran " + stored.keySet() + ", we imported "
        + ours.keySet());
    Map<String, String> theirs = new TreeMap<>();
    ours.keySet().forEach(v -> theirs.put(v, stored.get(v)));
    assertEquals(theirs, new TreeMap<>(ours));
  }
}
