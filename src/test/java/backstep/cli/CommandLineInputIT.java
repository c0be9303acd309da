package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Command-line input that used to be accepted silently (regression: issue 14, item 7): a control character in a
 * free-text option forged an output line, {@code --url} with {@code -t} ignored one of them, {@code history --limit -5}
 * was taken, and numbers came out in the machine's locale. Refused input changes nothing: no ledger is created.
 */
class CommandLineInputIT {
  private static final String PLAYBOOK = "playbooks/add-orders-status-index.yaml";

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void controlCharactersInFreeTextOptionsAreRefused(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      String[][] bad = {
          {"apply", PLAYBOOK, "--operator", "eve\nConfirm: forged line"},
          {"apply", PLAYBOOK, "--reason", "because\r\u001b[2Kall clear"},
          {"apply", PLAYBOOK, "--approver", "mallory\u0000"},
          {"apply", PLAYBOOK, "--tag", "ticket=CAB-7\nstate=APPLIED"},
          {"rollback", "--operator", "eve\u2028bob"},
          {"history", "--playbook", "x\ny"}};
      for (String[] args : bad) {
        Cli.Result r = Cli.on(db, args);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains(": must not contain control characters"), r::toString);
        assertFalse(r.toString().contains("forged line") || r.toString().contains("all clear"), r::toString);
      }
      assertFalse(db.hasLedger(), "refused input created the ledger");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void urlTogetherWithATargetAndNegativeLimitsAreRefused(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result both = Cli.on(db, "apply", PLAYBOOK, "-t", "sandbox", "--yes");
      assertEquals(2, both.exit(), both::toString);
      assertTrue(both.err().contains("--url and --target name two targets; give one of them"), both::toString);
      for (String limit : new String[] {"-5", "0"}) {
        Cli.Result r = Cli.on(db, "history", "--limit", limit);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--limit: must be 1 or more, not " + limit), r::toString);
      }
      Cli.Result watch = Cli.on(db, "watch", "--interval", "-1", "--count", "1");
      assertEquals(2, watch.exit(), watch::toString);
      assertFalse(db.hasLedger(), "refused input created the ledger");
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void numbersArePrintedTheSameOnAGermanMachine(ScratchDb.Kind kind) throws Exception {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try (ScratchDb db = ScratchDb.create(kind)) {
      Cli.Result seed = Cli.on(db, "seed");
      assertEquals(0, seed.exit(), seed::toString);
      assertTrue(seed.out().matches("(?s).* in \\d+\\.\\d s\\R"), "a decimal point, not a comma: " + seed);
      Cli.Result apply = Cli.on(db, "apply", PLAYBOOK);
      assertEquals(0, apply.exit(), apply::toString);
      assertTrue(apply.out().lines().findFirst().orElse("").matches(".* \\(\\d+\\.\\d s\\)"), apply::toString);
    } finally {
      Locale.setDefault(before);
    }
  }
}
