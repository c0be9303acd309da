package backstep.ui.ledger;

import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ledger event for people: its fields one per row, the JSON detail unfolded into {@code name: value} rows (lists
 * as bullets: a step's effect, a proof's differences), then its hash, the previous one, and whether the chain check
 * verified it. No JavaFX: {@link EventFormView} lays the rows out.
 */
public final class EventForm {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z", Locale.ROOT);

  /** One row of the form; {@code items} is non-empty for a list (shown as bullets under the name). */
  record Row(String name, String value, List<String> items) {
    Row(String name, String value) {
      this(name, value, List.of());
    }
  }

  /** What the chain check says of one event, in a word for the style and in words for people. */
  record Verdict(String word, String text) {}

  private EventForm() {}

  static List<Row> rows(EventRecord e, ZoneId zone) {
    List<Row> out = new ArrayList<>();
    out.add(new Row("event", "#" + e.seq() + " · " + e.type()));
    out.add(new Row("time", TIME.format(e.at().atZone(zone))));
    if (e.stepId() != null) {
      out.add(new Row("step", e.stepId()));
    }
    if (e.actor() != null) {
      out.add(new Row("who", e.actor()));
    }
    detail(out, e.detail());
    out.add(new Row("hash", e.hash()));
    out.add(new Row("previous hash", e.prevHash() == null ? "— (first event)" : e.prevHash()));
    return out;
  }

  static String describe(EventRecord e, ZoneId zone) {
    if (e == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (Row r : rows(e, zone)) {
      if (r.name().equals("event")) {
        b.append("event ").append(r.value()).append('\n');
      } else if (r.value() == null) {
        b.append(r.name()).append(':').append(r.items().isEmpty() ? " none" : "").append('\n');
        r.items().forEach(i -> b.append("  • ").append(i).append('\n'));
      } else {
        b.append(r.name()).append(": ").append(r.value()).append('\n');
      }
    }
    return b.toString().stripTrailing();
  }

  /**
   * Whether the chain check verified event {@code e}: every event before the first broken link was recomputed and
   * linked; the broken one is named with the problem; the events after it were not verified. A keyed event checked
   * without its key had only its link checked.
   */
  static Verdict verdict(EventRecord e, Ledger.ChainCheck c) {
    if (c == null) {
      return new Verdict("unchecked", "◌ not checked yet (the chain is checked when the ledger is read)");
    }
    if (!c.intact() && e.seq() == c.firstBadSeq()) {
      return new Verdict("broken", "✖ the chain breaks here: " + c.problem());
    }
    if (!c.intact() && e.seq() > c.firstBadSeq()) {
      return new Verdict("unchecked", "◌ not verified: the chain is broken earlier, at event #" + c.firstBadSeq());
    }
    if (e.keyId() != null && c.unchecked() > 0) {
      return new Verdict("partial", "◌ linked to the event before it; its HMAC (key " + e.keyId()
          + ") was not recomputed: no ledger key was given");
    }
    return new Verdict("verified", "✔ verified: its " + (e.keyId() == null ? "hash" : "HMAC")
        + " was recomputed and it links to " + (e.seq() == 1 ? "the chain's start" : "event #" + (e.seq() - 1)));
  }

  /** The detail in one short line for the events table: "state ROLLED_BACK · proof verdict DIFFERENT · …". */
  public static String summary(String detail) {
    List<Row> rows = new ArrayList<>();
    detail(rows, detail);
    List<String> parts = new ArrayList<>();
    for (Row r : rows) {
      parts.add(r.value() == null ? r.name() + " (" + r.items().size() + ")" : r.name() + " " + shortHash(r.value()));
    }
    String s = String.join(" · ", parts);
    return s.length() > 200 ? s.substring(0, 199) + "…" : s;
  }

  /**
   * A value that is a whole hash (40 or more hex digits: a SHA-1, a SHA-256) as its first 12 digits and "…", as git
   * shortens one: in the events table a whole SHA-256 wrapped into six lines and one event filled the table. The
   * event form beside it shows the value whole.
   */
  static String shortHash(String value) {
    return value != null && value.length() >= 40 && HEX.matcher(value).matches() ? value.substring(0, 12) + "…"
        : value;
  }

  private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]+");

  private static void detail(List<Row> out, String detail) {
    if (detail == null || detail.isBlank()) {
      return;
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(detail);
    } catch (java.io.IOException | RuntimeException ex) {
      out.add(new Row("detail", detail)); // not JSON: shown as written
      return;
    }
    if (n == null || !n.isObject()) {
      out.add(new Row("detail", n == null ? detail : text(n)));
      return;
    }
    field(out, "", n);
  }

  private static void field(List<Row> out, String prefix, JsonNode obj) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = prefix + f.getKey().replace('_', ' ');
      JsonNode v = f.getValue();
      if (v.isObject() && v.size() > 0) {
        field(out, name + " · ", v);
      } else if (v.isArray()) {
        List<String> items = new ArrayList<>();
        v.forEach(item -> items.add(text(item)));
        out.add(new Row(name, null, items));
      } else {
        out.add(new Row(name, text(v)));
      }
    }
  }

  private static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
