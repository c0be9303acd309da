package backstep.playbook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows the line and column it came from, so validation can name
 * {@code file:line:col path} for each problem. Jackson's streaming parser does the YAML; this only keeps positions.
 */
public final class YamlTree {
  private static final YAMLFactory FACTORY = new YAMLFactory();

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

  /** Thrown for YAML that cannot be read at all (syntax). */
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

  /** Parses one YAML document; duplicate keys are reported through {@code problems}, the first value kept. */
  public static Node parse(String text, List<Problem> problems) throws SyntaxException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new MapNode(1, 1, Map.of());
      }
      return read(p, problems);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      throw new SyntaxException(
          "malformed YAML: " + (nl > 0 ? msg.substring(0, nl) : msg),
          loc == null ? 1 : Math.max(1, loc.getLineNr()),
          loc == null ? 1 : Math.max(1, loc.getColumnNr()));
    } catch (IOException e) {
      throw new SyntaxException("cannot read YAML: " + e.getMessage(), 1, 1);
    }
  }

  private static Node read(JsonParser p, List<Problem> problems) throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        JsonLocation kl = p.currentTokenLocation();
        String key = p.currentName();
        p.nextToken();
        Node value = read(p, problems);
        if (entries.containsKey(key)) {
          problems.add(new Problem(kl.getLineNr(), kl.getColumnNr(), "duplicate key '" + key + "'"));
        } else {
          entries.put(key, new Entry(key, kl.getLineNr(), kl.getColumnNr(), value));
        }
      }
      return new MapNode(line, col, entries);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(p, problems));
      }
      return new ListNode(line, col, items);
    }
    return new ScalarNode(line, col, t == JsonToken.VALUE_NULL ? null : p.getText(), t);
  }
}
