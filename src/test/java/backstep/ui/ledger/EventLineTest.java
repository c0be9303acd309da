package backstep.ui.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The events table's detail in facts, the telling one first: details of the failing sample's real run on the
 * sandbox (`backstep audit export --format json`), whose fields in stored order put the rows, the error's SQLSTATE and
 * the proof's verdict last, where a narrow column cut them.
 */
class EventLineTest {
  @Test
  void aStepsRowsAndTimeComeBeforeItsEffect() {
    assertEquals(List.of("20000 rows", "1.7 s", "table customers: values changed (same row count)"),
        EventLine.facts("STEP_APPLIED", "{\"attempts\":1,\"rows\":20000,\"ms\":1745,\"effect\":[\"table customers: "
            + "values changed (same row count)\"]}"));
    assertEquals(List.of("1 row", "69 ms", "added column customers.name_key", "2 attempts"),
        EventLine.facts("STEP_ROLLED_BACK", "{\"attempts\":2,\"rows\":1,\"ms\":69,\"effect\":[\"added column "
            + "customers.name_key\"]}"));
  }

  @Test
  void aFailedStepSaysItsSqlStateByNameThenTheDatabasesWords() {
    assertEquals(List.of("✖ unique violation", "could not create unique index \"customers_name_key_uq\" — "
        + "Detail: Key (name_key)=(camille schmidt|us) is duplicated.", "SQLSTATE 23505", "0 statements done"),
        EventLine.facts("STEP_FAILED", "{\"statements_done\":0,\"error\":\"statement 1 of 1 (line 64): ERROR: could "
            + "not create unique index \\\"customers_name_key_uq\\\" — Detail: Key (name_key)=(camille schmidt|us) is "
            + "duplicated. [SQLState 23505]\",\"attempts\":1}"));
    assertEquals(List.of("✖ lock timeout"), EventLine.facts("STEP_FAILED", "{\"error\":\"lock timeout\"}"));
  }

  @Test
  void statementsProofsAndRunsInWords() {
    assertEquals(List.of("forward 1 of 1", "line 37", "batched"), EventLine.facts("STATEMENT_SENT",
        "{\"direction\":\"FORWARD\",\"statement\":1,\"of\":1,\"line\":37,\"batched\":true,\"session\":\"12037@1\"}"));
    assertEquals(List.of("20000 rows", "1.3 s", "rollback 1, line 44"), EventLine.facts("STATEMENT_DONE",
        "{\"direction\":\"ROLLBACK\",\"statement\":1,\"line\":44,\"rows\":20000,\"ms\":1296}"));
    assertEquals(List.of("✔ proven", "no difference", "against the fingerprint taken before the run"),
        EventLine.facts("ROLLBACK_PROOF", "{\"verdict\":\"PROVEN\",\"against\":\"the fingerprint taken before the "
            + "run\",\"differences\":[]}"));
    assertEquals(List.of("to flag-on", "sandbox", "PostgreSQL 15.19", "playbook v1"), EventLine.facts("RUN_STARTED",
        "{\"playbook_sha256\":\"21f7\",\"playbook_version\":1,\"target_url\":\"embedded sandbox\",\"environment\":"
            + "\"sandbox\",\"server\":\"PostgreSQL 15.19\",\"to_step\":\"flag-on\"}"));
    assertEquals(List.of("✔ customers keep every row", "20000", "after forward"), EventLine.facts("CHECK",
        "{\"name\":\"customers keep every row\",\"phase\":\"after_forward\",\"value\":\"20000\",\"before\":"
            + "\"20000\",\"expected\":\"same as before (20000)\",\"passed\":true,\"ms\":4}"));
    assertEquals(List.of("rolled back"), EventLine.facts("RUN_ROLLED_BACK", "{\"state\":\"ROLLED_BACK\"}"));
    assertEquals(List.of("run", "3 tables", "data of customers"), EventLine.facts("FINGERPRINT",
        "{\"label\":\"run\",\"sha256\":\"521e\",\"schema_tables\":3,\"data_tables\":[\"customers\"]}"));
  }

  @Test
  void anEventItDoesNotKnowIsSaidFieldByField() {
    assertEquals("decision approve · by bo", EventLine.of("GATE_DECIDED", "{\"decision\":\"approve\",\"by\":\"bo\"}"));
    assertEquals("not json", EventLine.of("GUARD", "not json"));
    assertEquals("", EventLine.of("RUN_PAUSED", null));
  }

  @Test
  void aRollBackAskedDuringTheRunSaysWhoAsked() {
    assertEquals(List.of("⟲ asked by ana during the run"), EventLine.facts("ROLLBACK_STARTED",
        "{\"reason\":\"operator: ana asked to roll back at 2026-12-07T23:21:57Z\",\"requested_by\":\"ana\","
            + "\"requested_at\":\"2026-12-07T23:21:57Z\"}"));
  }
}
