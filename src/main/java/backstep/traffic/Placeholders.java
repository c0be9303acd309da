package backstep.traffic;

import java.util.ArrayList;
import java.util.List;

/** Placeholders of a shape: {@code $n} (PostgreSQL) or {@code ?} (MySQL, numbered in order). */
final class Placeholders {
  private Placeholders() {
  }

  /** The number of a placeholder token; {@code ?} tokens are numbered by {@code seen}, their count so far. */
  static int number(SqlTokens.Token t, int seen) {
    return t.text().equals("?") ? seen + 1 : Integer.parseInt(t.text().substring(1));
  }

  static TrafficProfile.Jdbc jdbc(String sql) {
    List<SqlTokens.Token> tokens = SqlTokens.of(sql);
    StringBuilder out = new StringBuilder();
    List<Integer> binds = new ArrayList<>();
    int at = 0;
    for (SqlTokens.Token t : tokens) {
      if (t.type() == SqlTokens.Type.PARAM) {
        binds.add(number(t, binds.size()));
        out.append(sql, at, t.start()).append('?');
        at = t.end();
      }
    }
    out.append(sql.substring(at));
    return new TrafficProfile.Jdbc(out.toString(), binds);
  }
}
