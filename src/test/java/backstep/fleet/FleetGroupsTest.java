package backstep.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.db.EnvironmentClass;
import backstep.db.ServerDatabases;
import backstep.db.TargetSpec;
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
        "14 groups.tenants.speed: unknown field (allowed: after_canary, canary, concurrency, databases, "
            + "failure_budget, members, pattern, server, wave_size)",
        "16 groups.both: give one of members (a list of targets), pattern (a glob over target names, e.g. "
            + "'tenant-*') or server with databases (the databases on a server, e.g. 'tenant_%'), not several",
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

  @Test
  void aServerGroupKeepsItsPatternAndListsDatabasesAsServerSlashDatabaseWithTheCanaryFirst() throws Exception {
    FleetGroup g = load(TARGETS + """
        groups:
          tenants:
            server: tenant-a
            databases: 'tenant\\_%'
            canary: [tenant_02]
            wave_size: 2
        """).find("tenants").orElseThrow();
    assertTrue(g.onServer());
    assertEquals("tenant\\_%", g.databases());
    assertEquals(List.of(), g.members());
    FleetGroup l = g.listed(List.of("tenant_01", "tenant_02", "tenant_03"));
    assertEquals(List.of("tenant-a/tenant_02", "tenant-a/tenant_01", "tenant-a/tenant_03"), l.order());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> g.listed(List.of()));
    assertEquals("group 'tenants': no database on server 'tenant-a' matches 'tenant\\_%'", none.getMessage());
    IllegalArgumentException canary = assertThrows(IllegalArgumentException.class,
        () -> g.listed(List.of("tenant_01", "tenant_03")));
    assertTrue(canary.getMessage().contains("canary database(s) tenant_02 not found"), canary.getMessage());
  }

  @Test
  void aServerMembersTargetIsTheServersWithItsDatabaseSwapped() {
    TargetSpec server = new TargetSpec("pg", "jdbc:postgresql://h:5432/postgres?sslmode=require", "u", "PW",
        EnvironmentClass.STAGING, "central");
    TargetSpec m = ServerDatabases.member(server, "tenant_7");
    assertEquals("pg/tenant_7", m.name());
    assertEquals("jdbc:postgresql://h:5432/tenant_7?sslmode=require", m.url());
    assertEquals("central", m.ledger());
    assertEquals("PW", m.passwordEnv());
    assertEquals("jdbc:mariadb://h:3306/t1", ServerDatabases.member(new TargetSpec("m", "jdbc:mariadb://h:3306",
        "u", null, EnvironmentClass.STAGING), "t1").url());
    assertEquals("pg", ServerDatabases.serverOf("pg/tenant_7"));
  }

  @Test
  void afterCanaryIsReadAndItsMistakesAreNamedWithTheirLines() throws Exception {
    FleetGroup g = load(TARGETS + """
        groups:
          tenants:
            members: [tenant-a, tenant-b]
            canary: [tenant-a]
            after_canary: {observe: 90s, min_samples: 20, gate: approval}
        """).find("tenants").orElseThrow();
    assertEquals(new CanaryHold(java.time.Duration.ofSeconds(90), 20, CanaryHold.Gate.APPROVAL), g.hold());
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> load(TARGETS + """
        groups:
          nocanary:
            members: [tenant-a, tenant-b]
            after_canary: {gate: confirm}
          bad:
            members: [tenant-a, tenant-b, tenant-c]
            canary: [tenant-a, tenant-a]
            failure_budget: 3
            after_canary:
              observe: soon
              gate: maybe
          empty:
            members: [tenant-a, tenant-b]
            canary: [tenant-a]
            after_canary: {}
          all:
            server: nowhere
            canary: [tenant-a]
        """));
    List<String> got = e.problems().stream().map(p -> p.line() + " " + p.path() + ": " + p.message()).toList();
    assertEquals(List.of(
        "11 groups.nocanary.after_canary: needs a canary: name the members applied first with canary:",
        "14 groups.bad.canary[1]: 'tenant-a' is listed twice",
        "15 groups.bad.failure_budget: must be less than the group's 3 member(s): with 3 the fleet would never "
            + "turn around",
        "17 groups.bad.after_canary.observe: expected a duration with a unit (500ms, 2s, 5m), found 'soon'",
        "18 groups.bad.after_canary.gate: expected none, confirm or approval, found 'maybe'",
        "22 groups.empty.after_canary: give observe (a duration, e.g. 5m) and/or gate (confirm or approval)",
        "24 groups.all.server: names no target of this file: 'nowhere' (known: central, other, tenant-a, "
            + "tenant-b, tenant-c)",
        "24 groups.all.databases: missing: with server, give databases, a pattern over the server's database "
            + "names ('%' any run of characters, '_' one), e.g. 'tenant\\_%'"), got);
  }
}
