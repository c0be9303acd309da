package backstep.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases on one server, for a fleet group written as {@code server: TARGET, databases: PATTERN}: listed
 * from {@code pg_database} on PostgreSQL (templates and databases that refuse connections left out) or
 * {@code information_schema.schemata} on MySQL/MariaDB (the system schemas left out), by a SQL {@code LIKE}
 * pattern, in name order. A member's target is the server's with the database in its URL swapped.
 */
public final class ServerDatabases {
  private static final Pattern URL = Pattern.compile("^(jdbc:[a-z]+://[^/?;]+)(/[^?;]*)?([?;].*)?$");

  private ServerDatabases() {}

  /** The names of the databases on {@code server}'s server that match {@code like}, in name order. */
  public static List<String> list(Database server, String like) throws SQLException {
    String sql = server.dialect() == Dialect.POSTGRES
        ? "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate AND datname LIKE ? "
            + "ORDER BY datname"
        : "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ? AND schema_name NOT IN "
            + "('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY schema_name";
    try (Connection c = server.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, like);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  /**
   * The target for {@code database} on {@code server}'s server: named {@code server/database}, the same user,
   * password variable, environment class, ledger and policy, the URL's database swapped.
   */
  public static TargetSpec member(TargetSpec server, String database) {
    Matcher m = URL.matcher(server.url() == null ? "" : server.url());
    if (!m.matches()) {
      throw new IllegalArgumentException("target '" + server.name() + "': cannot swap the database in its URL "
          + server.safeUrl());
    }
    String url = m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    return new TargetSpec(server.name() + "/" + database, url, server.user(), server.passwordEnv(),
        server.environment(), server.ledger(), server.policy());
  }

  /** Whether {@code member} names a database on a server ({@code server/database}); the server's part. */
  public static String serverOf(String member) {
    int slash = member.indexOf('/');
    return slash <= 0 ? null : member.substring(0, slash);
  }
}
