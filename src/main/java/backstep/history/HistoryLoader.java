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

  /** The history file's own fields and the playbook files it lists, each with the node that names it. */
  private record Listing(Path file, String id, String title, Set<DialectFamily> dialects, List<String> notImported,
      List<String> warnings, List<Path> playbooks, List<YamlTree.Node> nodes, YamlObject.Problems problems) {}

  /**
   * The playbook files a history lists, in order, without loading them (for {@code validate}, {@code lint} and
   * {@code plan}, which read each playbook themselves). A malformed history, or one naming a missing file, is an
   * {@link InvalidFileException}.
   */
  public static List<Path> listed(Path path) throws InvalidFileException {
    Listing l = list(path);
    if (!l.problems().isEmpty()) {
      throw new InvalidFileException(l.file(), l.problems().list());
    }
    return l.playbooks();
  }

  private static Listing list(Path path) throws InvalidFileException {
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
    List<Path> playbooks = new ArrayList<>();
    List<YamlTree.Node> nodes = new ArrayList<>();
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
        Path shown = file.getParent() == null ? Path.of(name.get()) : file.getParent().resolve(name.get());
        playbooks.add(shown.normalize());
        nodes.add(item);
      }
    }
    o.finish();
    return new Listing(file, id, title, dialects, notImported, warnings, playbooks, nodes, problems);
  }

  public History load(Path path) throws InvalidFileException {
    Listing l = list(path);
    List<Playbook> migrations = new ArrayList<>();
    List<Problem> all = new ArrayList<>();
    Map<String, Path> ids = new HashMap<>();
    for (int i = 0; i < l.playbooks().size(); i++) {
      Path pb = l.playbooks().get(i);
      try {
        Playbook p = playbooks.load(pb);
        Path seen = ids.putIfAbsent(p.id(), pb);
        if (seen != null) {
          l.problems().add(l.nodes().get(i), "migrations[" + i + "]", "playbook id '" + p.id()
              + "' is also the id of " + seen.getFileName() + "; each migration needs its own id (the ledger "
              + "keeps runs by id)");
        }
        migrations.add(p);
      } catch (InvalidFileException e) {
        all.addAll(e.problems());
      }
    }
    all.addAll(0, l.problems().list());
    if (!all.isEmpty()) {
      throw new InvalidFileException(l.file(), all);
    }
    return new History(l.file(), l.id(), l.title(), l.dialects(), migrations, l.notImported(), l.warnings());
  }
}
