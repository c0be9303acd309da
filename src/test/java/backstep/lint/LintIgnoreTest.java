package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A step's {@code lint: {ignore, reason}} moves exactly the named rules' findings to "suppressed". */
class LintIgnoreTest {
  private static final String PLAYBOOK = """
      id: ignore
      title: Ignore a rule with a reason
      intent: The table is tiny and has no writers during the window.
      steps:
        - id: index
          kind: sql
          title: Index
          forward: CREATE INDEX orders_status_idx ON orders (status)
          rollback: DROP INDEX orders_status_idx
          lint:
            ignore: [bs004]
            reason: orders_archive is read-only and has 200 rows
      """;

  @Test
  void ignoredRulesAreSuppressedOthersStay() throws Exception {
    Playbook p = new PlaybookLoader(null).parse(Path.of("ignore.yaml"), PLAYBOOK);
    Linter.Report r = Linter.report(p);
    assertEquals(List.of(Rule.BS004), r.suppressed().stream().map(Finding::rule).distinct().toList());
    assertTrue(r.findings().stream().noneMatch(f -> f.rule() == Rule.BS004), r.findings()::toString);
    assertEquals("orders_archive is read-only and has 200 rows", p.lintIgnores().get("index").reason());
  }

  @Test
  void aLintSectionNeedsRuleIdsAndAReason() {
    String bad = PLAYBOOK.replace("ignore: [bs004]", "ignore: [BS4, index]")
        .replace("      reason: orders_archive is read-only and has 200 rows\n", "");
    InvalidFileException e = assertThrows(InvalidFileException.class,
        () -> new PlaybookLoader(null).parse(Path.of("ignore.yaml"), bad));
    List<String> problems = e.problems().stream().map(x -> x.format()).toList();
    assertTrue(problems.stream().anyMatch(s -> s.contains("steps[0].lint.ignore: not a lint rule id: 'BS4'")),
        problems::toString);
    assertTrue(problems.stream().anyMatch(s -> s.contains("steps[0].lint.reason: missing")), problems::toString);
  }
}
