package backstep.playbook;

import backstep.playbook.YamlTree.Entry;
import backstep.playbook.YamlTree.ListNode;
import backstep.playbook.YamlTree.MapNode;
import backstep.playbook.YamlTree.Node;
import backstep.playbook.YamlTree.ScalarNode;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, path-aware reads from a YAML mapping. Every wrong type or missing field is recorded with its position
 * and field path, and reading goes on, so a file's problems are all reported in one pass. {@link #finish()}
 * reports the keys nobody asked for.
 */
public final class YamlObject {
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  /** Collects the problems of one file. */
  public static final class Problems {
    private final Path file;
    private final List<Problem> list = new ArrayList<>();

    public Problems(Path file) {
      this.file = file;
    }

    public void add(int line, int column, String path, String message) {
      list.add(new Problem(file, line, column, path, message));
    }

    public void add(Node at, String path, String message) {
      add(at.line(), at.column(), path, message);
    }

    public List<Problem> list() {
      return list;
    }

    public boolean isEmpty() {
      return list.isEmpty();
    }

    public Path file() {
      return file;
    }
  }

  private final MapNode node;
  private final String path;
  private final Problems problems;
  private final Set<String> read = new HashSet<>();
  private final Set<String> hidden = new HashSet<>();

  private YamlObject(MapNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** The mapping at {@code node}, or empty (with a problem recorded) when it is something else. */
  public static Optional<YamlObject> of(Node node, String path, Problems problems) {
    if (node instanceof MapNode m) {
      return Optional.of(new YamlObject(m, path, problems));
    }
    problems.add(node, path, "expected a mapping of fields, found " + node.describe());
    return Optional.empty();
  }

  public String path() {
    return path;
  }

  public Node node() {
    return node;
  }

  public Problems problems() {
    return problems;
  }

  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    Entry e = node.entries().get(key);
    return e != null && !(e.value() instanceof ScalarNode s && s.isNull());
  }

  /** Marks a key as handled (reported elsewhere) without listing it among the allowed keys. */
  public Optional<Node> reserved(String key) {
    hidden.add(key);
    return get(key);
  }

  /** Whether the field is written at all, even as an explicit null ({@code expect: null}). */
  public boolean written(String key) {
    return node.entries().containsKey(key);
  }

  /** The raw node of a field, marking it read. */
  public Optional<Node> get(String key) {
    read.add(key);
    Entry e = node.entries().get(key);
    if (e == null || (e.value() instanceof ScalarNode s && s.isNull())) {
      return Optional.empty();
    }
    return Optional.of(e.value());
  }

  public Optional<Node> required(String key) {
    Optional<Node> n = get(key);
    if (n.isEmpty()) {
      problems.add(node, child(key), "missing");
    }
    return n;
  }

  public Optional<String> string(String key) {
    return get(key).flatMap(n -> scalarText(n, child(key)));
  }

  public Optional<String> requiredString(String key) {
    return required(key).flatMap(n -> scalarText(n, child(key)));
  }

  public Optional<Integer> integer(String key) {
    return get(key).flatMap(n -> integer(n, child(key)));
  }

  public Optional<Long> longValue(String key) {
    return get(key).flatMap(n -> wholeNumber(n, child(key), Long.MAX_VALUE));
  }

  public Optional<Boolean> bool(String key) {
    return get(key).flatMap(n -> {
      if (n instanceof ScalarNode s && (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE)) {
        return Optional.of(s.token() == JsonToken.VALUE_TRUE);
      }
      problems.add(n, child(key), "expected true or false, found " + shown(n));
      return Optional.empty();
    });
  }

  /** A duration written with a unit: {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}. */
  public Optional<Duration> duration(String key) {
    return get(key).flatMap(n -> {
      Optional<String> text = scalarText(n, child(key));
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Matcher m = DURATION.matcher(text.get().trim());
      if (!m.matches()) {
        problems.add(n, child(key), "expected a duration with a unit (500ms, 2s, 5m), found '" + text.get() + "'");
        return Optional.empty();
      }
      double v = Double.parseDouble(m.group(1));
      long ms = switch (m.group(2)) {
        case "ms" -> (long) v;
        case "s" -> (long) (v * 1000);
        case "m" -> (long) (v * 60_000);
        default -> (long) (v * 3_600_000);
      };
      return Optional.of(Duration.ofMillis(ms));
    });
  }

  /** A list of strings; a single string is accepted as a one-item list. */
  public List<String> strings(String key) {
    Optional<Node> n = get(key);
    if (n.isEmpty()) {
      return List.of();
    }
    if (n.get() instanceof ScalarNode) {
      return scalarText(n.get(), child(key)).map(List::of).orElse(List.of());
    }
    List<String> out = new ArrayList<>();
    List<Node> items = list(n.get(), child(key));
    for (int i = 0; i < items.size(); i++) {
      scalarText(items.get(i), child(key) + "[" + i + "]").ifPresent(out::add);
    }
    return out;
  }

  /** The items of a list node, or empty with a problem when it is not a list. */
  public List<Node> list(Node n, String at) {
    if (n instanceof ListNode l) {
      return l.items();
    }
    problems.add(n, at, "expected a list, found " + n.describe());
    return List.of();
  }

  public Optional<String> scalarText(Node n, String at) {
    if (n instanceof ScalarNode s && !s.isNull()) {
      return Optional.of(s.text());
    }
    problems.add(n, at, "expected text, found " + n.describe());
    return Optional.empty();
  }

  private Optional<Integer> integer(Node n, String at) {
    return wholeNumber(n, at, Integer.MAX_VALUE).map(Long::intValue);
  }

  /**
   * A whole number in decimal digits between {@code -max - 1} and {@code max}. YAML also reads {@code 0x10},
   * {@code 0o17}, {@code 0b101} and {@code 1_000} as integers; a playbook field takes plain digits only, and one out
   * of range is a problem at its position, never an exception (regression: issue 14, item 6).
   */
  private Optional<Long> wholeNumber(Node n, String at, long max) {
    if (!(n instanceof ScalarNode s) || s.token() != JsonToken.VALUE_NUMBER_INT) {
      problems.add(n, at, "expected a whole number, found " + shown(n));
      return Optional.empty();
    }
    if (!DECIMAL.matcher(s.text()).matches()) {
      problems.add(n, at, "write a whole number in decimal digits, found '" + s.text() + "'");
      return Optional.empty();
    }
    try {
      long v = Long.parseLong(s.text());
      if (v <= max && v >= -max - 1) {
        return Optional.of(v);
      }
    } catch (NumberFormatException e) {
      // more digits than a long holds: out of range as well
    }
    problems.add(n, at, "number out of range: " + s.text() + " (at most " + max + ")");
    return Optional.empty();
  }

  private static String shown(Node n) {
    return n instanceof ScalarNode s && !s.isNull() ? "'" + s.text() + "'" : n.describe();
  }

  /** Reports every key of this mapping that no read asked for, with the keys that are allowed. */
  public void finish() {
    for (Entry e : node.entries().values()) {
      if (!read.contains(e.key())) {
        problems.add(e.line(), e.column(), child(e.key()), "unknown field (allowed: " + String.join(", ", sortedRead())
            + ")");
      }
    }
  }

  private List<String> sortedRead() {
    List<String> keys = new ArrayList<>(read);
    keys.removeAll(hidden);
    keys.sort(null);
    return keys;
  }
}
