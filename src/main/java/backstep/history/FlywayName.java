package backstep.history;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a file in a Flyway location is, by its name alone, with Flyway's default naming: {@code V<version>__<desc>.sql}
 * (versioned), {@code U<version>__<desc>.sql} (undo), {@code R__<desc>.sql} (repeatable), {@code B<version>__…}
 * (baseline), SQL callbacks ({@code afterMigrate.sql}), Java and script migrations, script config
 * ({@code .sql.conf}). Prefixes are case-sensitive and the {@code .sql} suffix is not, as in Flyway.
 *
 * @param version the version as written in the name ({@code 1_10}); empty for a repeatable or a file that is not a
 *     migration
 * @param description the description as Flyway shows it: underscores become spaces
 * @param why for a file that is not imported, the reason in words
 */
record FlywayName(Kind kind, String version, String description, String why) {
  enum Kind { VERSIONED, UNDO, REPEATABLE, SCRIPT_CONFIG, SKIPPED, IGNORED }

  private static final String SEPARATOR = "__";
  private static final Pattern CALLBACK = Pattern.compile("((before|after)[A-Z][A-Za-z]*|createSchema)(__.*)?");
  private static final Set<String> JVM = Set.of("java", "class", "kt", "scala", "groovy");
  private static final Set<String> SCRIPTS = Set.of("sh", "bash", "cmd", "bat", "ps1", "py");

  static FlywayName of(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".sql.conf")) {
      return new FlywayName(Kind.SCRIPT_CONFIG, "", "", "");
    }
    int dot = fileName.lastIndexOf('.');
    String base = dot < 0 ? fileName : fileName.substring(0, dot);
    String ext = dot < 0 ? "" : lower.substring(dot + 1);
    boolean named = base.length() > 1 && "VURB".indexOf(base.charAt(0)) >= 0 && base.indexOf(SEPARATOR) > 0;
    if (JVM.contains(ext)) {
      return named ? skipped("a Java-based migration: Backstep imports SQL migrations only (write it as SQL in a "
          + "playbook by hand)") : ignored();
    }
    if (SCRIPTS.contains(ext)) {
      return named ? skipped("a script migration: Backstep imports SQL migrations only") : ignored();
    }
    if (!ext.equals("sql")) {
      return ignored();
    }
    if (CALLBACK.matcher(base).matches()) {
      return skipped("a Flyway SQL callback: it runs around every migrate, it is not a migration");
    }
    if (!named) {
      return skipped(notNamed(base));
    }
    char prefix = base.charAt(0);
    int sep = base.indexOf(SEPARATOR);
    String version = base.substring(1, sep);
    String description = base.substring(sep + SEPARATOR.length()).replace('_', ' ');
    return switch (prefix) {
      case 'V' -> new FlywayName(Kind.VERSIONED, version, description, "");
      case 'U' -> new FlywayName(Kind.UNDO, version, description, "");
      case 'R' -> version.isEmpty() ? new FlywayName(Kind.REPEATABLE, "", description, "")
          : skipped("a repeatable migration has no version (R__<description>.sql); Flyway skips this name");
      default -> skipped("a baseline migration: Flyway runs it instead of the versioned migrations up to its "
          + "version on an empty database; Backstep imports the versioned ones");
    };
  }

  private static String notNamed(String base) {
    if (base.length() > 1 && "vurb".indexOf(base.charAt(0)) >= 0 && base.indexOf(SEPARATOR) > 0) {
      return "Flyway's prefixes are capital letters (V, U, R), so Flyway skips this file";
    }
    if (base.length() > 1 && "VURB".indexOf(base.charAt(0)) >= 0 && Character.isDigit(base.charAt(1))) {
      return "no '__' between the version and the description, so Flyway skips this file";
    }
    return "not a Flyway migration name (V<version>__<description>.sql, U<version>__… for an undo, R__… for a "
        + "repeatable)";
  }

  private static FlywayName skipped(String why) {
    return new FlywayName(Kind.SKIPPED, "", "", why);
  }

  private static FlywayName ignored() {
    return new FlywayName(Kind.IGNORED, "", "", "");
  }
}
