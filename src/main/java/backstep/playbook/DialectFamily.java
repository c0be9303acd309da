package backstep.playbook;

import java.util.Locale;
import java.util.Optional;

/**
 * The SQL family a playbook's statements are written for. MYSQL covers MySQL and MariaDB; the sandbox is POSTGRESQL.
 */
public enum DialectFamily {
  POSTGRESQL("postgresql"),
  MYSQL("mysql");

  private final String key;

  DialectFamily(String key) {
    this.key = key;
  }

  /** The key used in playbooks for a dialect variant (postgresql:, mysql:). */
  public String key() {
    return key;
  }

  /** Looks a family up by playbook key, case-insensitively; also accepts "postgres" and "mariadb". */
  public static Optional<DialectFamily> fromKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return switch (key.strip().toLowerCase(Locale.ROOT)) {
      case "postgresql", "postgres" -> Optional.of(POSTGRESQL);
      case "mysql", "mariadb" -> Optional.of(MYSQL);
      default -> Optional.empty();
    };
  }
}
