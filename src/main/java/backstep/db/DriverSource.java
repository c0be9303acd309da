package backstep.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool's connections straight from one driver. HikariCP given a JDBC URL asks {@code DriverManager} for the driver,
 * and {@code DriverManager} first loads every driver on the class path: a PostgreSQL command loaded MySQL's driver,
 * which starts a cleanup thread of its own. This does what HikariCP's own URL data source does (the same properties,
 * the login timeout kept where the driver reads it) with the one driver the URL names. A URL the driver does not
 * accept is refused in {@code DriverManager}'s words, so the user reads what they read before.
 */
final class DriverSource implements DataSource {
  private final Driver driver;
  private final String url;
  private final Properties properties;

  DriverSource(Driver driver, String url, Properties properties) throws SQLException {
    if (!driver.acceptsURL(url)) {
      throw noSuitableDriver();
    }
    this.driver = driver;
    this.url = url;
    this.properties = properties;
  }

  private static SQLException noSuitableDriver() {
    return new SQLException("No suitable driver", "08001");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(null, null);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties p = (Properties) properties.clone();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    Connection c = driver.connect(url, p);
    if (c == null) {
      throw noSuitableDriver();
    }
    return c;
  }

  /** Where HikariCP's URL data source keeps it, and where pgjdbc reads it when the URL sets no login timeout. */
  @Override
  public void setLoginTimeout(int seconds) {
    DriverManager.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() {
    return DriverManager.getLoginTimeout();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return driver.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
