package backstep.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * Test only: stops the process at a named moment so a crash test can kill it exactly there
 * ({@code CrashAtAnyMomentIT}). Inert unless the environment variable {@code BACKSTEP_TEST_PAUSE_AT} is set — to
 * {@code POINT}, {@code POINT:STEP} or either with {@code #N} (the N-th time it is reached; the first by default).
 * There the engine prints {@code BACKSTEP_TEST_PAUSE POINT} on standard error and parks the thread for good. The
 * points:
 * <ul>
 *   <li>{@code run-started}: the run row and its RUN_STARTED event are committed, nothing else (in a walk whose
 *   previous run handed this one its full "before", and no checks: that fingerprint and its FINGERPRINT event too,
 *   in the same statement);</li>
 *   <li>{@code fingerprint-stored}: a fingerprint body is stored; for the run's own (no step), together with its
 *   FINGERPRINT event (one transaction since issue 13: there is no moment between them any more); a step's on
 *   PostgreSQL only (on MariaDB it is stored in the step's start, one statement);</li>
 *   <li>{@code step-transaction}: a one-transaction step's statements and ledger rows are written, not committed;
 *   </li>
 *   <li>{@code statement-sent}: a statement's intent is committed to the ledger, the statement is not yet sent;</li>
 *   <li>{@code statement-committed}: the statement committed on the server, the ledger does not know it yet;</li>
 *   <li>{@code batch-committed}: a batch committed, its progress not yet recorded;</li>
 *   <li>{@code step-row-written}: a statement-by-statement step's final row is written, its event not yet (a ledger
 *   on PostgreSQL only: on MariaDB the row and its event are one statement, with no moment between them).</li>
 * </ul>
 */
final class TestPause {
  private static final String SPEC = System.getenv("BACKSTEP_TEST_PAUSE_AT");
  private static int hits;

  private TestPause() {
  }

  /** Whether a pause is asked for at {@code point}, of any step (its first time or a later one). */
  static boolean asks(String point) {
    if (SPEC == null || SPEC.isBlank()) {
      return false;
    }
    int hash = SPEC.indexOf('#');
    String wanted = hash < 0 ? SPEC : SPEC.substring(0, hash);
    return wanted.equals(point) || wanted.startsWith(point + ":");
  }

  /** Parks for good if {@code point} (of step {@code stepId}, may be null) is the moment asked for. */
  static void at(String point, String stepId) {
    if (SPEC == null || SPEC.isBlank()) {
      return;
    }
    int hash = SPEC.indexOf('#');
    String wanted = hash < 0 ? SPEC : SPEC.substring(0, hash);
    int nth = hash < 0 ? 1 : Integer.parseInt(SPEC.substring(hash + 1));
    String here = stepId == null ? point : point + ":" + stepId;
    if (!(wanted.equals(point) || wanted.equals(here))) {
      return;
    }
    synchronized (TestPause.class) {
      if (++hits != nth) {
        return;
      }
    }
    System.err.println("BACKSTEP_TEST_PAUSE " + here);
    System.err.flush();
    while (true) {
      LockSupport.park();
    }
  }
}
