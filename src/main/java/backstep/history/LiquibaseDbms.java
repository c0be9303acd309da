package backstep.history;

import backstep.playbook.DialectFamily;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Liquibase's {@code dbms} filters ({@code postgresql}, {@code mysql,mariadb}, {@code !h2}, {@code all},
 * {@code none}) read as Backstep's SQL families. Liquibase matches the database's short name: {@code postgresql},
 * {@code mysql} or {@code mariadb}; Backstep's MySQL family covers the last two.
 */
final class LiquibaseDbms {
  private LiquibaseDbms() {}

  /** Whether the filter says nothing (no {@code dbms}, or a blank one). */
  static boolean unspecified(String dbms) {
    return dbms == null || dbms.isBlank();
  }

  /** The families a filter lets in; every family when it says nothing. */
  static Set<DialectFamily> families(String dbms) {
    Set<DialectFamily> out = EnumSet.noneOf(DialectFamily.class);
    for (DialectFamily f : DialectFamily.values()) {
      if (names(f).stream().anyMatch(n -> matches(dbms, n))) {
        out.add(f);
      }
    }
    return out;
  }

  /** Whether the filter lets {@code f} in, fully (MySQL and MariaDB both, for the MySQL family). */
  static boolean whole(String dbms, DialectFamily f) {
    return names(f).stream().allMatch(n -> matches(dbms, n));
  }

  /** The Liquibase short names of the databases a family covers. */
  static List<String> names(DialectFamily f) {
    return f == DialectFamily.POSTGRESQL ? List.of("postgresql") : List.of("mysql", "mariadb");
  }

  /** Liquibase's rule: {@code all} wins, {@code none} loses, {@code !x} excludes, listed names include. */
  static boolean matches(String dbms, String shortName) {
    if (unspecified(dbms)) {
      return true;
    }
    List<String> items = new ArrayList<>();
    for (String s : dbms.split(",")) {
      if (!s.isBlank()) {
        items.add(s.strip().toLowerCase(Locale.ROOT));
      }
    }
    if (items.contains("all")) {
      return true;
    }
    if (items.contains("none") || items.contains("!" + shortName)) {
      return false;
    }
    List<String> positive = items.stream().filter(s -> !s.startsWith("!")).toList();
    return positive.isEmpty() || positive.contains(shortName);
  }
}
