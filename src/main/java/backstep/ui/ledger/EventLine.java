package backstep.ui.ledger;

import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ledger event's detail as the events table says it: a few short facts a DBA reads first, the most telling one
 * first ({@code 20000 rows · 1.7 s · table customers: values changed}, {@code ✖ unique violation · could not create…},
 * {@code ✔ proven · no difference}), instead of the JSON's fields in their stored order (a 110 px column at 1280×800
 * showed {@code attempts 1 · r…}, {@code direction FOR…}, {@code error stateme…}). The table draws as many whole facts
 * as its column holds; the event's form beside it has every field. Types it does not know are said field by field,
 * as {@link EventForm#summary} does. No JavaFX.
 */
final class EventLine {
  /** PostgreSQL's SQLSTATE codes a failed step most often ends with, by their name in its manual. */
  private static final Map<String, String> STATES = Map.ofEntries(
      Map.entry("23505", "unique violation"), Map.entry("23503", "foreign key violation"),
      Map.entry("23502", "not null violation"), Map.entry("23514", "check violation"),
      Map.entry("23000", "integrity constraint violation"), Map.entry("40P01", "deadlock detected"),
      Map.entry("40001", "serialization failure"), Map.entry("55P03", "lock not available"),
      Map.entry("57014", "query canceled"), Map.entry("42P01", "undefined table"),
      Map.entry("42703", "undefined column"), Map.entry("42P07", "duplicate table"),
      Map.entry("42701", "duplicate column"), Map.entry("42601", "syntax error"),
      Map.entry("42000", "syntax error or access rule violation"), Map.entry("22P02", "invalid text representation"),
      Map.entry("57P01", "admin shutdown"), Map.entry("08006", "connection failure"),
      Map.entry("HY000", "general error"));
  private static final java.util.regex.Pattern SQL_STATE = java.util.regex.Pattern.compile(
      "\\[SQLState ([0-9A-Z]{5})]");

  private EventLine() {}

  /** The facts of an event of {@code type} with {@code detail} (JSON, or text), most telling first. */
  static List<String> facts(String type, String detail) {
    JsonNode d = parse(detail);
    if (d == null) { // none, or not a JSON object: as written
      return detail == null || detail.isBlank() ? List.of() : List.of(detail.strip());
    }
    List<String> out = new ArrayList<>();
    switch (type == null ? "" : type) {
      case "RUN_STARTED" -> {
        add(out, d, "to_step", v -> "to " + v);
        add(out, d, "environment", v -> v);
        add(out, d, "server", v -> v);
        add(out, d, "playbook_version", v -> "playbook v" + v);
      }
      case "RUN_RESUMED", "ROLLBACK_STARTED" -> {
        add(out, d, "requested_by", v -> "⟲ asked by " + v + " during the run");
        add(out, d, "from_state", v -> "from " + words(v));
        add(out, d, "from_step", v -> "at " + v);
      }
      case "FINGERPRINT" -> {
        add(out, d, "label", v -> v);
        add(out, d, "schema_tables", v -> v + (v.equals("1") ? " table" : " tables"));
        if (d.path("data_tables").isArray() && !d.path("data_tables").isEmpty()) {
          out.add("data of " + join(d.path("data_tables")));
        }
      }
      case "STEP_STARTED" -> {
        String dir = d.path("direction").asText("FORWARD");
        out.add(words(dir) + " " + d.path("kind").asText("step")
            + (d.has("duration_ms") ? " " + ms(d.path("duration_ms").asLong()) : ""));
      }
      case "STATEMENT_SENT" -> {
        out.add(words(d.path("direction").asText("FORWARD")) + " " + d.path("statement").asText("?")
            + (d.has("of") ? " of " + d.path("of").asText() : ""));
        add(out, d, "line", v -> "line " + v);
        if (d.path("batched").asBoolean(false)) {
          out.add("batched");
        }
      }
      case "STATEMENT_DONE" -> {
        add(out, d, "rows", EventLine::rows);
        add(out, d, "ms", v -> ms(Long.parseLong(v)));
        out.add(words(d.path("direction").asText("FORWARD")) + " " + d.path("statement").asText("?")
            + (d.has("line") ? ", line " + d.path("line").asText() : ""));
      }
      case "STEP_APPLIED", "STEP_ROLLED_BACK" -> {
        add(out, d, "rows", EventLine::rows);
        add(out, d, "ms", v -> ms(Long.parseLong(v)));
        d.path("effect").forEach(e -> out.add(e.asText()));
        if (d.path("attempts").asInt(1) > 1) {
          out.add(d.path("attempts").asInt() + " attempts");
        }
      }
      case "STEP_FAILED", "STEP_ROLLBACK_FAILED" -> {
        String error = d.path("error").asText("");
        java.util.regex.Matcher m = SQL_STATE.matcher(error);
        String state = m.find() ? m.group(1) : null;
        if (state != null && STATES.containsKey(state)) {
          out.add("✖ " + STATES.get(state)); // what a DBA reads first, the database's own words after it
        }
        if (!error.isEmpty()) {
          out.add((out.isEmpty() ? "✖ " : "") + message(error));
        }
        if (state != null) {
          out.add("SQLSTATE " + state);
        }
        add(out, d, "statements_done", v -> v + " statement" + (v.equals("1") ? "" : "s") + " done");
      }
      case "ROLLBACK_PROOF" -> {
        String verdict = d.path("verdict").asText("");
        int n = d.path("differences").size();
        out.add(("PROVEN".equals(verdict) ? "✔ " : "≠ ") + words(verdict));
        out.add(n == 0 ? "no difference" : n + (n == 1 ? " difference" : " differences"));
        add(out, d, "against", v -> "against " + v);
      }
      case "RUN_PAUSED", "RUN_APPLIED", "RUN_FAILED", "RUN_ROLLED_BACK", "RUN_ROLLBACK_FAILED" ->
          add(out, d, "state", EventLine::words);
      case "CHECK" -> {
        boolean passed = d.path("passed").asBoolean(true);
        out.add((passed ? "✔ " : "✖ ") + d.path("name").asText("check"));
        add(out, d, "value", v -> v.length() > 24 ? EventForm.shortHash(v) : v);
        add(out, d, "phase", v -> v.replace('_', ' '));
      }
      default -> {
        // said field by field, as stored
      }
    }
    if (out.isEmpty()) {
      String s = EventForm.summary(detail);
      return s.isEmpty() ? List.of() : List.of(s.split(" · "));
    }
    return out;
  }

  /** The facts in one line, as the table's tooltip and a copied cell give them. */
  static String of(String type, String detail) {
    return String.join(" · ", facts(type, detail));
  }

  private static JsonNode parse(String detail) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(detail);
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException | RuntimeException ex) {
      return null; // not JSON: said as written
    }
  }

  private static void add(List<String> out, JsonNode d, String field, java.util.function.Function<String, String> say) {
    JsonNode v = d.get(field);
    if (v != null && !v.isNull() && v.isValueNode() && !v.asText().isEmpty()) {
      out.add(say.apply(v.asText()));
    }
  }

  /** "FORWARD" → "forward", "ROLLED_BACK" → "rolled back". */
  private static String words(String state) {
    return state.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String rows(String n) {
    return n + (n.equals("1") ? " row" : " rows");
  }

  private static String ms(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  private static String join(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.asText()));
    return String.join(", ", names);
  }

  /**
   * The database's own words in a step's error, without the statement's position and the SQLSTATE:
   * {@code statement 1 of 1 (line 64): ERROR: could not create unique index "x" — Detail: …} →
   * {@code could not create unique index "x" — Detail: …}.
   */
  private static String message(String error) {
    String s = error.replaceFirst("^statement \\d+ of \\d+ \\(line \\d+\\): ", "").replaceFirst("^ERROR: ", "");
    return SQL_STATE.matcher(s).replaceAll("").strip();
  }
}
