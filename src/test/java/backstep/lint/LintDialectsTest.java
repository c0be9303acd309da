package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With {@code dialects:} declared, plain SQL is linted for those families only (issue 12). */
class LintDialectsTest {
  private static final String STEPS = """
      steps:
        - id: add-note
          kind: sql
          title: Add orders.note and orders.tag
          forward: |
            ALTER TABLE orders ADD COLUMN note VARCHAR(200);
            ALTER TABLE orders ADD COLUMN tag VARCHAR(20)
          rollback: |
            ALTER TABLE orders DROP COLUMN tag;
            ALTER TABLE orders DROP COLUMN note
      """;

  private static Playbook load(String dialects) throws Exception {
    return new PlaybookLoader(null).parse(Path.of("p.yaml"), "id: p\ntitle: t\nintent: i\n" + dialects + STEPS);
  }

  @Test
  void mysqlRulesStayQuietOnAPostgresqlOnlyPlaybook() throws Exception {
    List<Finding> undeclared = Linter.lint(load(""));
    assertEquals(Set.of(Rule.BS010, Rule.BS013), rules(undeclared, DialectFamily.MYSQL),
        "without dialects, plain SQL is linted as MySQL too");

    Playbook pg = load("dialects: [postgresql]\n");
    assertEquals(EnumSet.of(DialectFamily.POSTGRESQL), Linter.dialects(pg));
    assertEquals(Set.of(), rules(Linter.lint(pg), DialectFamily.MYSQL));
  }

  private static Set<Rule> rules(List<Finding> findings, DialectFamily family) {
    Set<Rule> out = EnumSet.noneOf(Rule.class);
    findings.stream().filter(f -> f.dialect() == family).forEach(f -> out.add(f.rule()));
    return out;
  }
}
