package backstep.integrity;

import java.util.Locale;
import java.util.regex.Pattern;

/** Spells column types the same way whichever catalog they came from: {@code varchar(200)}, {@code bigint}. */
final class TypeNames {
  private static final Pattern INT_WIDTH = Pattern.compile("^(tinyint|smallint|mediumint|int|bigint)\\(\\d+\\)");

  private TypeNames() {}

  /** PostgreSQL's {@code format_type()} output, shortened to the names people type. */
  static String postgres(String formatted) {
    return formatted
        .replaceAll("^character varying", "varchar")
        .replaceAll("^character", "char")
        .replaceAll("^timestamp(\\(\\d+\\))? without time zone", "timestamp$1")
        .replaceAll("^timestamp(\\(\\d+\\))? with time zone", "timestamptz$1")
        .replaceAll("^time(\\(\\d+\\))? without time zone", "time$1")
        .replaceAll("^time(\\(\\d+\\))? with time zone", "timetz$1")
        .replaceAll("^bit varying", "varbit");
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
