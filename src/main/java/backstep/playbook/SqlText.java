package backstep.playbook;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL for one purpose (forward, rollback, a verify query), split into statements, per SQL family. A playbook may
 * write one text for all families or one per family ({@code postgresql:}, {@code mysql:}).
 */
public record SqlText(Map<DialectFamily, List<Stmt>> variants) {
  private static final Pattern NO_TRANSACTION =
      Pattern.compile("\\b(CONCURRENTLY|VACUUM|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM)\\b",
          Pattern.CASE_INSENSITIVE);

  /** One statement and the line of the playbook file it starts on. */
  public record Stmt(String sql, int line) {
    public boolean batched() {
      return sql.contains(SqlStep.BATCH_PLACEHOLDER);
    }
  }

  public SqlText {
    EnumMap<DialectFamily, List<Stmt>> copy = new EnumMap<>(DialectFamily.class);
    variants.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    variants = Collections.unmodifiableMap(copy);
  }

  public Set<DialectFamily> families() {
    return variants.keySet();
  }

  /** The statements for a family; an empty list when the playbook has no variant for it. */
  public List<Stmt> statements(DialectFamily family) {
    return variants.getOrDefault(family, List.of());
  }

  /** Whether any statement for the family cannot run inside a transaction block, or is batched. */
  public boolean needsAutocommit(DialectFamily family) {
    return statements(family).stream().anyMatch(s -> s.batched() || NO_TRANSACTION.matcher(s.sql()).find());
  }

  /** The statements joined back as text (for display). */
  public String display(DialectFamily family) {
    StringBuilder b = new StringBuilder();
    for (Stmt s : statements(family)) {
      b.append(s.sql()).append(";\n");
    }
    return b.toString().stripTrailing();
  }
}
