package backstep.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The playbooks of {@link LivePanelsIT}, one per case (a case never runs another's playbook, so the cases share one
 * console and two scratch databases in any order), and {@link #COMMON}, the fields every console test's playbook
 * needs.
 */
final class LivePlaybooks {
  static final String COMMON = """
      version: 1
      owners: [console-tests]
      intent: Exercise the live panels.
      minimum_viable_change: One table or one column.
      blast_radius:
        - system: nothing
          impact: a scratch database dropped after the test
      success_criteria: [the panels follow the run]
      remediation: Roll back undoes it.
      expected:
        after_forward: changed
        after_rollback: unchanged
      """;

  private static final String SLOW = """
      id: live-slow
      title: Live panels under guards (slow step)
      %s
      telemetry: {interval: 1s, baseline: 1s}
      guards:
        - metric: probe_ms
          aggregate: p95
          above: 250
          window: 5s
          action: alert
        - metric: lock_waiters
          aggregate: latest
          above: 3
          window: 5s
          action: pause
      checks:
        - name: accounts keep every row
          row_count: accounts
          expect_same_as: before
          when: [after_step, after_forward, after_rollback]
        - name: probe table exists
          sql: SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_probe'
          expect: 1
          when: [after_forward]
      steps:
        - id: slow-create
          kind: sql
          title: Create a table, then sleep 6 s
          forward:
            postgresql: |
              CREATE TABLE live_probe (id int);
              SELECT pg_sleep(6)
          rollback:
            postgresql: DROP TABLE live_probe
          verify:
            - sql: SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_probe'
              expect: 1
      """;

  private static final String LOCKED = """
      id: live-locked
      title: Live panels behind a lock (ALTER waits)
      %s
      steps:
        - id: add-note
          kind: sql
          title: Add a column (waits for the test's open transaction)
          forward: ALTER TABLE accounts ADD COLUMN note text
          rollback: ALTER TABLE accounts DROP COLUMN note
          guards:
            lock_timeout: 60s
            retries: 0
          verify:
            - sql: >
                SELECT count(*) FROM information_schema.columns
                WHERE table_name = 'accounts' AND column_name = 'note'
              expect: 1
      """;

  private static final String RECORDED = """
      id: live-recorded
      title: Live panels re-read checks (quick step)
      %s
      checks:
        - name: accounts keep every row
          row_count: accounts
          expect_same_as: before
          when: [after_forward, after_rollback]
      steps:
        - id: add-table
          kind: sql
          title: Create a table
          forward: CREATE TABLE live_recorded (id int)
          rollback: DROP TABLE live_recorded
          verify:
            - sql: SELECT count(*) FROM information_schema.tables WHERE table_name = 'live_recorded'
              expect: 1
      """;

  private static final String ROW_LOCK = """
      id: live-row-lock
      title: Live panels behind a row lock (MariaDB)
      %s
      steps:
        - id: rename-owner
          kind: sql
          title: Rename the first owner (waits for the test's row lock)
          forward: UPDATE accounts SET owner = 'renamed' WHERE id = 1
          rollback: UPDATE accounts SET owner = 'owner 1' WHERE id = 1
          guards:
            lock_timeout: 60s
            retries: 0
          verify:
            - sql: SELECT count(*) FROM accounts WHERE owner = 'renamed'
              expect: 1
      """;

  /** A first step that applies, then one that waits on the test's row lock: ROLL BACK is clicked while it waits. */
  private static final String STOP = """
      id: live-stop
      title: Live panels, ROLL BACK while a step waits
      %s
      steps:
        - id: create-note
          kind: sql
          title: Create the notes table
          forward: CREATE TABLE live_stop_note (id int PRIMARY KEY)
          rollback: DROP TABLE live_stop_note
        - id: rename-owner
          kind: sql
          title: Rename the fifth owner (waits for the test's row lock)
          forward: UPDATE accounts SET owner = 'stopped' WHERE id = 5
          rollback: UPDATE accounts SET owner = 'owner 5' WHERE id = 5
          guards:
            lock_timeout: 90s
            retries: 0
          verify:
            - sql: SELECT count(*) FROM accounts WHERE owner = 'stopped'
              expect: 1
        - id: index-note
          kind: sql
          title: Index the notes table
          forward: CREATE INDEX live_stop_note_id ON live_stop_note (id)
          rollback:
            postgresql: DROP INDEX live_stop_note_id
            mysql: DROP INDEX live_stop_note_id ON live_stop_note
      """;

  private static final String GATE = """
      id: live-gate
      title: Live panels, ROLL BACK from a gate
      %s
      steps:
        - id: create-memo
          kind: sql
          title: Create the memo table
          forward: CREATE TABLE live_gate_memo (id int PRIMARY KEY)
          rollback: DROP TABLE live_gate_memo
        - id: look
          kind: gate
          title: Look at the memo table before indexing it
          prompt: Is the memo table there and empty?
        - id: index-memo
          kind: sql
          title: Index the memo table
          forward: CREATE INDEX live_gate_memo_id ON live_gate_memo (id)
          rollback:
            postgresql: DROP INDEX live_gate_memo_id
            mysql: DROP INDEX live_gate_memo_id ON live_gate_memo
      """;

  private LivePlaybooks() {
  }

  /** Writes the seven playbooks into {@code playbooks}. */
  static void writeInto(Path playbooks) throws IOException {
    Files.writeString(playbooks.resolve("live-stop.yaml"), STOP.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-gate.yaml"), GATE.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-slow.yaml"), SLOW.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-locked.yaml"), LOCKED.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-recorded.yaml"), RECORDED.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-row-lock.yaml"), ROW_LOCK.formatted(COMMON));
    Files.writeString(playbooks.resolve("live-terminate.yaml"), LOCKED.formatted(COMMON)
        .replace("id: live-locked", "id: live-terminate").replace("(ALTER waits)", "(the blocker is terminated)")
        .replace("note", "memo"));
    Files.writeString(playbooks.resolve("live-kill.yaml"), ROW_LOCK.formatted(COMMON)
        .replace("id: live-row-lock", "id: live-kill").replace("(MariaDB)", "(MariaDB, the blocker killed)")
        .replace("id = 1", "id = 3").replace("'owner 1'", "'owner 3'").replace("'renamed'", "'killed'"));
  }
}
