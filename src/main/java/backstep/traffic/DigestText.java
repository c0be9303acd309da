package backstep.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a MariaDB/MySQL statement digest runnable again. A digest shortens what it normalises: a run of values
 * becomes {@code ?, ...}, a list of nothing but values {@code (...)}, and {@code CURRENT_TIMESTAMP} prints as
 * {@code NOW} without parentheses, and a call as {@code NOW ( )}. An INSERT's tuples are widened back to the number
 * of columns (its column list, else the table's), other runs become one placeholder, niladic functions get their
 * parentheses and a name its opening parenthesis.
 */
final class DigestText {
  private static final Pattern NILADIC = Pattern.compile("(?i)\\b(NOW|CURDATE|CURTIME|UTC_TIMESTAMP|UTC_DATE|"
      + "UTC_TIME|LOCALTIME|LOCALTIMESTAMP|SYSDATE)\\b(?!\\s*\\()");
  private static final Pattern INSERT = Pattern.compile("(?is)^\\s*(INSERT|REPLACE)\\s+(IGNORE\\s+)?INTO\\s+"
      + "((?:`[^`]+`|\\w+)(?:\\s*\\.\\s*(?:`[^`]+`|\\w+))?)\\s*(\\(.*?\\))?\\s*VALUES\\s*(.*)$");
  private static final String RUN = "?, ...";
  /** A digest writes {@code NOW ( )}; without IGNORE_SPACE, MariaDB takes {@code NOW (} for a stored function. */
  private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s+\\(");

  private DigestText() {
  }

  /** @param tableWidth the number of columns of a table (as the digest names it), 0 when unknown */
  static String repair(String digest, ToIntFunction<String> tableWidth) {
    String sql = NILADIC.matcher(CALL.matcher(digest.strip()).replaceAll("$1(")).replaceAll("$1()")
        .replace("(...)", "(?)");
    Matcher m = INSERT.matcher(sql);
    if (m.matches() && sql.contains("...")) {
      int width = m.group(4) != null ? topLevelItems(m.group(4).substring(1, m.group(4).length() - 1)).size()
          : tableWidth.applyAsInt(m.group(3).replace("`", "").replaceAll("\\s", ""));
      StringBuilder values = new StringBuilder();
      String rest = m.group(5);
      int depth = 0;
      int open = -1;
      int at = 0;
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '(' && depth++ == 0) {
          open = i;
        } else if (c == ')' && --depth == 0) {
          values.append(rest, at, open).append('(').append(widen(rest.substring(open + 1, i), width)).append(')');
          at = i + 1;
        }
      }
      values.append(rest.substring(at));
      sql = sql.substring(0, m.start(5)) + values;
    }
    return sql.replace(RUN, "?");
  }

  /**
   * One VALUES tuple with its runs of values widened so the tuple has {@code width} items: {@code ?, ...} is two or
   * more values, a {@code ...} after anything else one or more; with several runs the first ones get their least and
   * the last one the rest.
   */
  private static String widen(String tuple, int width) {
    List<String> items = topLevelItems(tuple);
    if (!items.contains("...") || width == 0) {
      return tuple;
    }
    List<List<String>> parts = new ArrayList<>(); // fixed items as lists of one, runs as empty lists
    List<Integer> least = new ArrayList<>();
    int fixed = 0;
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).equals("...")) {
        boolean withValue = !parts.isEmpty() && parts.get(parts.size() - 1).equals(List.of("?"));
        if (withValue) {
          parts.remove(parts.size() - 1);
          least.remove(least.size() - 1);
          fixed--;
        }
        parts.add(new ArrayList<>());
        least.add(withValue ? 2 : 1);
      } else {
        parts.add(List.of(items.get(i)));
        least.add(0);
        fixed++;
      }
    }
    int runs = (int) parts.stream().filter(List::isEmpty).count();
    int minimum = least.stream().mapToInt(Integer::intValue).sum();
    int left = width - fixed;
    if (left < minimum) {
      return tuple;
    }
    List<String> out = new ArrayList<>();
    int seen = 0;
    for (int i = 0; i < parts.size(); i++) {
      if (!parts.get(i).isEmpty()) {
        out.addAll(parts.get(i));
        continue;
      }
      seen++;
      int n = seen == runs ? left : least.get(i);
      left -= n;
      out.addAll(Collections.nCopies(n, "?"));
    }
    return " " + String.join(" , ", out) + " ";
  }

  private static List<String> topLevelItems(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(s.substring(from, i).strip());
        from = i + 1;
      }
    }
    String last = s.substring(from).strip();
    if (!last.isEmpty() || !out.isEmpty()) {
      out.add(last);
    }
    return out;
  }
}
