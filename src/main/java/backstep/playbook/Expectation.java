package backstep.playbook;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What a verify query's single value must be: equal to a value ({@code expect: 1}, {@code expect: true},
 * {@code expect: active}, {@code expect: null}) or compared with a number ({@code expect: "> 1000"}).
 * Booleans match 1/0 too, because MySQL and MariaDB return numbers for boolean expressions. A verify may instead
 * expect only that it {@code runs}: any result passes, and only an error fails it (Sqitch's verify scripts).
 */
public record Expectation(Op op, String value) {

  public enum Op {
    EQ("="), NE("!="), GT(">"), GE(">="), LT("<"), LE("<="),
    /** The query runs without an error, whatever it returns; the engine fails it only on an error. */
    RUNS("runs");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** {@code expect: runs}: a verify passes when its query runs without an error. */
  public static final String RUNS_WORD = "runs";

  /**
   * Parses the text of {@code expect}; throws IllegalArgumentException for a comparison with a non-number. The word
   * {@code runs} is {@link Op#RUNS}; the text "runs" itself is written {@code "= runs"}.
   */
  public static Expectation parse(String text) {
    if (text == null) {
      return new Expectation(Op.EQ, null);
    }
    String t = text.trim();
    if (t.equals(RUNS_WORD)) {
      return new Expectation(Op.RUNS, null);
    }
    for (String sym : new String[] {">=", "<=", "!=", ">", "<", "="}) {
      if (t.startsWith(sym)) {
        String rest = t.substring(sym.length()).trim();
        Op op = switch (sym) {
          case ">=" -> Op.GE;
          case "<=" -> Op.LE;
          case "!=" -> Op.NE;
          case ">" -> Op.GT;
          case "<" -> Op.LT;
          default -> Op.EQ;
        };
        if (op != Op.EQ && op != Op.NE) {
          new BigDecimal(rest); // validates
        }
        return new Expectation(op, rest);
      }
    }
    return new Expectation(Op.EQ, t);
  }

  /** Whether any result passes: only an error running the query fails it. */
  public boolean onlyRuns() {
    return op == Op.RUNS;
  }

  public boolean matches(Object actual) {
    if (op == Op.RUNS) {
      return true;
    }
    boolean eq = equalsValue(actual);
    return switch (op) {
      case EQ -> eq;
      case NE -> !eq;
      default -> {
        BigDecimal a = number(actual);
        if (a == null) {
          yield false;
        }
        int c = a.compareTo(new BigDecimal(value));
        yield switch (op) {
          case GT -> c > 0;
          case GE -> c >= 0;
          case LT -> c < 0;
          default -> c <= 0;
        };
      }
    };
  }

  private boolean equalsValue(Object actual) {
    if (value == null || value.equalsIgnoreCase("null")) {
      return actual == null;
    }
    if (actual == null) {
      return false;
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      boolean want = v.equals("true");
      if (actual instanceof Boolean b) {
        return b == want;
      }
      BigDecimal n = number(actual);
      return n != null && n.compareTo(want ? BigDecimal.ONE : BigDecimal.ZERO) == 0;
    }
    BigDecimal a = number(actual);
    if (a != null) {
      try {
        return a.compareTo(new BigDecimal(value)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return String.valueOf(actual).equals(value);
  }

  private static BigDecimal number(Object o) {
    if (o instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (o instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (o instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public String describe() {
    if (op == Op.RUNS) {
      return "runs without an error";
    }
    return (op == Op.EQ ? "= " : op.symbol() + " ") + (value == null ? "null" : value);
  }
}
