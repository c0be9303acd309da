package backstep.integrity;

import java.util.Locale;
import java.util.regex.Pattern;

/** Spells column types the same way whichever catalog they came from: {@code varchar(200)}, {@code bigint}. */
final class TypeNames {
  private static final Pattern INT_WIDTH = Pattern.compile("^(tinyint|smallint|mediumint|int|bigint)\\(\\d+\\)");

  /** PostgreSQL's long spellings and their short forms, applied in this order (compiled once: a catalog read spells
   * every column of every table it reads). */
  private static final Pattern[] PG_LONG = {
    Pattern.compile("^character varying"),
    Pattern.compile("^character"),
    Pattern.compile("^timestamp(\\(\\d+\\))? without time zone"),
    Pattern.compile("^timestamp(\\(\\d+\\))? with time zone"),
    Pattern.compile("^time(\\(\\d+\\))? without time zone"),
    Pattern.compile("^time(\\(\\d+\\))? with time zone"),
    Pattern.compile("^bit varying"),
  };
  private static final String[] PG_SHORT = {
    "varchar", "char", "timestamp$1", "timestamptz$1", "time$1", "timetz$1", "varbit",
  };

  private TypeNames() {}

  /** PostgreSQL's {@code format_type()} output, shortened to the names people type. */
  static String postgres(String formatted) {
    if (!formatted.startsWith("character") && !formatted.startsWith("time") && !formatted.startsWith("bit varying")) {
      return formatted; // the common case: nothing to shorten
    }
    String t = formatted;
    for (int i = 0; i < PG_LONG.length; i++) {
      t = PG_LONG[i].matcher(t).replaceFirst(PG_SHORT[i]);
    }
    return t;
  }

  /** MySQL/MariaDB's {@code COLUMN_TYPE}: {@code tinyint(1)} is boolean, integer display widths go. */
  static String mysql(String columnType) {
    String t = columnType.toLowerCase(Locale.ROOT).strip();
    if (t.equals("tinyint(1)")) {
      return "boolean";
    }
    t = INT_WIDTH.matcher(t).replaceFirst("$1");
    return t.equals("int") || t.startsWith("int ") ? "integer" + t.substring(3) : t;
  }
}
