package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.DialectFamily;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.SqlStep;
import backstep.playbook.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule fires on a bad example and stays quiet on the safe alternative, per dialect. Each playbook in
 * src/test/resources/lint/ says in its header which rules it is about ({@code # rule: BS001, BS003}) and, for a
 * bad example, on which dialects they must fire ({@code # fires-on: postgresql}); without {@code fires-on} the
 * playbook is the safe alternative and those rules must say nothing on any dialect. In a bad example every sql step
 * is a separate bad case, and each must be caught.
 */
class LintRulesTest {
  static final Path DIR = Path.of("src/test/resources/lint");
  private static final Pattern RULES = Pattern.compile("^# rule: (.+)$", Pattern.MULTILINE);
  private static final Pattern FIRES_ON = Pattern.compile("^# fires-on: (.+)$", Pattern.MULTILINE);

  record Fixture(Path file, List<Rule> rules, Set<DialectFamily> firesOn) {
    static Fixture read(Path file) throws IOException {
      String text = Files.readString(file);
      Matcher r = RULES.matcher(text);
      assertTrue(r.find(), file + " needs a '# rule: BSnnn' header");
      List<Rule> rules = Arrays.stream(r.group(1).split(",")).map(s -> Rule.valueOf(s.strip())).toList();
      Matcher f = FIRES_ON.matcher(text);
      Set<DialectFamily> on = EnumSet.noneOf(DialectFamily.class);
      if (f.find()) {
        Arrays.stream(f.group(1).split(",")).map(s -> DialectFamily.fromKey(s).orElseThrow()).forEach(on::add);
      }
      return new Fixture(file, rules, on);
    }

    boolean bad() {
      return !firesOn.isEmpty();
    }

    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }

  static Stream<Fixture> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      return sorted.stream().map(p -> {
        try {
          return Fixture.read(p);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void firesOnTheBadExampleAndStaysQuietOnTheSafeOne(Fixture fx) throws Exception {
    Playbook p = new PlaybookLoader(null).load(fx.file());
    List<Finding> findings = Linter.lint(p);
    Supplier<String> found = () -> "; found:\n"
        + findings.stream().map(Finding::oneLine).collect(Collectors.joining("\n"));
    for (Rule rule : fx.rules()) {
      assertEquals(fx.firesOn(), firedOn(p, findings, rule),
          () -> rule + (fx.bad() ? " must fire exactly on " + fx.firesOn() : " must stay quiet") + found.get());
    }
    if (fx.bad()) {
      for (Step step : p.steps()) {
        assertTrue(!(step instanceof SqlStep) || findings.stream()
                .anyMatch(f -> f.stepId().equals(step.id()) && fx.rules().contains(f.rule())),
            () -> "every sql step of a bad example is bad, but step '" + step.id() + "' got none" + found.get());
      }
    }
  }

  @Test
  void everyRuleHasABadAndASafeExample() throws IOException {
    List<Fixture> all = fixtures().toList();
    for (Rule rule : Rule.values()) {
      assertTrue(all.stream().anyMatch(f -> f.bad() && f.rules().contains(rule)), rule + " has no bad example");
      assertTrue(all.stream().anyMatch(f -> !f.bad() && f.rules().contains(rule)), rule + " has no safe example");
    }
  }

  @Test
  void findingsNameStepStatementAndLine() throws Exception {
    Playbook p = new PlaybookLoader(null).load(DIR.resolve("bs001-bad-drop-column.yaml"));
    Finding f = Linter.lint(p).stream().filter(x -> x.rule() == Rule.BS001).findFirst().orElseThrow();
    assertEquals("drop-note", f.stepId());
    assertEquals(null, f.dialect(), "one shared text: one finding for both dialects");
    assertEquals(((SqlStep) p.steps().get(0)).forward().statements(DialectFamily.MYSQL).get(0).line(), f.line());
    assertEquals("BS001 error step 'drop-note': drops column customers.note with no snapshot step before it keeping "
        + "customers.note — ALTER TABLE customers DROP COLUMN note", f.oneLine());
  }

  static Set<DialectFamily> firedOn(Playbook p, List<Finding> findings, Rule rule) {
    Set<DialectFamily> on = EnumSet.noneOf(DialectFamily.class);
    for (Finding f : findings) {
      if (f.rule() == rule) {
        if (f.dialect() == null) {
          on.addAll(Linter.dialects(p));
        } else {
          on.add(f.dialect());
        }
      }
    }
    return on;
  }
}
