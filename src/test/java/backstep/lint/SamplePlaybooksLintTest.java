package backstep.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.playbook.PlaybookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample playbooks are what people copy: they must lint clean at error level. */
class SamplePlaybooksLintTest {
  static List<Path> samples() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("playbooks"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void hasNoErrors(Path sample) throws Exception {
    List<Finding> errors = Linter.lint(new PlaybookLoader(null).load(sample)).stream()
        .filter(f -> f.severity() == Severity.ERROR).toList();
    assertEquals(List.of(), errors, () -> errors.stream().map(Finding::oneLine).collect(Collectors.joining("\n")));
  }
}
