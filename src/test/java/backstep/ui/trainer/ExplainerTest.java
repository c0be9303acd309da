package backstep.ui.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer's plain-language explanations, read from a sample playbook's own fields and SQL keywords. */
class ExplainerTest {
  @Test
  void explainsEveryStepOfASamplePlaybookWithLocksAndUndo() throws Exception {
    Playbook p = new PlaybookLoader(null).load(Path.of("playbooks/add-email-verified.yaml"));
    List<Explanation> steps = Explainer.explain(p, DialectFamily.POSTGRESQL);
    assertEquals(p.steps().size(), steps.size());
    for (Explanation e : steps) {
      assertTrue(!e.does().isBlank() && !e.locks().isBlank() && !e.undo().isBlank(), e.toString());
    }
    Explanation add = steps.stream().filter(e -> e.kind().equals("sql") && e.forward().toUpperCase()
        .contains("ADD COLUMN")).findFirst().orElseThrow();
    assertTrue(add.locks().contains("ACCESS EXCLUSIVE") && add.locks().contains("customers"), add.locks());
    assertTrue(add.undo().contains("rollback SQL"), add.undo());
    assertTrue(!add.rollback().isBlank());
  }

  @Test
  void namesTheLockEachKindOfStatementTakes() {
    DialectFamily pg = DialectFamily.POSTGRESQL;
    assertTrue(Explainer.statementLocks("CREATE INDEX CONCURRENTLY i ON orders (customer_id)", pg, false)
        .startsWith("orders: SHARE UPDATE EXCLUSIVE"));
    assertTrue(Explainer.statementLocks("CREATE INDEX i ON orders (customer_id)", pg, false)
        .contains("every write waits"));
    assertTrue(Explainer.statementLocks("UPDATE customers SET tier = 1 WHERE id < 10", pg, true)
        .contains("one batch at a time"));
    assertTrue(Explainer.statementLocks("ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2)", pg, false)
        .contains("rewritten"));
    assertTrue(Explainer.statementLocks("ALTER TABLE orders ADD COLUMN x int", DialectFamily.MYSQL, false)
        .contains("metadata lock"));
    assertNull(Explainer.statementLocks("SELECT 1", pg, false));
  }
}
