package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code history.yaml} and every playbook it lists, reporting every problem of every file at once (file,
 * line and field), as the playbook loader does.
 */
public final class HistoryLoader {
  private final PlaybookLoader playbooks;

  public HistoryLoader(PlaybookLoader playbooks) {
    this.playbooks = playbooks;
  }

  /**
   * Whether {@code path} names a history: a folder holding {@code history.yaml}, or a YAML file whose top level has
   * {@code migrations:} (a playbook has {@code steps:}).
   */
  public static boolean isHistory(Path path) {
    if (Files.isDirectory(path)) {
      return Files.isRegularFile(path.resolve(HistoryWriter.HISTORY_FILE));
    }
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try {
      String text = Files.readString(path);
      return text.lines().anyMatch(l -> l.startsWith("migrations:")) && text.lines().noneMatch(l -> l.startsWith(
          "steps:"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** The history file a path names: the path itself, or {@code history.yaml} in a folder. */
  public static Path file(Path path) {
    return Files.isDirectory(path) ? path.resolve(HistoryWriter.HISTORY_FILE) : path;
  }

  public History load(Path path) throws InvalidFileException {
    Path file = file(path);
    String text = PlaybookLoader.read(file);
    YamlObject.Problems problems = new YamlObject.Problems(file);
    YamlTree.Node root = PlaybookLoader.readTree(file, text, problems);
    Optional<YamlObject> top = YamlObject.of(root, "", problems);
    if (top.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    YamlObject o = top.get();
    String id = o.requiredString("history").orElse("");
    String title = o.string("title").orElse(id);
    Set<DialectFamily> dialects = EnumSet.noneOf(DialectFamily.class);
    for (String d : o.strings("dialects")) {
      DialectFamily.fromKey(d).ifPresentOrElse(dialects::add,
          () -> problems.add(o.get("dialects").get(), "dialects", "unknown SQL dialect '" + d
              + "' (use postgresql or mysql)"));
    }
    o.get("imported").flatMap(n -> YamlObject.of(n, "imported", problems)).ifPresent(i -> {
      i.string("format");
      i.string("source");
      i.string("at");
      i.finish();
    });
    List<String> notImported = o.strings("not_imported");
    List<String> warnings = o.strings("warnings");
    List<Playbook> migrations = new ArrayList<>();
    List<Problem> all = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    Optional<YamlTree.Node> list = o.required("migrations");
    if (list.isPresent()) {
      List<YamlTree.Node> items = o.list(list.get(), "migrations");
      if (items.isEmpty() && list.get() instanceof YamlTree.ListNode) {
        problems.add(list.get(), "migrations", "list at least one playbook");
      }
      Path folder = file.toAbsolutePath().getParent();
      for (int i = 0; i < items.size(); i++) {
        String at = "migrations[" + i + "]";
        YamlTree.Node item = items.get(i);
        Optional<String> name = o.scalarText(item, at);
        if (name.isEmpty()) {
          continue;
        }
        Path pb = folder.resolve(name.get()).normalize();
        if (!Files.isRegularFile(pb)) {
          problems.add(item, at, "no such playbook: " + name.get() + " (relative to " + file.getFileName() + ")");
          continue;
        }
        try {
          Playbook p = playbooks.load(pb);
          String seen = ids.putIfAbsent(p.id(), name.get());
          if (seen != null) {
            problems.add(item, at, "playbook id '" + p.id() + "' is also the id of " + seen
                + "; each migration needs its own id (the ledger keeps runs by id)");
          }
          migrations.add(p);
        } catch (InvalidFileException e) {
          all.addAll(e.problems());
        }
      }
    }
    o.finish();
    all.addAll(0, problems.list());
    if (!all.isEmpty()) {
      throw new InvalidFileException(file, all);
    }
    return new History(file, id, title, dialects, migrations, notImported, warnings);
  }
}
