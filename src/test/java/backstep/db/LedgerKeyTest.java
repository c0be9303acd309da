package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the ledger key comes from, and that it never shows. */
class LedgerKeyTest {
  @TempDir
  Path dir;

  @Test
  void aFileWinsOverTheVariableAndItsLineBreakIsNotPartOfTheKey() throws Exception {
    Path f = dir.resolve("k");
    Files.writeString(f, "0123456789abcdef\n");
    LedgerKey fromFile = LedgerKey.resolve(f, Map.of(LedgerKey.ENV, "another key of enough length")).orElseThrow();
    LedgerKey fromEnv = LedgerKey.resolve(null, Map.of(LedgerKey.ENV, "0123456789abcdef")).orElseThrow();
    assertEquals(fromEnv.id(), fromFile.id());
    assertEquals(fromEnv.mac("x"), fromFile.mac("x"));
    assertNotEquals(fromEnv.mac("x"), LedgerKey.resolve(null, Map.of(LedgerKey.ENV, "0123456789abcdeF")).orElseThrow()
        .mac("x"));
  }

  @Test
  void noKeyWhenNeitherIsSet() {
    assertTrue(LedgerKey.resolve(null, Map.of()).isEmpty());
  }

  @Test
  void aShortOrUnreadableKeyIsRefusedByName() {
    var shortKey = assertThrows(IllegalArgumentException.class,
        () -> LedgerKey.resolve(null, Map.of(LedgerKey.ENV, "short")));
    assertTrue(shortKey.getMessage().contains(LedgerKey.ENV), shortKey.getMessage());
    assertFalse(shortKey.getMessage().contains("short"), "the message never repeats the key");
    var missing = assertThrows(IllegalArgumentException.class,
        () -> LedgerKey.resolve(dir.resolve("none"), Map.of()));
    assertTrue(missing.getMessage().contains("none"), missing.getMessage());
  }

  @Test
  void itsTextShowsTheIdNeverTheKey() {
    LedgerKey k = LedgerKey.resolve(null, Map.of(LedgerKey.ENV, "very secret ledger key")).orElseThrow();
    assertFalse(k.toString().contains("secret"));
    assertTrue(k.toString().contains(k.id()));
    assertEquals(16, k.id().length());
  }
}
