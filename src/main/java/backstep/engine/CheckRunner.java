package backstep.engine;

import backstep.db.Database;
import backstep.integrity.CheckProgress;
import backstep.integrity.CheckResult;
import backstep.integrity.DataChecks;
import backstep.integrity.ForeignKeyRef;
import backstep.ledger.EventRecord;
import backstep.ledger.Ledger;
import backstep.playbook.CheckSpec;
import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a playbook's checks in the database. The values seen before the run are kept (and recorded in the
 * ledger, so a rollback days later in another process still compares against them) for {@code expect_same_as}.
 */
public final class CheckRunner {
  private final Database db;
  private final Map<String, String> before = new HashMap<>();
  private final CheckProgress progress;
  private final String scanEveryForeignKey;

  public CheckRunner(Database db) {
    this(db, CheckProgress.NONE, null);
  }

  /**
   * Checks that report their start and end on big tables to {@code progress}; with a {@code scanEveryForeignKey}
   * reason, orphan checks count rows even where an enforced foreign key proves there are none (see
   * {@link backstep.integrity.ForeignKeyProof}), and say why.
   */
  public CheckRunner(Database db, CheckProgress progress, String scanEveryForeignKey) {
    this.db = db;
    this.progress = progress;
    this.scanEveryForeignKey = scanEveryForeignKey;
  }

  /** Loads the before-values recorded by a run (its CHECK events of phase before). */
  public void loadBefore(Connection c, Ledger ledger, String runId) throws SQLException {
    for (Recorded r : recorded(ledger.events(c, runId))) {
      if ("before".equals(r.outcome().phase()) && r.outcome().value() != null) {
        before.put(r.outcome().name(), r.outcome().value());
      }
    }
  }

  /** A check outcome as the ledger recorded it (a CHECK event), with the time it was recorded. */
  public record Recorded(Instant at, CheckOutcome outcome) {}

  /**
   * The check outcomes among a run's ledger events, in order (a check evaluated in several phases appears once per
   * phase). An unreadable event is left out: it cannot give a value.
   */
  public static List<Recorded> recorded(List<EventRecord> events) {
    List<Recorded> out = new ArrayList<>();
    for (EventRecord e : events) {
      if (e.type().equals("CHECK") && e.detail() != null) {
        try {
          JsonNode d = Json.MAPPER.readTree(e.detail());
          out.add(new Recorded(e.at(), new CheckOutcome(d.path("name").asText(), d.path("phase").asText(),
              e.stepId(), text(d, "before"), text(d, "value"), text(d, "expected"), d.path("passed").asBoolean(),
              text(d, "detail"), d.path("ms").asLong(),
              CheckResult.Basis.recorded(text(d, "basis"), text(d, "detail")))));
        } catch (java.io.IOException ex) {
          backstep.db.DebugLog.ignored(CheckRunner.class,
              "an unreadable event cannot give a value; the check will say so where it matters", ex);
          // an unreadable event cannot give a value; the check will say so where it matters
        }
      }
    }
    return out;
  }

  private static String text(JsonNode d, String field) {
    return d.hasNonNull(field) ? d.path(field).asText() : null;
  }

  /** Evaluates the checks of {@code phase} (BEFORE evaluates all of them, to record baselines). */
  public List<CheckOutcome> run(Connection c, List<CheckSpec> specs, CheckSpec.Phase phase, String step) {
    List<CheckOutcome> out = new ArrayList<>();
    for (CheckSpec spec : specs) {
      if (phase == CheckSpec.Phase.BEFORE || spec.in(phase)) {
        CheckOutcome o = evaluate(c, spec, phase, step);
        if (phase == CheckSpec.Phase.BEFORE && o.value() != null) {
          before.put(spec.name(), o.value());
        }
        if (phase == CheckSpec.Phase.BEFORE && !spec.in(CheckSpec.Phase.BEFORE)) {
          o = new CheckOutcome(o.name(), o.phase(), o.step(), o.before(), o.value(), "baseline only", true,
              o.passed() ? o.detail() : "not required before the run: " + o.detail(), o.ms(), o.basis());
        }
        out.add(o);
      }
    }
    return out;
  }

