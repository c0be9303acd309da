package backstep.ui.drill;

import backstep.drill.Drill;
import backstep.drill.DrillLoader;
import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a drills folder (called off the FX thread): every {@code *.yaml} that is a drill, with its playbook. */
public final class DrillFiles {
  private DrillFiles() {}

  /** The folder the console reads drills from: {@code -Dbackstep.drills}, else {@code drills} beside playbooks. */
  public static Path folderFor(Path playbooks) {
    String prop = System.getProperty("backstep.drills");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    Path parent = playbooks.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("drills") : parent.resolve("drills");
  }

  static List<DrillEntry> scan(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(f -> !f.getFileName().toString().startsWith("targets.")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
    List<DrillEntry> out = new ArrayList<>();
    for (Path f : files) {
      out.add(load(f));
    }
    return out;
  }

  static DrillEntry load(Path file) {
    Drill drill;
    try {
      drill = new DrillLoader().load(file);
    } catch (InvalidFileException e) {
      return new DrillEntry(file, null, null, first(e.problems()));
    } catch (RuntimeException e) {
      return new DrillEntry(file, null, null, String.valueOf(e.getMessage()));
    }
    try {
      return new DrillEntry(file, drill, new PlaybookLoader(null).load(drill.playbook()), null);
    } catch (InvalidFileException e) {
      return new DrillEntry(file, drill, null, "its playbook: " + first(e.problems()));
    } catch (RuntimeException e) {
      return new DrillEntry(file, drill, null, "its playbook: " + e.getMessage());
    }
  }

  private static String first(List<Problem> problems) {
    return problems.isEmpty() ? "invalid" : problems.get(0).toString();
  }
}
