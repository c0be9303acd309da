package backstep.history;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sqitch project's {@code sqitch.conf}, read as the git-config text it is: {@code [core]} and
 * {@code [engine "pg"]} sections of {@code key = value} lines, {@code #} and {@code ;} comments, quoted values.
 * Kept as {@code section.key} or {@code section.subsection.key} (section and key names in lower case, as git
 * compares them), each with the line it was set on.
 */
final class SqitchConfig {
  /** One setting's value and the line that set it (the last one wins, as in git). */
  record Value(String text, int line) {}

  private static final Pattern SECTION = Pattern.compile(
      "\\[\\s*([A-Za-z0-9.-]+)(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?\\s*]\\s*(?:[#;].*)?");
  private static final Pattern SETTING = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*(?:=(.*))?");

  private final Path file;
  private final Map<String, Value> values;

  private SqitchConfig(Path file, Map<String, Value> values) {
    this.file = file;
    this.values = values;
  }

  Path file() {
    return file;
  }

  boolean exists() {
    return Files.isRegularFile(file);
  }

  /** Reads {@code file}; a missing file is an empty configuration. */
  static SqitchConfig read(Path file) throws InvalidFileException {
    Map<String, Value> values = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return new SqitchConfig(file, values);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())));
    }
    List<Problem> problems = new ArrayList<>();
    String section = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int no = i + 1;
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      Matcher s = SECTION.matcher(line);
      if (s.matches()) {
        section = s.group(1).toLowerCase(Locale.ROOT) + (s.group(2) == null ? "" : "." + unescape(s.group(2)));
        continue;
      }
      Matcher m = SETTING.matcher(line);
      if (section == null || !m.matches()) {
        problems.add(new Problem(file, no, 1, "", section == null && m.matches()
            ? "a setting before any [section]" : "cannot read this line as a [section] or a key = value setting"));
        continue;
      }
      Optional<String> value = m.group(2) == null ? Optional.of("true") : value(m.group(2));
      if (value.isEmpty()) {
        problems.add(new Problem(file, no, 1, "", "unclosed quote in the value of " + m.group(1)));
        continue;
      }
      values.put(section + "." + m.group(1).toLowerCase(Locale.ROOT), new Value(value.get(), no));
    }
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems);
    }
    return new SqitchConfig(file, values);
  }

  Optional<Value> get(String key) {
    return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
  }

  /** A setting as Sqitch looks it up for an engine: {@code [engine "name"]} first, then {@code [core]}. */
  Optional<Value> setting(String engine, String key) {
    Optional<Value> v = engine == null ? Optional.empty() : Optional.ofNullable(values.get("engine." + engine
        + "." + key.toLowerCase(Locale.ROOT)));
    return v.isPresent() ? v : get("core." + key);
  }

  /** The engine names of the {@code [engine "…"]} sections. */
  List<String> engineSections() {
    return values.keySet().stream().filter(k -> k.startsWith("engine.") && k.indexOf('.', 7) > 0)
        .map(k -> k.substring(7, k.lastIndexOf('.'))).distinct().toList();
  }

  /** A value as git reads it: trimmed, comments cut outside quotes, quotes removed, escapes resolved. */
  private static Optional<String> value(String raw) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    String s = raw.strip();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else if (!quoted && (c == '#' || c == ';')) {
        break;
      } else {
        out.append(c);
      }
    }
    return quoted ? Optional.empty() : Optional.of(out.toString().strip());
  }

  private static String unescape(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }
}
