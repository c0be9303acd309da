package backstep.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Regression (issue 16, found item 5): a drill's debrief described a killed MariaDB connection with the driver's
 * raw "No operations allowed after statement closed" — MySQL Connector/J's answer (SQLState S1009, not class 08)
 * when a statement of a connection the server killed is used again — so it was not recognised as a lost connection.
 */
class ConnectionLostTest {
  @Test
  void aStatementClosedWithItsKilledConnectionIsALostConnection() {
    assertTrue(Dialect.isConnectionLost(new SQLException("No operations allowed after statement closed.", "S1009")));
    assertTrue(Dialect.isConnectionLost(new SQLException("No operations allowed after connection closed.",
        "08003")));
    assertTrue(Dialect.isConnectionLost(new SQLException("Communications link failure", "08S01")));
  }

  @Test
  void otherDriverErrorsAreNot() {
    assertFalse(Dialect.isConnectionLost(new SQLException("Parameter index out of range (2 > 1).", "S1009")));
    assertFalse(Dialect.isConnectionLost(new SQLException("Duplicate entry '1' for key 'PRIMARY'", "23000", 1062)));
  }
}
