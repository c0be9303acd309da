package backstep.db;

import backstep.playbook.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Adds, replaces and removes one target of a {@code targets.yaml} by editing its text: the rest of the file (the
 * policy, the other targets, comments) stays as it was. A password is never written — the target names the
 * environment variable holding it ({@code password_env}), or none. The edited text is read back with
 * {@link Targets#load} before it replaces the file, so an edit never leaves a file the CLI cannot read.
 */
public final class TargetsFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private TargetsFile() {
  }

  /** Why {@code t} cannot be written, or null: the name, URL and password variable checked as the loader would. */
  public static String problem(TargetSpec t) {
    if (t.name() == null || !NAME.matcher(t.name()).matches()) {
      return "name: letters, digits, '.', '_' or '-' (up to 63), starting with a letter or digit";
    }
    if (TargetSpec.SANDBOX.equals(t.name())) {
      return "name: 'sandbox' is the built-in embedded database; choose another name";
    }
    if (t.url() == null || t.url().isBlank()) {
      return "url: required (jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db or jdbc:mariadb://…)";
    }
    try {
      Dialect.familyOf(t.url());
    } catch (IllegalArgumentException e) {
      return "url: " + e.getMessage();
    }
    List<String> urlProblems = JdbcUrls.problems(t.url());
    if (!urlProblems.isEmpty()) {
      return "url: " + urlProblems.get(0).replace("name an environment variable",
          "name an environment variable in 'password from variable'");
    }
    if (t.passwordEnv() != null && !ENV_VAR.matcher(t.passwordEnv()).matches()) {
      return "password variable: a variable name such as ORDERS_DB_PASSWORD";
    }
    return null;
  }

  /**
   * Writes {@code target} into {@code file} (created if missing), in place of the target called {@code replacing}
   * (null to add); fails with the loader's own words if the result would not load.
   */
  public static Targets save(Path file, String replacing, TargetSpec target) throws IOException,
      InvalidFileException {
    String why = problem(target);
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
    List<String> lines = read(file);
    if (replacing != null) {
      lines = without(lines, replacing);
    }
    if (!without(lines, target.name()).equals(lines)) {
      throw new IllegalArgumentException("name: a target called '" + target.name() + "' is already in " + file);
    }
    int at = targetsLine(lines);
    String indent = "  ";
    if (at < 0) {
      if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
        lines.add("");
      }
      lines.add("targets:");
      at = lines.size() - 1;
    } else {
      indent = childIndent(lines, at);
    }
    List<String> block = new ArrayList<>();
    block.add(indent + target.name() + ":");
    String in = indent + indent;
    block.add(in + "url: " + quoted(target.url()));
    if (target.user() != null && !target.user().isBlank()) {
      block.add(in + "user: " + quoted(target.user()));
    }
    if (target.passwordEnv() != null) {
      block.add(in + "password_env: " + target.passwordEnv());
    }
    block.add(in + "environment: " + target.environment().key());
    if (target.ledger() != null) {
      block.add(in + "ledger: " + quoted(target.ledger()));
    }
    lines.addAll(endOfBlock(lines, at), block);
    return write(file, lines);
  }

  /** Removes the target called {@code name} from {@code file}. */
  public static Targets remove(Path file, String name) throws IOException, InvalidFileException {
    List<String> lines = read(file);
    List<String> out = without(lines, name);
    if (out.equals(lines)) {
      throw new IllegalArgumentException("no target called '" + name + "' in " + file);
    }
    return write(file, out);
  }

  private static List<String> read(Path file) throws IOException {
    return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
  }

  /** Checks the text with the loader on a copy beside the file, then moves it over the file. */
  private static Targets write(Path file, List<String> lines) throws IOException, InvalidFileException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".targets-", ".yaml");
    try {
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Targets.load(tmp);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Targets.load(file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static int targetsLine(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("targets:\\s*(#.*)?")) {
        return i;
      }
    }
    return -1;
  }

  private static int indentOf(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static boolean content(String line) {
    String t = line.trim();
    return !t.isEmpty() && !t.startsWith("#");
  }

  /** The indentation of the first target under {@code targets:} (two spaces when there is none). */
  private static String childIndent(List<String> lines, int at) {
    for (int i = at + 1; i < lines.size(); i++) {
      if (content(lines.get(i))) {
        int n = indentOf(lines.get(i));
        return n > 0 ? " ".repeat(n) : "  ";
      }
    }
    return "  ";
  }

  /** The index after the last content line of the block opened at {@code at} (blank lines after it stay after). */
  private static int endOfBlock(List<String> lines, int at) {
    int level = indentOf(lines.get(at));
    int end = at + 1;
    for (int i = at + 1; i < lines.size(); i++) {
      if (content(lines.get(i))) {
        if (indentOf(lines.get(i)) <= level) {
          break;
        }
        end = i + 1;
      }
    }
    return end;
  }

  /** {@code lines} without the block of the target called {@code name} under {@code targets:}. */
  private static List<String> without(List<String> lines, String name) {
    int at = targetsLine(lines);
    if (at < 0) {
      return lines;
    }
    int level = -1;
    for (int i = at + 1; i < endOfBlock(lines, at); i++) {
      String line = lines.get(i);
      if (!content(line)) {
        continue;
      }
      if (level < 0) {
        level = indentOf(line);
      }
      String key = line.trim().replaceFirst("\\s+#.*$", "");
      if (indentOf(line) == level && (key.equals(name + ":") || key.equals(quoted(name) + ":"))) {
        List<String> out = new ArrayList<>(lines.subList(0, i));
        out.addAll(lines.subList(endOfBlock(lines, i), lines.size()));
        return out;
      }
    }
    return lines;
  }

  /** A YAML scalar in double quotes (backslashes and quotes escaped): a URL's {@code ?} or {@code :} stay text. */
  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** For messages: the environment class keys, in order. */
  public static String classes() {
    return String.join(", ", java.util.Arrays.stream(EnvironmentClass.values())
        .map(e -> e.key().toLowerCase(Locale.ROOT)).toList());
  }
}
