package backstep.playbook;

import backstep.playbook.YamlTree.MapNode;
import backstep.playbook.YamlTree.Node;
import backstep.playbook.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one SQL field of a playbook — a string, or a mapping of dialect to string — into statements that keep their
 * line in the file, and reports unknown dialects and placeholders at the field's path. Text only: no connection.
 */
final class SqlTextReader implements PlaybookSections.SqlReader {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Set<String> PLACEHOLDERS = Set.of("batch_size", "schema");
  private static final Pattern BLOCK_INDICATOR = Pattern.compile(".*[|>][-+0-9]*\\s*(#.*)?$");

  private final String[] lines;
  private final YamlObject.Problems problems;
  private final Set<DialectFamily> dialects;

  /**
   * @param lines the file's lines, to tell a block scalar (whose text starts on the next line) from a plain one
   * @param dialects the playbook's {@code dialects:}; empty when it declares none (then plain SQL is for every
   *     family)
   */
  SqlTextReader(String[] lines, YamlObject.Problems problems, Set<DialectFamily> dialects) {
    this.lines = lines;
    this.problems = problems;
    this.dialects = Set.copyOf(dialects);
  }

  /** The families the playbook declares; empty when it declares none. */
  Set<DialectFamily> dialects() {
    return dialects;
  }

  /** The declared families, as written in messages: {@code [postgresql, mysql]}. */
  String declared() {
    return EnumSet.copyOf(dialects).stream().map(DialectFamily::key).toList().toString();
  }

  private boolean declares(DialectFamily f) {
    return dialects.isEmpty() || dialects.contains(f);
  }

  @Override
  public SqlText read(Node n, String at) {
    Map<DialectFamily, List<SqlText.Stmt>> variants = new EnumMap<>(DialectFamily.class);
    if (n instanceof ScalarNode s && !s.isNull()) {
      for (DialectFamily f : DialectFamily.values()) {
        if (declares(f)) {
          variants.put(f, split(s, at, f));
        }
      }
    } else if (n instanceof MapNode m) {
      for (YamlTree.Entry e : m.entries().values()) {
        Optional<DialectFamily> f = DialectFamily.fromKey(e.key());
        if (f.isEmpty()) {
          problems.add(e.line(), e.column(), at + "." + e.key(), "unknown SQL dialect (use postgresql or mysql)");
        } else if (!declares(f.get())) {
          problems.add(e.line(), e.column(), at + "." + e.key(), "SQL for " + f.get().key() + ", but the playbook's "
              + "dialects are " + declared() + " (add " + f.get().key() + " to dialects, or remove this variant)");
        } else if (e.value() instanceof ScalarNode s && !s.isNull()) {
          variants.put(f.get(), split(s, at + "." + e.key(), f.get()));
        } else {
          problems.add(e.value(), at + "." + e.key(), "expected SQL text, found " + e.value().describe());
        }
      }
    } else {
      problems.add(n, at, "expected SQL text or a mapping of dialect to SQL, found " + n.describe());
    }
    return new SqlText(variants);
  }

  private List<SqlText.Stmt> split(ScalarNode s, String at, DialectFamily f) {
    int base = s.line() + (isBlockScalar(s.line()) ? 1 : 0);
    try {
      List<SqlText.Stmt> out = new ArrayList<>();
      for (SqlSplitter.Statement st : SqlSplitter.split(s.text(), f)) {
        out.add(new SqlText.Stmt(st.sql(), base + st.line() - 1));
      }
      if (out.isEmpty()) {
        problems.add(s, at, "no SQL statement");
      }
      java.util.regex.Matcher m = PLACEHOLDER.matcher(s.text());
      while (m.find()) {
        if (!PLACEHOLDERS.contains(m.group(1)) && !m.group(1).startsWith("recovery.")) {
          problems.add(s, at, "unknown placeholder ${" + m.group(1) + "} (known: ${batch_size}, ${schema}, "
              + "${recovery.<snapshot step id>})");
          break;
        }
      }
      return out;
    } catch (IllegalArgumentException e) {
      problems.add(s, at, e.getMessage());
      return List.of();
    }
  }

  private boolean isBlockScalar(int line) {
    return line >= 1 && line <= lines.length && BLOCK_INDICATOR.matcher(lines[line - 1]).matches();
  }
}
