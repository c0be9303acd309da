package backstep.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.playbook.InvalidFileException;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Param;
import backstep.traffic.TrafficProfile.ParamType;
import backstep.traffic.TrafficProfile.Role;
import backstep.traffic.TrafficProfile.Shape;
import backstep.traffic.TrafficProfile.Stats;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileFileTest {
  private static final Path FILE = Path.of("shop.profile.yaml");

  static TrafficProfile sample() {
    return new TrafficProfile(1, "postgresql", "prod", Instant.parse("2026-12-06T10:00:00Z"), 15, 20,
        List.of(new Shape("s1", "SELECT abalance FROM a WHERE aid = $1", Kind.READ, "a", 900, 60, 1, 0.2,
            List.of(new Param(1, "a.aid", ParamType.INTEGER, Role.MATCH, new Stats(5000, 5000, 0, 10000L, false,
                null, null), false, null))),
            new Shape("s2", "UPDATE a SET note = $1, aid = $3 WHERE aid = $2", Kind.WRITE, "a", 300, 20, 1, 0.4,
                List.of(new Param(1, "a.note", ParamType.TEXT, Role.VALUE, new Stats(5000, 10, 0.5, null, null, 3,
                    12), false, null), new Param(2, "a.aid", ParamType.INTEGER, Role.MATCH, null, false, null),
                    new Param(3, "a.aid", ParamType.INTEGER, Role.VALUE, null, true, "b.id")))),
        List.of("302 explicit transactions began"));
  }

  @Test
  void aProfileReadsBackAsItWasWritten() throws InvalidFileException {
    TrafficProfile p = sample();
    String text = ProfileFile.text(p);
    assertTrue(text.contains("# 80.0 statements/s, 75.0% reads"), text);
    assertEquals(p, ProfileFile.parse(FILE, text));
    assertEquals(List.of("a"), p.writtenTables());
  }

  @Test
  void aBrokenProfileNamesFileLineAndField() {
    String text = ProfileFile.text(sample()).replace("kind: write", "kind: delete")
        .replace("per_second: 60.0", "per_second: fast").replace("{n: 2, column: \"a.aid\"", "{n: 3, column: "
            + "\"a.aid\"");
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> ProfileFile.parse(FILE, text));
    String all = e.getMessage();
    assertTrue(all.contains("statements[1].kind") && all.contains("unknown kind 'delete' (use read, write)"), all);
    assertTrue(all.contains("statements[0].per_second") && all.contains("expected a number"), all);
    assertTrue(all.contains("statements[1].sql") && all.contains("placeholder 2 has no entry under params"), all);
    assertTrue(all.startsWith("shop.profile.yaml:"), all);
  }
}
