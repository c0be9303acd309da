package backstep.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A replica of a target, as its {@code replicas:} in targets.yaml lists it: a name, a JDBC URL, a user and the
 * environment variable holding the password (never the password). Backstep only reads a replica's lag from it, and a
 * drill's {@code stall_replication} fault pauses and resumes its replay.
 */
public record ReplicaSpec(String name, String url, String user, String passwordEnv) {
  /** The URL without credentials, for output. */
  public String safeUrl() {
    return Redact.url(url);
  }

  /** A plain connection to the replica (not pooled: one sampler or one fault holds it). */
  public Connection connect(String applicationName) throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    String password = passwordEnv == null ? null : System.getenv(passwordEnv);
    if (passwordEnv != null && password == null) {
      throw new SQLException("environment variable " + passwordEnv + " is not set (it should hold the password for "
          + "replica '" + name + "')", "28000");
    }
    p.setProperty("password", password == null ? "" : password);
    if (url.startsWith("jdbc:postgresql:")) {
      p.setProperty("ApplicationName", applicationName);
      p.setProperty("connectTimeout", "10");
    } else {
      p.setProperty("connectTimeout", "10000");
    }
    return DriverManager.getConnection(url, p);
  }
}
