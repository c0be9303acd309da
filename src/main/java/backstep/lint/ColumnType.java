package backstep.lint;

import backstep.playbook.DialectFamily;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type, normalised so aliases compare equal ({@code int4} = {@code integer}, {@code character varying} =
 * {@code varchar}), and the knowledge of which type changes a database does in place.
 *
 * @param args the type's arguments (length, precision and scale), as written
 */
record ColumnType(String name, List<String> args) {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
      Map.entry("int2", "smallint"), Map.entry("character varying", "varchar"), Map.entry("bool", "boolean"),
      Map.entry("decimal", "numeric"), Map.entry("float8", "double precision"), Map.entry("float4", "real"),
      Map.entry("timestamp with time zone", "timestamptz"), Map.entry("character", "char"));
  private static final Pattern WITH_ARGS = Pattern.compile("(.+?)\\s*\\((.*)\\)");
  /** utf8mb4 needs up to 4 bytes a character; MySQL stores a length byte for up to 255 bytes, two beyond. */
  private static final int MYSQL_ONE_LENGTH_BYTE_CHARS = 63;

  /** JSqlParser gives {@code varchar (100)} as the data type, or the arguments apart; both are accepted. */
  static ColumnType of(String dataType, List<String> args) {
    String n = dataType.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    List<String> a = args == null ? List.of() : args.stream().map(String::strip).toList();
    Matcher m = WITH_ARGS.matcher(n);
    if (m.matches()) {
      n = m.group(1).strip();
      a = Arrays.stream(m.group(2).split(",")).map(String::strip).toList();
    }
    return new ColumnType(ALIASES.getOrDefault(n, n), a);
  }

  @Override
  public String toString() {
    return args.isEmpty() ? name : name + "(" + String.join(",", args) + ")";
  }

  /** Whether changing a column from {@code from} to {@code to} rewrites (PostgreSQL) or copies (MySQL) the table. */
  static boolean rewrites(ColumnType from, ColumnType to, DialectFamily family) {
    if (from.equals(to)) {
      return false;
    }
    boolean varchars = from.name.equals("varchar") && to.name.equals("varchar");
    if (family == DialectFamily.POSTGRESQL) {
      if (varchars || (from.name.equals("numeric") && to.name.equals("numeric"))) {
        return !widens(from, to);
      }
      boolean textual = from.name.equals("varchar") || from.name.equals("text");
      return !(textual && (to.name.equals("text") || (to.name.equals("varchar") && to.args.isEmpty())));
    }
    if (varchars && !from.args.isEmpty() && !to.args.isEmpty() && widens(from, to)) {
      int a = Integer.parseInt(from.args.get(0).strip());
      int b = Integer.parseInt(to.args.get(0).strip());
      return (a <= MYSQL_ONE_LENGTH_BYTE_CHARS) != (b <= MYSQL_ONE_LENGTH_BYTE_CHARS);
    }
    return true;
  }

  /** Same type with room for at least the old values: no limit, or every argument at least as large, same scale. */
  private static boolean widens(ColumnType from, ColumnType to) {
    if (to.args.isEmpty()) {
      return true;
    }
    if (from.args.isEmpty() || from.args.size() != to.args.size()) {
      return false;
    }
    try {
      if (Integer.parseInt(to.args.get(0).strip()) < Integer.parseInt(from.args.get(0).strip())) {
        return false;
      }
      return from.args.size() < 2 || from.args.get(1).strip().equals(to.args.get(1).strip());
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
