package backstep.ui.ledger;

import backstep.ledger.EventRecord;
import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/**
 * A ledger event for people: its fields one per line, the JSON detail unfolded into {@code name: value} lines
 * (lists as bullets: a step's effect, a proof's differences), then its hash and the previous one.
 */
final class EventForm {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z");

  private EventForm() {}

  static String describe(EventRecord e, ZoneId zone) {
    if (e == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    b.append("event #").append(e.seq()).append(" · ").append(e.type()).append('\n');
    b.append("time: ").append(TIME.format(e.at().atZone(zone))).append('\n');
    if (e.stepId() != null) {
      b.append("step: ").append(e.stepId()).append('\n');
    }
    if (e.actor() != null) {
      b.append("who: ").append(e.actor()).append('\n');
    }
    detail(b, e.detail());
    b.append("hash: ").append(e.hash()).append('\n');
    b.append("previous hash: ").append(e.prevHash() == null ? "— (first event)" : e.prevHash());
    return b.toString();
  }

  private static void detail(StringBuilder b, String detail) {
    if (detail == null || detail.isBlank()) {
      return;
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(detail);
    } catch (java.io.IOException | RuntimeException ex) {
      b.append("detail: ").append(detail).append('\n'); // not JSON: shown as written
      return;
    }
    if (n == null || !n.isObject()) {
      b.append("detail: ").append(n == null ? detail : text(n)).append('\n');
      return;
    }
    field(b, "", n);
  }

  private static void field(StringBuilder b, String prefix, JsonNode obj) {
    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String name = prefix + f.getKey().replace('_', ' ');
      JsonNode v = f.getValue();
      if (v.isObject() && v.size() > 0) {
        field(b, name + " · ", v);
      } else if (v.isArray()) {
        b.append(name).append(':').append(v.isEmpty() ? " none" : "").append('\n');
        for (JsonNode item : v) {
          b.append("  • ").append(text(item)).append('\n');
        }
      } else {
        b.append(name).append(": ").append(text(v)).append('\n');
      }
    }
  }

  private static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
