package backstep.playbook;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A YAML document as a tree whose every node knows the line and column it came from, so validation can name
 * {@code file:line:col path} for each problem. SnakeYAML Engine's event parser does the YAML; this keeps positions,
 * types plain scalars as YAML 1.1 does, and refuses what a playbook must not contain: a second document and aliases.
 *
 * <p>The whole text is handed to the parser's reader in one buffer: with SnakeYAML's fixed 1 KiB buffer every refill
 * copied the unread window, so one long scalar cost time quadratic in its length (regression: issue 14, item 5).
 */
public final class YamlTree {
  private static final Pattern INT = Pattern.compile(
      "[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?(?:\\.[0-9]+|[0-9][0-9_]*(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  private static final String TAG = "tag:yaml.org,2002:";

  private YamlTree() {}

  /** A node with its 1-based position in the source. */
  public sealed interface Node permits MapNode, ListNode, ScalarNode {
    int line();

    int column();

    default String describe() {
      if (this instanceof MapNode) {
        return "a mapping";
      }
      if (this instanceof ListNode) {
        return "a list";
      }
      return ((ScalarNode) this).isNull() ? "null" : "a scalar";
    }
  }

  /** An entry of a mapping; the key keeps its own position for "unknown key" messages. */
  public record Entry(String key, int line, int column, Node value) {}

  public record MapNode(int line, int column, Map<String, Entry> entries) implements Node {}

  public record ListNode(int line, int column, List<Node> items) implements Node {}

  /** A scalar as written; {@code token} tells how YAML typed it (string, int, float, boolean, null). */
  public record ScalarNode(int line, int column, String text, JsonToken token) implements Node {
    public boolean isNull() {
      return token == JsonToken.VALUE_NULL;
    }
  }

  /** A problem found while reading: position plus message (e.g. a duplicate key). */
  public record Problem(int line, int column, String message) {}

  /** Thrown for YAML that cannot be read at all (syntax), or that a playbook must not use. */
  public static final class SyntaxException extends Exception {
    private final int line;
    private final int column;

    SyntaxException(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /**
   * Parses one YAML document; duplicate keys are reported through {@code problems}, the first value kept. A second
   * document, an alias ({@code *name}) and a non-scalar mapping key are refused with their position.
   */
  public static Node parse(String text, List<Problem> problems) throws SyntaxException {
    LoadSettings settings = LoadSettings.builder()
        .setBufferSize(text.length() + 1)
        .setCodePointLimit(Math.max(text.length() + 1, 1024))
        .build();
    Parser p = new ParserImpl(settings, new StreamReader(settings, text));
    try {
      next(p, Event.ID.StreamStart);
      if (p.checkEvent(Event.ID.StreamEnd)) {
        return new MapNode(1, 1, Map.of());
      }
      next(p, Event.ID.DocumentStart);
      Node root = read(p, problems);
      next(p, Event.ID.DocumentEnd);
      if (p.checkEvent(Event.ID.DocumentStart)) {
        Event second = p.next();
        throw refused(second, "a second YAML document starts here; a file holds one document (remove the '---' "
            + "line, or split the file)");
      }
      return root;
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
      String problem = e.getProblem() != null ? e.getProblem() : String.valueOf(e.getContext());
      throw new SyntaxException("malformed YAML: " + firstLine(problem),
          at.map(m -> m.getLine() + 1).orElse(1), at.map(m -> m.getColumn() + 1).orElse(1));
    } catch (YamlEngineException e) {
      throw new SyntaxException("malformed YAML: " + firstLine(String.valueOf(e.getMessage())), 1, 1);
    }
  }

  private static Event next(Parser p, Event.ID expected) {
    Event e = p.next();
    if (e.getEventId() != expected) {
      throw new IllegalStateException("YAML parser sent " + e.getEventId() + " where " + expected + " belongs");
    }
    return e;
  }

  private static Node read(Parser p, List<Problem> problems) throws SyntaxException {
    Event e = p.next();
    int line = line(e);
    int col = column(e);
    switch (e.getEventId()) {
      case MappingStart -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (!p.checkEvent(Event.ID.MappingEnd)) {
          Event k = p.peekEvent();
          if (!(k instanceof ScalarEvent key)) {
            throw refused(k, k instanceof AliasEvent ? alias((AliasEvent) k)
                : "a mapping key must be plain text, not " + (k.getEventId() == Event.ID.MappingStart ? "a mapping"
                : "a list"));
          }
          p.next();
          Node value = read(p, problems);
          String name = key.getValue();
          if (entries.containsKey(name)) {
            problems.add(new Problem(line(key), column(key), "duplicate key '" + name + "'"));
          } else {
            entries.put(name, new Entry(name, line(key), column(key), value));
          }
        }
        p.next();
        return new MapNode(line, col, entries);
      }
      case SequenceStart -> {
        List<Node> items = new ArrayList<>();
        while (!p.checkEvent(Event.ID.SequenceEnd)) {
          items.add(read(p, problems));
        }
        p.next();
        return new ListNode(line, col, items);
      }
      case Scalar -> {
        ScalarEvent s = (ScalarEvent) e;
        JsonToken t = type(s);
        return new ScalarNode(line, col, t == JsonToken.VALUE_NULL ? null : s.getValue(), t);
      }
      case Alias -> throw refused(e, alias((AliasEvent) e));
      default -> throw refused(e, "unexpected YAML " + e.getEventId());
    }
  }

  private static String alias(AliasEvent e) {
    return "YAML aliases (*" + e.getAlias().getValue() + ") are not supported; write the value out in full";
  }

  /** How YAML 1.1 (as Jackson and SnakeYAML read it) types a scalar: tags first, then plain text by its form. */
  static JsonToken type(ScalarEvent s) {
    String v = s.getValue();
    Optional<String> tag = s.getTag().filter(t -> !"!".equals(t));
    if (tag.isPresent()) {
      return switch (tag.get().startsWith(TAG) ? tag.get().substring(TAG.length()) : tag.get()) {
        case "int" -> JsonToken.VALUE_NUMBER_INT;
        case "float" -> JsonToken.VALUE_NUMBER_FLOAT;
        case "bool" -> bool(v) == null ? JsonToken.VALUE_STRING : bool(v);
        case "null" -> JsonToken.VALUE_NULL;
        default -> JsonToken.VALUE_STRING;
      };
    }
    if (!s.isPlain()) {
      return JsonToken.VALUE_STRING;
    }
    if (v.isEmpty() || "~".equals(v) || "null".equals(v) || "Null".equals(v) || "NULL".equals(v)) {
      return JsonToken.VALUE_NULL;
    }
    JsonToken b = bool(v);
    if (b != null) {
      return b;
    }
    if (INT.matcher(v).matches()) {
      return JsonToken.VALUE_NUMBER_INT;
    }
    return FLOAT.matcher(v).matches() ? JsonToken.VALUE_NUMBER_FLOAT : JsonToken.VALUE_STRING;
  }

  private static JsonToken bool(String v) {
    return switch (v) {
      case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON" -> JsonToken.VALUE_TRUE;
      case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF" -> JsonToken.VALUE_FALSE;
      default -> null;
    };
  }

  private static SyntaxException refused(Event e, String message) {
    return new SyntaxException(message, line(e), column(e));
  }

  private static int line(Event e) {
    return e.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  private static int column(Event e) {
    return e.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl > 0 ? s.substring(0, nl) : s;
  }
}
