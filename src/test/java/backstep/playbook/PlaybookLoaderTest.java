package backstep.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Loading and validating playbooks; dialects, rollback modes and what a verify may do: PlaybookRulesTest. */
class PlaybookLoaderTest {
  static final Path FILE = Path.of("playbooks/x.yaml");

  static List<String> problems(String yaml) {
    InvalidFileException e = assertThrows(InvalidFileException.class,
        () -> new PlaybookLoader(Set.of("sandbox", "staging-orders")).parse(FILE, yaml));
    return e.problems().stream().map(Problem::format).toList();
  }

  @Test
  void reportsEveryProblemAtOnceWithFileLineColumnAndFieldPath() {
    List<String> p = problems("""
        id: bad
        title: Bad playbook
        intent: many problems
        colour: blue
        targets: [staging-orders, prod-nowhere]
        steps:
          - id: one
            kind: sql
            title: No rollback
            forward: ALTER TABLE t ADD COLUMN c INT
            verify:
              - sql: SELECT 1
          - id: one
            kind: sql
            title: No verify, duplicate id
            forward: SELECT 1
            rollback: SELECT 1
          - id: three
            kind: sql
            title: Wrong types
            forward: SELECT 1
            rollback: SELECT 1
            verify: [{sql: SELECT 1}]
            guards: {retries: many, lock_timeout: 500}
          - id: four
            kind: observe
            title: No duration, no guards
        """);
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:4:1 colour: unknown field (allowed: ")
        && s.contains("blast_radius") && s.contains("steps") && s.contains("canary")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:5:") && s.contains("targets[1]: unknown "
        + "target 'prod-nowhere'")), p.toString());
    assertTrue(p.contains("playbooks/x.yaml:7:5 steps[0].rollback: missing"), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("playbooks/x.yaml:13:") && s.contains("steps[1].id: "
        + "duplicate step id 'one' (also steps[0])")), p.toString());
    assertTrue(p.contains("playbooks/x.yaml:24:23 steps[2].guards.retries: expected a whole number, found 'many'"),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[2].guards.lock_timeout: expected a duration with a unit")),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[3].duration: missing: how long to observe")),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[3]: an observe step needs guards to watch")),
        p.toString());
  }

  @Test
  void malformedYamlNamesTheLine() {
    List<String> p = problems("id: x\ntitle: [unclosed\nsteps: []\n");
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith("playbooks/x.yaml:"), p.toString());
    assertTrue(p.get(0).contains("malformed YAML"), p.toString());
  }

  @Test
  void mirroredStatementCountsAreRequiredWhereStatementsCommitOneByOne() {
    List<String> p = problems("""
        id: mysql-multi
        title: t
        intent: i
        steps:
          - id: two-ddl
            kind: sql
            title: Two DDL statements
            forward:
              mysql: |
                ALTER TABLE a ADD COLUMN x INT;
                ALTER TABLE b ADD COLUMN y INT;
            rollback:
              mysql: ALTER TABLE a DROP COLUMN x, DROP COLUMN y
            verify: [{sql: SELECT 1}]
        """);
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[0].rollback: 1 statement(s) but forward has 2")),
        p.toString());
  }

  @Test
  void batchPlaceholderAndBatchSizeGoTogether() {
    List<String> p = problems("""
        id: b
        title: t
        intent: i
        steps:
          - id: backfill
            kind: sql
            title: Backfill
            forward: UPDATE t SET c = 0 WHERE c IS NULL LIMIT ${batch_size}
            rollback: UPDATE t SET c = NULL LIMIT ${batch_size}
            verify: [{sql: SELECT count(*) FROM t WHERE c IS NULL, expect: 0}]
          - id: other
            kind: sql
            title: x
            forward: SELECT ${nope}
            rollback: SELECT 1
            verify: [{sql: SELECT 1}]
            guards: {batch_size: 100}
        """);
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[0].guards.batch_size: missing")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("unknown placeholder ${nope}")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[1].guards.batch_size: set, but no statement uses")),
        p.toString());
  }

  @Test
  void fullScanBelongsToOrphanChecksOnly() throws Exception {
    String steps = """
        steps:
          - id: s
            kind: sql
            title: x
            forward: SELECT 1
            rollback: SELECT 1
            verify: [{sql: SELECT count(*) FROM t}]
        """;
    List<String> p = problems("id: f\ntitle: t\nintent: i\n" + steps + """
        checks:
          - {name: rows, row_count: t, expect: 1, full_scan: true}
          - {name: keys, orphans: all, full_scan: sometimes}
        """);
    assertTrue(p.stream().anyMatch(s -> s.contains("checks[0].full_scan: only an orphans check has full_scan")),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("checks[1].full_scan: expected true or false")), p.toString());

    java.nio.file.Path file = java.nio.file.Files.createTempFile("full-scan", ".yaml");
    try {
      java.nio.file.Files.writeString(file, "id: f\ntitle: t\nintent: i\n" + steps + """
          checks:
            - {name: keys, orphans: all, full_scan: true}
            - {name: keys2, orphans: all}
          """);
      Playbook pb = new PlaybookLoader(null).load(file);
      assertTrue(pb.checks().get(0).fullScan());
      assertFalse(pb.checks().get(1).fullScan());
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void seedNamesAFileForEveryFamilyOrOnePerFamily() throws Exception {
    String head = "id: s\ntitle: t\nintent: i\nsteps:\n  - id: s\n    kind: sql\n    title: x\n"
        + "    forward: SELECT 1\n    rollback: SELECT 1\n    verify: [{sql: SELECT count(*) FROM t}]\n";
    List<String> p = problems(head + "seed: {}\n");
    assertTrue(p.stream().anyMatch(s -> s.contains("seed: name a file for postgresql: and/or mysql:")), p.toString());
    p = problems(head + "seed: {oracle: x.sql}\n");
    assertTrue(p.stream().anyMatch(s -> s.contains("seed.oracle")), p.toString());

    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("seed");
    java.nio.file.Path one = dir.resolve("one.yaml");
    java.nio.file.Path two = dir.resolve("two.yaml");
    java.nio.file.Files.writeString(one, head + "seed: seeds/shop.sql\n");
    java.nio.file.Files.writeString(two, head + "seed: {mysql: my.sql}\n");
    Playbook both = new PlaybookLoader(null).load(one);
    assertEquals(java.util.Optional.of(dir.toAbsolutePath().resolve("seeds/shop.sql")),
        both.seedFile(DialectFamily.POSTGRESQL));
    assertEquals(both.seedFile(DialectFamily.POSTGRESQL), both.seedFile(DialectFamily.MYSQL));
    Playbook mysqlOnly = new PlaybookLoader(null).load(two);
    assertTrue(mysqlOnly.seedFile(DialectFamily.POSTGRESQL).isEmpty());
    assertEquals(java.util.Optional.of(dir.toAbsolutePath().resolve("my.sql")),
        mysqlOnly.seedFile(DialectFamily.MYSQL));
  }

  @Test
  void aValidPlaybookIsFrozenWithDefaultsAndStatementLines() throws Exception {
    Playbook pb = new PlaybookLoader(null).load(Path.of("playbooks/add-email-verified.yaml"));
    assertEquals("add-email-verified", pb.id());
    assertEquals(6, pb.steps().size());
    assertEquals(Set.of(DialectFamily.POSTGRESQL, DialectFamily.MYSQL), pb.dialects());
    SqlStep add = (SqlStep) pb.step("add-column").orElseThrow();
    assertEquals(Duration.ofMillis(500), add.guards().lockTimeout(), "playbook defaults apply");
    assertEquals(5, add.guards().retries());
    SqlStep backfill = (SqlStep) pb.step("backfill").orElseThrow();
    assertEquals(5000, backfill.guards().batchSize());
    assertTrue(backfill.runsInOneTransaction(DialectFamily.POSTGRESQL, true) == false,
        "batched statements commit batch by batch");
    assertTrue(add.runsInOneTransaction(DialectFamily.POSTGRESQL, true));
    assertEquals(64, pb.sha256().length());
  }

  @Test
  void aPlaybookRecordedWithARunBeforeTheProofRuleStillLoadsForItsRollback() throws Exception {
    String applied = """
        id: old
        title: Applied by an earlier version
        intent: its verify proves nothing, which that version accepted
        steps:
          - id: add
            kind: sql
            title: Add a column
            forward: ALTER TABLE orders ADD COLUMN note TEXT
            rollback: ALTER TABLE orders DROP COLUMN note
            verify: [{sql: SELECT 1}]
        """;
    assertTrue(problems(applied).stream().anyMatch(s -> s.contains("proves nothing")));
    Playbook pb = PlaybookLoader.forRecordedRun().parse(Path.of("ledger"), applied);
    assertEquals(1, ((SqlStep) pb.steps().get(0)).verify().size());

    List<String> p = assertThrows(InvalidFileException.class, () -> PlaybookLoader.forRecordedRun()
        .parse(FILE, applied.replace("SELECT 1", "SELECT nextval('s') FROM orders"))).problems().stream()
        .map(Problem::format).toList();
    assertTrue(p.stream().anyMatch(s -> s.contains("changes data (nextval()")), "a query that writes is never run: "
        + p);
  }

  @Test
  void backoffIsExponentialAndCapped() {
    Guards g = new Guards(Duration.ofMillis(200), Duration.ZERO, 6, Duration.ofMillis(100), Duration.ofMillis(500),
        0, 0);
    assertEquals(List.of(100L, 200L, 400L, 500L, 500L),
        List.of(1, 2, 3, 4, 5).stream().map(i -> g.backoffBefore(i).toMillis()).toList());
  }

  @Test
  void expectationsMatchBooleansAsNumbersForMysql() {
    assertTrue(Expectation.parse("true").matches(1L));
    assertTrue(Expectation.parse("true").matches(Boolean.TRUE));
    assertTrue(Expectation.parse("0").matches(0L));
    assertTrue(Expectation.parse("> 1000").matches(1001));
    assertTrue(!Expectation.parse("> 1000").matches(1000));
    assertTrue(Expectation.parse(null).matches(null));
  }

  @Test
  void expectRunsPassesWhateverTheQueryReturnsAndIsForVerifyOnly() throws Exception {
    String yaml = """
        id: runs
        title: t
        intent: i
        steps:
          - id: s
            kind: sql
            title: t
            forward: ALTER TABLE bookings ADD COLUMN note TEXT
            rollback: ALTER TABLE bookings DROP COLUMN note
            verify:
              - sql: SELECT note FROM bookings WHERE false
                expect: runs
              - sql: SELECT note FROM bookings WHERE false
                expect: "= runs"
        """;
    SqlStep step = (SqlStep) new PlaybookLoader(null).parse(FILE, yaml).steps().get(0);
    Expectation runs = step.verify().get(0).expect();
    assertEquals(Expectation.Op.RUNS, runs.op());
    assertTrue(runs.onlyRuns() && runs.matches(null) && runs.matches(0L) && runs.matches("x"));
    assertEquals("runs without an error", runs.describe());
    Expectation text = step.verify().get(1).expect();
    assertEquals(Expectation.Op.EQ, text.op());
    assertTrue(text.matches("runs") && !text.matches(null), "\"= runs\" is the text");

    List<String> p = problems(yaml.replace("SELECT note FROM bookings WHERE false\n        expect: runs",
        "DELETE FROM bookings\n        expect: runs") + """
        checks:
          - name: bookings
            kind: sql
            sql: SELECT count(*) FROM bookings
            expect: runs
        """);
    assertTrue(p.stream().anyMatch(s -> s.contains("steps[0].verify[0].sql: changes data (DELETE)")),
        "runs does not lift the read-only rule: " + p);
    assertTrue(p.stream().anyMatch(s -> s.contains("checks[0].expect: 'runs' is for verify queries only")),
        p.toString());
  }
}
