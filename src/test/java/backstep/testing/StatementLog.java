package backstep.testing;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Test only: every statement text a MySQL Connector/J connection sends, for a test to count what a command sent to
 * MariaDB. Put on a connection with {@link #URL_SUFFIX} after the database's URL; {@link #take} returns and forgets
 * what was logged since the last take (every connection of the JVM that has it).
 */
public final class StatementLog implements QueryInterceptor {
  /** Appended to a {@code jdbc:mysql:} URL: that connection's statements are logged. */
  public static final String URL_SUFFIX = "?queryInterceptors=" + StatementLog.class.getName();

  private static final List<String> SENT = Collections.synchronizedList(new ArrayList<>());

  /** The statements logged since the last call, in order. */
  public static List<String> take() {
    synchronized (SENT) {
      List<String> out = List.copyOf(SENT);
      SENT.clear();
      return out;
    }
  }

  @Override
  public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
    return this;
  }

  @Override
  public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
    String text = sql.get();
    if (text != null) {
      SENT.add(text);
    }
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {
  }

  @Override
  public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T rs, ServerSession session) {
    return null;
  }
}
