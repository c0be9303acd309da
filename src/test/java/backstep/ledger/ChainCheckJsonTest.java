package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Regression (hardening issue, keyed chain): the JSON of a chain check said {@code "intact" : true} for a chain whose
 * keyed events could not be checked without the key (only {@code verdict} said UNCHECKED). Every JSON output that
 * reports the chain serializes this record, so {@code intact} is true only when every event was checked and the
 * links hold; {@code linksHold} keeps what was checked without the key.
 */
class ChainCheckJsonTest {
  private static JsonNode json(Ledger.ChainCheck c) throws Exception {
    return Json.MAPPER.readTree(Json.pretty(c));
  }

  @Test
  void aChainWithUncheckedKeyedEventsIsNotIntactInJson() throws Exception {
    JsonNode j = json(new Ledger.ChainCheck(9, true, 0, "", 3, 3));
    assertEquals(false, j.get("intact").asBoolean(), j.toString());
    assertEquals("UNCHECKED", j.get("verdict").asText(), j.toString());
    assertEquals(true, j.get("linksHold").asBoolean(), j.toString());
    assertEquals(9, j.get("events").asLong());
    assertEquals(3, j.get("keyed").asLong());
    assertEquals(3, j.get("unchecked").asLong());
  }

  @Test
  void onlyAFullyCheckedChainIsIntact() throws Exception {
    JsonNode keyed = json(new Ledger.ChainCheck(9, true, 0, "", 3, 0));
    assertEquals(true, keyed.get("intact").asBoolean(), keyed.toString());
    assertEquals("INTACT", keyed.get("verdict").asText());
    JsonNode broken = json(new Ledger.ChainCheck(9, false, 4, "event 4 was altered (hash mismatch)", 0, 0));
    assertEquals(false, broken.get("intact").asBoolean(), broken.toString());
    assertEquals(false, broken.get("linksHold").asBoolean(), broken.toString());
    assertEquals("BROKEN", broken.get("verdict").asText());
    assertEquals(4, broken.get("firstBadSeq").asLong());
  }

  @Test
  void theFieldsComeInOneOrderWithTheVerdictBesideIntact() throws Exception {
    String text = Json.pretty(new Ledger.ChainCheck(2, true, 0, "", 0, 0));
    assertEquals(java.util.List.of("intact", "verdict", "events", "keyed", "unchecked", "linksHold", "firstBadSeq",
        "problem"), java.util.stream.StreamSupport.stream(
            java.util.Spliterators.spliteratorUnknownSize(Json.MAPPER.readTree(text).fieldNames(), 0), false)
        .toList(), text);
  }
}
