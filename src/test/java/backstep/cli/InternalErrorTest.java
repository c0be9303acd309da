package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The internal-error path prints through the redacting formatter, the debug stack trace too (regression: issue 14,
 * item 2: HikariCP's "Failed to get driver instance for jdbcUrl=…" printed the whole URL, password included).
 */
class InternalErrorTest {
  @Test
  void aUrlInTheMessageOrTheStackTraceIsRedacted() {
    RuntimeException ex = new RuntimeException("Failed to get driver instance for jdbcUrl=jdbc:mysql://db:3306/x"
        + "?password1=Top-Secret-1&sslMode=REQUIRED", new IllegalStateException("jdbc:postgresql://app:Top-Secret-2"
        + "@db/x"));
    for (boolean debug : new boolean[] {false, true}) {
      StringWriter err = new StringWriter();
      assertEquals(70, Main.internalError(ex, new PrintWriter(err, true), debug));
      assertTrue(err.toString().contains("jdbcUrl=jdbc:mysql://db:3306/x?password1=***&sslMode=REQUIRED"),
          err::toString);
      assertFalse(err.toString().contains("Top-Secret"), err::toString);
      assertEquals(debug, err.toString().contains("at backstep.cli.InternalErrorTest"), err::toString);
    }
  }
}
