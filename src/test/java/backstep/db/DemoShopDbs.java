package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.db.DemoSchema.SeedResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The demo shop seeded into scratch databases of their own on the running PostgreSQL 15 and MariaDB 10.11 servers
 * (one of each family before the class's first test, dropped after its last; a second MariaDB one for the MySQL
 * dialect on demand), for {@link DemoSchemaIT} (the seed's time, alone) and {@link DemoSchemaRowsIT} (what the seed
 * writes, beside other JVMs). A class registers it with {@code @RegisterExtension}.
 */
final class DemoShopDbs implements BeforeAllCallback, AfterAllCallback {
  enum Target {
    POSTGRES(SQLDialect.POSTGRES, "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
        "jdbc:postgresql://127.0.0.1:5432/%s?user=postgres"),
    MARIADB(SQLDialect.MARIADB, "jdbc:mysql://127.0.0.1:3306/?user=root",
        "jdbc:mysql://127.0.0.1:3306/%s?user=root&rewriteBatchedStatements=true");

    final SQLDialect dialect;
    final String adminUrl;
    private final String urlPattern;

    Target(SQLDialect dialect, String adminUrl, String urlPattern) {
      this.dialect = dialect;
      this.adminUrl = adminUrl;
      this.urlPattern = urlPattern;
    }
  }

  final String db = "bs_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final String mysqlDialectDb = db + "_my";

  private final Map<Target, SeedResult> seeded = new EnumMap<>(Target.class);

  /** Creates a database of each {@link Target} and seeds the shop into it (each seed timed by itself). */
  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    admin(Target.POSTGRES, "create database " + db);
    admin(Target.MARIADB, "create database " + db + " character set utf8mb4");
    for (Target t : Target.values()) {
      try (Connection c = connect(t)) {
        seeded.put(t, DemoSchema.seed(c, t.dialect, false));
      }
    }
  }

  /** What the seed before the first test reported for {@code t}. */
  SeedResult seeded(Target t) {
    return seeded.get(t);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    admin(Target.POSTGRES, "drop database if exists " + db + " with (force)");
    admin(Target.MARIADB, "drop database if exists " + db);
    admin(Target.MARIADB, "drop database if exists " + mysqlDialectDb);
  }

  Connection connect(Target t) throws SQLException {
    return DriverManager.getConnection(String.format(Locale.ROOT, t.urlPattern, db));
  }

  /** A second, empty MariaDB database, for seeding with the MySQL dialect. */
  Connection createMySqlDialectDb() throws SQLException {
    admin(Target.MARIADB, "create database " + mysqlDialectDb + " character set utf8mb4");
    return DriverManager.getConnection(String.format(Locale.ROOT, Target.MARIADB.urlPattern,
        mysqlDialectDb));
  }

  private static void admin(Target t, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(t.adminUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    List<String> rows = rows(c, sql);
    assertEquals(1, rows.size());
    return Long.parseLong(rows.get(0));
  }

  /** Rows as "a|b|c" strings, with values read as Java objects so both drivers print them the same way. */
  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(i > 1 ? "|" : "").append(value(rs, i, meta.getColumnType(i)));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    return switch (type) {
      case Types.TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
      case Types.BIT, Types.BOOLEAN, Types.TINYINT -> rs.getBoolean(i);
      case Types.DECIMAL, Types.NUMERIC, Types.BIGINT, Types.INTEGER -> rs.getLong(i);
      default -> rs.getString(i);
    };
  }
}
