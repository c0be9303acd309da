package backstep.lint;

import java.util.Locale;

/** Identifier handling shared by the reader and the rules: unquoted, lower-cased, without schema. */
final class Names {
  private Names() {}

  /** {@code public."Orders"} → {@code orders}; null → empty. */
  static String table(String qualified) {
    if (qualified == null) {
      return "";
    }
    String s = qualified.strip();
    int dot = s.lastIndexOf('.');
    return plain(dot >= 0 ? s.substring(dot + 1) : s);
  }

  /** Strips quotes (", `, []) and lower-cases; null → empty. */
  static String plain(String name) {
    if (name == null) {
      return "";
    }
    return name.strip().replaceAll("^[\"`\\[]|[\"`\\]]$", "").toLowerCase(Locale.ROOT);
  }
}