  /** Whether a failed outcome of this phase must stop the run (BEFORE only blocks when listed in {@code when}). */
  public static boolean blocks(CheckSpec spec, CheckSpec.Phase phase) {
    return phase != CheckSpec.Phase.BEFORE || spec.in(CheckSpec.Phase.BEFORE);
  }

  CheckOutcome evaluate(Connection c, CheckSpec spec, CheckSpec.Phase phase, String step) {
    String was = before.get(spec.name());
    long t0 = System.nanoTime();
    try {
      CheckResult r = measure(DataChecks.on(c, db.dialect(), db.schema()).withProgress(progress)
          .scanningEveryForeignKey(scanEveryForeignKey != null ? scanEveryForeignKey
              : spec.fullScan() ? "full_scan: true" : null), spec);
      String value = r.value() == null ? null : String.valueOf(r.value());
      boolean passed;
      String expected;
      if (spec.sameAsBefore()) {
        expected = "same as before (" + was + ")";
        passed = phase == CheckSpec.Phase.BEFORE || (was != null && was.equals(value));
        if (was == null && phase != CheckSpec.Phase.BEFORE) {
          expected = "same as before (no value was recorded before the run)";
        }
      } else {
        expected = spec.expect().describe();
        passed = spec.expect().matches(r.value());
      }
      return new CheckOutcome(spec.name(), phase.key(), step, was, value, expected, passed, r.detail(),
          (System.nanoTime() - t0) / 1_000_000, r.basis());
    } catch (SQLException e) {
      return new CheckOutcome(spec.name(), phase.key(), step, was, null,
          spec.sameAsBefore() ? "same as before" : spec.expect().describe(), false,
          "error: " + RunSession.dbMessage(e), (System.nanoTime() - t0) / 1_000_000,
          CheckResult.Basis.SKIPPED);
    }
  }

  private CheckResult measure(DataChecks dc, CheckSpec spec) throws SQLException {
    return switch (spec.kind()) {
      case ROW_COUNT -> dc.rowCount(spec.table());
      case CHECKSUM -> dc.checksum(spec.table());
      case DUPLICATES -> dc.duplicates(spec.table(), spec.columns());
      case NULLS -> dc.nulls(spec.table(), spec.columns().get(0));
      case ORPHANS -> spec.table() == null ? allOrphans(dc) : dc.orphans(new ForeignKeyRef(spec.name(), spec.table(),
          spec.columns(), spec.refTable(), spec.refColumns()));
      case SQL -> {
        String sql = spec.sql().statements(db.dialect().family()).get(0).sql()
            .replace(backstep.playbook.SqlStep.SCHEMA_PLACEHOLDER, db.schema());
        yield dc.expect(spec.name(), sql, spec.expect() == null ? backstep.playbook.Expectation.parse(null)
            : spec.expect());
      }
    };
  }

  /**
   * Every foreign key's orphans, added up. The total rests on the weakest of its parts: proved when any key was
   * proved rather than counted, skipped when the schema has no foreign key.
   */
  private static CheckResult allOrphans(DataChecks dc) throws SQLException {
    long total = 0;
    List<String> notes = new ArrayList<>();
    java.time.Duration took = java.time.Duration.ZERO;
    CheckResult.Basis basis = null;
    for (CheckResult r : dc.orphans()) {
      long n = ((Number) r.value()).longValue();
      total += n;
      took = took.plus(r.took());
      basis = r.basis().weakest(basis);
      if (n > 0 || (r.detail() != null && !r.detail().isBlank())) {
        notes.add(r.name() + ": " + n + (r.detail() == null || r.detail().isBlank() ? "" : " (" + r.detail() + ")"));
      }
    }
    if (basis == null) {
      notes.add("no foreign keys to check");
    }
    return new CheckResult("orphans (all foreign keys)", CheckResult.Kind.ORPHANS, total, total == 0,
        String.join("; ", notes), took, basis == null ? CheckResult.Basis.SKIPPED : basis);
  }
}
