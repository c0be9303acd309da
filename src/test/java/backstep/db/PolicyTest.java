package backstep.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code policy:} of targets.yaml: defaults, tightening, and refusals that name file, line and field. */
class PolicyTest {
  @TempDir
  Path dir;

  private Targets load(String yaml) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, yaml);
    return Targets.load(f);
  }

  private static final String TARGETS = """
      targets:
        stage-orders:
          url: jdbc:postgresql://127.0.0.1:5432/x
          environment: staging
        prod-orders:
          url: jdbc:postgresql://127.0.0.1:5432/y
          environment: production
      """;

  @Test
  void withoutAPolicyTodaysRulesHold() throws Exception {
    Targets t = load(TARGETS);
    PolicyRule prod = t.find("prod-orders").orElseThrow().policy();
    assertEquals(Set.of(RunGate.TYPED_CONFIRMATION, RunGate.SECOND_APPROVER), prod.apply());
    assertEquals(prod.apply(), prod.rollback());
    assertEquals("built-in", prod.origin());
    assertEquals(Set.of(RunGate.CONFIRMATION), t.find("stage-orders").orElseThrow().policy().apply());
    assertTrue(t.find("sandbox").orElseThrow().policy().apply().isEmpty());
  }

  @Test
  void aPolicyTightensAClassAndKeepsTheBuiltInRuleForWhatItLeavesOut() throws Exception {
    Targets t = load(TARGETS + """
        policy:
          staging: {apply: [second_approver]}
          production:
            apply: [second_approver, typed_confirmation, reason]
        """);
    PolicyRule staging = t.find("stage-orders").orElseThrow().policy();
    assertEquals(Set.of(RunGate.SECOND_APPROVER), staging.apply());
    assertEquals(Set.of(RunGate.CONFIRMATION), staging.rollback(), "rollback left out: built-in");
    assertEquals("targets.yaml:9", staging.origin());
    assertEquals("staging.apply: second_approver (targets.yaml:9)", staging.describe(false));
    PolicyRule prod = t.find("prod-orders").orElseThrow().policy();
    assertEquals(Set.of(RunGate.TYPED_CONFIRMATION, RunGate.SECOND_APPROVER, RunGate.REASON), prod.apply());
    assertEquals("targets.yaml:11", prod.origin());
  }

  @Test
  void productionCannotBeLoosenedAndMistakesNameFileLineAndField() throws Exception {
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> load(TARGETS + """
        policy:
          production: {apply: [confirmation], rollback: []}
          staging: {apply: [second_aprover], merge: [confirmation]}
          prod: {apply: []}
        """));
    List<String> shown = e.problems().stream().map(Problem::format).toList();
    assertEquals(5, shown.size(), shown::toString);
    String file = dir.resolve("targets.yaml").toString();
    assertTrue(shown.contains(file + ":9:23 policy.production.apply: a policy can only tighten production: apply "
        + "must keep second_approver (the built-in minimum; add gates, do not remove it)"), shown::toString);
    assertTrue(shown.stream().anyMatch(s -> s.startsWith(file + ":9:")
        && s.contains("policy.production.rollback: a policy can only tighten production")), shown::toString);
    assertTrue(shown.contains(file + ":10:21 policy.staging.apply[0]: unknown gate 'second_aprover' (allowed: "
        + "confirmation, typed_confirmation, second_approver, reason)"), shown::toString);
    assertTrue(shown.stream().anyMatch(s -> s.startsWith(file + ":10:")
        && s.contains("policy.staging.merge: unknown field (allowed: apply, rollback)")), shown::toString);
    assertTrue(shown.contains(file + ":11:3 policy.prod: unknown environment class 'prod' (allowed: sandbox, "
        + "staging, production)"), shown::toString);
  }
}
