package backstep.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.YamlTree.MapNode;
import backstep.playbook.YamlTree.ScalarNode;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML the loader must not misread (issue 14, item 5): a second document, aliases, and very long scalars. */
class YamlTreeTest {
  private static final Path FILE = Path.of("playbooks/x.yaml");

  private static List<String> problems(String yaml) {
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> new PlaybookLoader(null).parse(FILE, yaml));
    return e.problems().stream().map(Problem::format).toList();
  }

  private static String valid() throws Exception {
    return Files.readString(Path.of("playbooks/add-email-verified.yaml"));
  }

  @Test
  void aSecondDocumentIsRefusedWithItsLineNotIgnored() throws Exception {
    String first = valid();
    int line = (int) first.lines().count() + 1;
    List<String> p = problems(first + "---\nid: second\nsteps: []\n");
    assertEquals(1, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("playbooks/x.yaml:" + line + ":1 "), p.toString());
    assertTrue(p.get(0).contains("a second YAML document"), p.toString());
  }

  @Test
  void anAliasIsRefusedWithItsLineNotReadAsText() {
    List<String> p = problems("id: &name a\ntitle: *name\nintent: x\nsteps: []\n");
    assertEquals(List.of("playbooks/x.yaml:2:8 YAML aliases (*name) are not supported; write the value out in full"),
        p);
  }

  @Test
  void aFiveMegabyteScalarParsesInLinearTime() {
    // SnakeYAML 2 took 2.3 s of CPU for 1 MB and did not finish 5 MB: each 1 KiB refill copied the unread window
    String big = "x".repeat(5_000_000);
    for (String doc : List.of("title: " + big + "\n", "title: \"" + big + "\"\n", "title: |\n  " + big + "\n",
        "# " + big + "\ntitle: x\n")) {
      within10s(() -> {
        MapNode root = (MapNode) YamlTree.parse(doc, new ArrayList<>());
        ScalarNode title = (ScalarNode) root.entries().get("title").value();
        assertTrue(title.text().length() == 1 || title.text().strip().length() == big.length());
      });
    }
  }

  @Test
  void aPlaybookWithAFiveMegabyteFieldLoadsInLinearTime() throws Exception {
    String text = valid().replaceFirst("(?m)^title: .*$", "title: " + "y".repeat(5_000_000));
    within10s(() -> assertEquals(5_000_000, new PlaybookLoader(null).parse(FILE, text).title().length()));
  }

  @Test
  void scalarsAreTypedAsYaml11ReadsThem() throws Exception {
    MapNode m = (MapNode) YamlTree.parse("""
        a: 12
        b: 0x10
        c: '12'
        d: yes
        e: Off
        f: ~
        g: 1.5
        h: text
        i: !!str 7
        j:
        """, new ArrayList<>());
    List<JsonToken> types = m.entries().values().stream().map(e -> ((ScalarNode) e.value()).token()).toList();
    assertEquals(List.of(JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_STRING,
        JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE, JsonToken.VALUE_NULL, JsonToken.VALUE_NUMBER_FLOAT,
        JsonToken.VALUE_STRING, JsonToken.VALUE_STRING, JsonToken.VALUE_NULL), types);
  }

  /** A generous bound: linear parsing takes well under a second; the quadratic one took minutes. */
  private static void within10s(org.junit.jupiter.api.function.Executable work) {
    assertTimeoutPreemptively(Duration.ofSeconds(10), work);
  }
}
