package backstep.testing;

import backstep.db.DemoSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * The demo shop written once per JVM and family by the real {@code backstep seed} into a template database, and
 * copied from there into scratch databases ({@link ScratchDb#seeded}): PostgreSQL copies a whole database with
 * {@code CREATE DATABASE … TEMPLATE} (its files, about 0.1 CPU-s of the server), MariaDB has no template, so each
 * table is made by its own {@code SHOW CREATE TABLE} and filled by {@code INSERT … SELECT} on the server. A seed
 * costs about 2 CPU-s (the rows made and bound in the JVM, parsed and written by the server) and many seconds on a
 * loaded machine; what it writes is fixed (a fixed random seed), so a copy holds the same schema and rows, which
 * {@code SeededCopyIT} proves against a fresh seed. The templates are dropped when the JVM exits.
 */
final class ShopTemplates {
  private static final Map<ScratchDb.Kind, String> TEMPLATES = new EnumMap<>(ScratchDb.Kind.class);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ShopTemplates::dropAll, "shop-templates-drop"));
  }

  private ShopTemplates() {}

  /** The template database of {@code kind}, seeded by {@code backstep seed} on first use in this JVM. */
  static synchronized String template(ScratchDb.Kind kind) throws SQLException {
    String name = TEMPLATES.get(kind);
    if (name == null) {
      ScratchDb db = ScratchDb.create(kind);
      Cli.Result seed = Cli.on(db, "seed");
      if (seed.exit() != 0) {
        db.close();
        throw new IllegalStateException("seeding the demo shop template failed: " + seed);
      }
      name = db.name();
      TEMPLATES.put(kind, name);
    }
    return name;
  }

  /** Makes the demo tables of the MariaDB template in {@code into} and copies their rows, on the server. */
  static void copyMariaDb(ScratchDb into) throws SQLException {
    String from = template(ScratchDb.Kind.MARIADB);
    try (Connection c = into.connect(); Statement st = c.createStatement()) {
      st.execute("SET foreign_key_checks = 0"); // the rows are the template's, whose keys were checked at its seed
      for (String table : DemoSchema.tables()) {
        String ddl;
        try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + from + "." + table)) {
          rs.next();
          ddl = rs.getString(2);
        }
        st.execute(ddl);
        st.execute("INSERT INTO " + table + " SELECT * FROM " + from + "." + table);
      }
    }
  }

  private static synchronized void dropAll() {
    for (Map.Entry<ScratchDb.Kind, String> t : TEMPLATES.entrySet()) {
      try {
        ScratchDb.drop(t.getKey(), t.getValue());
      } catch (SQLException e) {
        System.err.println("demo shop template not dropped: " + e.getMessage());
      }
    }
  }
}
