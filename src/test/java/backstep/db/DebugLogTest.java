package backstep.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The debug log's lines never carry a secret: URL secrets redacted, known passwords replaced. */
class DebugLogTest {
  @Test
  void aKnownPasswordAndAUrlSecretNeverReachALine() {
    DebugLog.secret("pw-from-env-91");
    String line = DebugLog.clean("Access denied (password pw-from-env-91) for jdbc:mysql://h/db?password1=hunter22");
    assertFalse(line.contains("pw-from-env-91"), line);
    assertFalse(line.contains("hunter22"), line);
    assertTrue(line.contains("Access denied"), line);
  }

  @Test
  void onlyASetNonZeroVariableAsksForIt() {
    assertTrue(DebugLog.requested("1"));
    assertTrue(DebugLog.requested("yes"));
    assertFalse(DebugLog.requested(null));
    assertFalse(DebugLog.requested(""));
    assertFalse(DebugLog.requested("0"));
  }
}
