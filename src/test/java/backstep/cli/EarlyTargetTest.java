package backstep.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which targets {@link EarlyTarget} opens beside the reading of a history: only those that open silently. */
class EarlyTargetTest {
  private static TargetOptions url(String passwordEnv) {
    TargetOptions t = new TargetOptions();
    t.url = "jdbc:postgresql://127.0.0.1:5432/somewhere";
    t.user = "postgres";
    t.environment = "sandbox";
    t.passwordEnv = passwordEnv;
    return t;
  }

  @Test
  void aUrlWithoutPasswordOrWithItsVariableSetOpensEarly() {
    assertTrue(EarlyTarget.silent(url(null)));
    assertTrue(EarlyTarget.silent(url("PATH")), "a password variable that is set: nothing to ask");
  }

  @Test
  void aTargetThatCouldPromptOrPrintWaitsForTheFiles() {
    assertFalse(EarlyTarget.silent(url("BACKSTEP_EARLY_TARGET_TEST_UNSET")), "its password would be asked for");
    TargetOptions sandbox = new TargetOptions();
    sandbox.targetsFile = java.nio.file.Path.of("no-such-targets.yaml");
    assertFalse(EarlyTarget.silent(sandbox), "the sandbox prints that it starts");
    TargetOptions fresh = url(null);
    fresh.fresh = true;
    assertFalse(EarlyTarget.silent(fresh));
    TargetOptions both = url(null);
    both.target = "prod";
    assertFalse(EarlyTarget.silent(both), "an invalid choice of target is said after the files are read");
    assertFalse(EarlyTarget.silent(null));
  }
}
