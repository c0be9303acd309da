package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import backstep.db.Targets;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code groups:} of a targets file: read in order, waves computed, every mistake named with its line. */
class FleetGroupsTest {
  private static final String TARGETS = """
      ledger: central
      targets:
        central: {url: "jdbc:postgresql://h:5432/ledger", user: u, environment: staging}
        tenant-a: {url: "jdbc:postgresql://h:5432/a", user: u, environment: staging}
        tenant-b: {url: "jdbc:mysql://h:3306/b", user: u, environment: staging}
        tenant-c: {url: "jdbc:postgresql://h:5432/c", user: u, environment: staging}
        other: {url: "jdbc:postgresql://h:5432/o", user: u, environment: staging}
      """;

  @TempDir
  Path dir;

  private FleetGroups load(String text) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, text);
    return FleetGroups.load(Targets.load(f));
  }

  @Test
  void aPatternListsMatchingTargetsInNameOrderWithTheCanaryFirst() throws Exception {
    FleetGroup g = load(TARGETS + """
        groups:
          tenants:
            pattern: "tenant-*"
            canary: [tenant-c]
            wave_size: 2
            concurrency: 2
            failure_budget: 1
        """).find("tenants").orElseThrow();
    assertEquals(List.of("tenant-a", "tenant-b", "tenant-c"), g.members());
    assertEquals(List.of("tenant-c", "tenant-a", "tenant-b"), g.order());
    assertEquals(List.of(0, 1, 1), List.of(g.wave(0), g.wave(1), g.wave(2)));
    assertEquals("central", g.centralLedger());
    assertEquals(1, g.failureBudget());
  }

  @Test
  void everyMistakeIsNamedWithItsLineAndField() {
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> load(TARGETS + """
        groups:
          tenants:
            members: [tenant-a, nobody, central]
            canary: [other]
            wave_size: 0
            failure_budget: -1
            speed: fast
          both:
            members: [tenant-a]
            pattern: "t*"
          none:
            pattern: "zzz-*"
        """));
    List<String> got = e.problems().stream().map(p -> p.line() + " " + p.path() + ": " + p.message()).toList();
    assertEquals(List.of(
        "10 groups.tenants.members[1]: names no target of this file: 'nobody' (known: other, tenant-a, tenant-b, "
            + "tenant-c)",
        "10 groups.tenants.members[2]: names no target of this file: 'central' (known: other, tenant-a, tenant-b, "
            + "tenant-c)",
        "11 groups.tenants.canary[0]: 'other' is not a member of group 'tenants'",
        "12 groups.tenants.wave_size: must be 1 or more, not 0",
        "13 groups.tenants.failure_budget: must be 0 or more, not -1",
        "14 groups.tenants.speed: unknown field (allowed: canary, concurrency, failure_budget, members, pattern, "
            + "wave_size)",
        "16 groups.both: give either members (a list of targets) or pattern (a glob over target names, e.g. "
            + "'tenant-*'), not both",
        "19 groups.none.pattern: matches no target: 'zzz-*' (known: other, tenant-a, tenant-b, tenant-c)"), got);
  }

  @Test
  void aGroupNeedsTheCentralLedger() {
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> load(TARGETS.replace("ledger: central\n",
        "") + """
        groups:
          tenants: {members: [tenant-a]}
        """));
    Problem p = e.problems().get(0);
    assertEquals("groups.tenants", p.path());
    assertEquals(8, p.line());
  }
}
