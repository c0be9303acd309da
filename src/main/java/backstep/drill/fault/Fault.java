package backstep.drill.fault;

import java.sql.SQLException;

/**
 * One injected fault. {@link #inject} puts it in place and says what it did; {@link #undo} takes it away (safe to
 * call more than once, and after a failed inject) and says what it undid.
 */
public sealed interface Fault permits LockFault, KillFault, TriggerFault, CorruptRowsFault, ExhaustFault,
    StallReplicationFault {
  String inject() throws SQLException, InterruptedException;

  String undo();

  /** Whether {@link #inject} may wait for the engine (so it must not run on the engine's thread). */
  default boolean waitsForEngine() {
    return false;
  }
}
