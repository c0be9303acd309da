package backstep.testing;

import backstep.db.DemoSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo shop written once per JVM and family by the real {@code backstep seed} into a template database, and
 * copied from there into scratch databases ({@link ScratchDb#seeded}): PostgreSQL copies a whole database with
 * {@code CREATE DATABASE … TEMPLATE} (its files, about 0.1 CPU-s of the server), MariaDB has no template, so each
 * table is made by its own {@code SHOW CREATE TABLE} and filled by {@code INSERT … SELECT} on the server. A seed
 * costs about 2 CPU-s (the rows made and bound in the JVM, parsed and written by the server) and many seconds on a
 * loaded machine; what it writes is fixed (a fixed random seed), so a copy holds the same schema and rows, which
 * {@code SeededCopyIT} proves against a fresh seed.
 *
 * <p>The templates are dropped when the JVM exits; a JVM killed first leaves them. So a template is named
 * {@code bs_shop_} and 12 hex digits, and its JVM holds a session lock of that name on an admin connection for as
 * long as it lives (PostgreSQL: an advisory lock in the {@code postgres} database, keyed by the hex digits; MariaDB:
 * {@code GET_LOCK}), taken before the database is made. The server releases the lock when that connection ends,
 * killed or not; before a JVM makes its first template of a family it drops every {@code bs_shop_} database whose
 * lock it can take, and no other: another run's on the same servers holds its lock ({@code ShopTemplatesIT}).
 */
final class ShopTemplates {
  private static final String PREFIX = "bs_shop_";
  private static final Map<ScratchDb.Kind, String> TEMPLATES = new EnumMap<>(ScratchDb.Kind.class);
  private static final Map<ScratchDb.Kind, Connection> HOLDERS = new EnumMap<>(ScratchDb.Kind.class);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ShopTemplates::dropAll, "shop-templates-drop"));
  }

  private ShopTemplates() {}

  /**
   * The template database of {@code kind}, seeded by {@code backstep seed} on first use in this JVM, which first
   * drops the templates of JVMs that are gone.
   */
  static synchronized String template(ScratchDb.Kind kind) throws SQLException {
    String name = TEMPLATES.get(kind);
    if (name == null) {
      dropStale(kind);
      name = newName();
      Connection holder = hold(kind, name);
      try {
        Cli.Result seed = Cli.on(ScratchDb.named(kind, name), "seed");
        if (seed.exit() != 0) {
          throw new IllegalStateException("seeding the demo shop template failed: " + seed);
        }
      } catch (SQLException | RuntimeException e) {
        holder.close(); // the next JVM's first template drops what was made
        throw e;
      }
      HOLDERS.put(kind, holder);
      TEMPLATES.put(kind, name);
    }
    return name;
  }

  static String newName() {
    return PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** An admin connection that holds {@code name}'s lock until it is closed, or its JVM ends. */
  static Connection hold(ScratchDb.Kind kind, String name) throws SQLException {
    Connection c = ScratchDb.admin(kind);
    try {
      if (!tryLock(c, kind, name)) {
        throw new IllegalStateException("the lock of template " + name + " is held already");
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Drops the templates of {@code kind} whose lock nobody holds (their JVM is gone); returns their names. */
  static List<String> dropStale(ScratchDb.Kind kind) throws SQLException {
    String list = kind == ScratchDb.Kind.POSTGRES
        ? "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'"
        : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '" + PREFIX + "%'";
    List<String> dropped = new ArrayList<>();
    try (Connection c = ScratchDb.admin(kind)) {
      for (String name : ScratchDb.rows(c, list)) {
        if (name.matches(PREFIX + "[0-9a-f]{12}") && tryLock(c, kind, name)) {
          try {
            ScratchDb.drop(kind, name);
            dropped.add(name);
          } catch (SQLException e) { // a leftover that stays must not fail this JVM's tests
            System.err.println("stale demo shop template " + name + " not dropped: " + e.getMessage());
          } finally {
            unlock(c, kind, name);
          }
        }
      }
    }
    return dropped;
  }

  private static boolean tryLock(Connection c, ScratchDb.Kind kind, String name) throws SQLException {
    return ScratchDb.rows(c, kind == ScratchDb.Kind.POSTGRES ? "SELECT pg_try_advisory_lock(" + key(name) + ")"
        : "SELECT GET_LOCK('" + name + "', 0)").equals(List.of(kind == ScratchDb.Kind.POSTGRES ? "t" : "1"));
  }

  private static void unlock(Connection c, ScratchDb.Kind kind, String name) throws SQLException {
    ScratchDb.rows(c, kind == ScratchDb.Kind.POSTGRES ? "SELECT pg_advisory_unlock(" + key(name) + ")"
        : "SELECT RELEASE_LOCK('" + name + "')");
  }

  private static long key(String name) {
    return Long.parseLong(name.substring(PREFIX.length()), 16);
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
    for (Connection holder : HOLDERS.values()) {
      try {
        holder.close();
      } catch (SQLException e) {
        // the lock goes with the connection either way
      }
    }
  }
}
