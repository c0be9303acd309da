package backstep.ui.library;

import backstep.history.HistoryLoader;
import backstep.history.HistoryWriter;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Playbook;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import backstep.ui.fx.UiThread;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads a playbook folder (off the FX thread), validates every file, finds the histories under it (folders holding
 * {@code history.yaml}, loaded with every playbook they list), and keeps the selection: a playbook or a history.
 */
public final class LibraryController {
  /** How deep under the playbook folder histories are looked for ({@code playbooks/histories/NAME/history.yaml}). */
  private static final int HISTORY_DEPTH = 4;
  private final LibraryModel model;
  private final UiThread fx;
  private final Executor io;
  private final Supplier<Set<String>> knownTargets;

  public LibraryController(LibraryModel model, UiThread fx, Executor io, Supplier<Set<String>> knownTargets) {
    this.model = model;
    this.fx = fx;
    this.io = io;
    this.knownTargets = knownTargets;
  }

  public LibraryModel model() {
    return model;
  }

  /** What a folder holds: its playbooks, and the histories found under it. */
  record Scan(List<PlaybookEntry> playbooks, List<HistoryEntry> histories) {}

  /**
   * Loads every {@code *.yaml}/{@code *.yml} of {@code folder} and every history under it; keeps the selection if
   * its file is still there.
   */
  public CompletableFuture<List<PlaybookEntry>> open(Path folder) {
    UiThread.check();
    Set<String> targets = knownTargets.get();
    Path keep = model.selected() == null ? null : model.selected().file();
    Path keepHistory = model.selectedHistory() == null ? null : model.selectedHistory().file();
    model.setFolder(folder);
    CompletableFuture<List<PlaybookEntry>> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> read(folder, targets), io), (scan, error) -> {
      if (error != null) {
        model.setProblem(error instanceof UncheckedIOException u ? u.getCause().getMessage()
            : String.valueOf(error.getMessage()));
        model.mutableEntries().clear();
        model.mutableHistories().clear();
        done.complete(List.of());
        return;
      }
      List<PlaybookEntry> list = scan.playbooks();
      model.setProblem(list.isEmpty() && scan.histories().isEmpty() ? "no playbooks (*.yaml) in " + folder : "");
      model.mutableEntries().setAll(list);
      model.mutableHistories().setAll(scan.histories());
      model.setSelected(list.stream().filter(e -> e.file().equals(keep)).findFirst().orElse(null));
      model.setSelectedHistory(scan.histories().stream().filter(h -> h.file().equals(keepHistory)).findFirst()
          .orElse(null));
      done.complete(list);
    });
    return done;
  }

  /**
   * Opens one history from anywhere (a {@code history.yaml}, or the folder holding it, as {@code backstep apply
   * HISTORY} takes it): read off the FX thread, listed under HISTORIES (replacing the entry of the same file) and
   * selected, so the History tab shows it.
   */
  public CompletableFuture<HistoryEntry> openHistory(Path fileOrFolder) {
    UiThread.check();
    Set<String> targets = knownTargets.get();
    Path file = Files.isDirectory(fileOrFolder) ? fileOrFolder.resolve(HistoryWriter.HISTORY_FILE) : fileOrFolder;
    CompletableFuture<HistoryEntry> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> loadHistory(file, targets), io), (h, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      Path key = file.toAbsolutePath().normalize();
      List<HistoryEntry> list = model.mutableHistories();
      list.removeIf(e -> e.file().toAbsolutePath().normalize().equals(key));
      list.add(h);
      selectHistory(h);
      done.complete(h);
    });
    return done;
  }

  /** Selects a playbook (and no history). */
  public void select(PlaybookEntry e) {
    if (e != null) {
      model.setSelectedHistory(null);
    }
    model.setSelected(e);
  }

  /** Selects a history (and no playbook). */
  public void selectHistory(HistoryEntry h) {
    if (h != null) {
      model.setSelected(null);
    }
    model.setSelectedHistory(h);
  }

  /** Reads one file again (preflight does, so a run always uses the file as it is now). */
  public CompletableFuture<PlaybookEntry> reload(PlaybookEntry entry) {
    Set<String> targets = knownTargets.get();
    CompletableFuture<PlaybookEntry> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> load(entry.file(), targets), io), (fresh, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
        return;
      }
      int i = model.mutableEntries().indexOf(entry);
      if (i >= 0) {
        model.mutableEntries().set(i, fresh);
      }
      if (model.selected() == entry) {
        model.setSelected(fresh);
      }
      done.complete(fresh);
    });
    return done;
  }

  /**
   * The folder's playbooks and the histories under it. A history's own file and, when the folder itself is a
   * history, the playbooks it lists are shown as the history, not again as playbooks.
   */
  static Scan read(Path folder, Set<String> targets) {
    List<HistoryEntry> histories = histories(folder, targets);
    Set<Path> inHistory = new HashSet<>();
    for (HistoryEntry h : histories) {
      inHistory.add(h.file().toAbsolutePath().normalize());
      if (h.valid()) {
        h.history().migrations().forEach(p -> inHistory.add(p.source().toAbsolutePath().normalize()));
      }
    }
    List<PlaybookEntry> playbooks = scan(folder, targets, f -> !inHistory.contains(f.toAbsolutePath().normalize()));
    return new Scan(playbooks, histories);
  }

  static List<PlaybookEntry> scan(Path folder, Set<String> targets) {
    return scan(folder, targets, f -> true);
  }

  private static List<PlaybookEntry> scan(Path folder, Set<String> targets, Predicate<Path> keep) {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).filter(keep)
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(new IOException("cannot read the playbook folder " + folder + ": "
          + e.getMessage(), e));
    }
    List<PlaybookEntry> out = new ArrayList<>();
    for (Path f : files) {
      out.add(load(f, targets));
    }
    return out;
  }

  /** Every {@code history.yaml} in {@code folder} or up to three folders below it, in path order, loaded. */
  static List<HistoryEntry> histories(Path folder, Set<String> targets) {
    List<Path> files;
    try (Stream<Path> s = Files.find(folder, HISTORY_DEPTH, (p, a) -> a.isRegularFile()
        && p.getFileName().toString().equals(HistoryWriter.HISTORY_FILE))) {
      files = s.sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // the playbook scan of the same folder reports an unreadable folder
    }
    return files.stream().map(f -> loadHistory(f, targets)).toList();
  }

  /** Reads a history again (a history action does, so it always runs the files as they are now). */
  public static HistoryEntry loadHistory(Path file, Set<String> targets) {
    try {
      return new HistoryEntry(file, new HistoryLoader(new PlaybookLoader(targets)).load(file), List.of());
    } catch (InvalidFileException e) {
      return new HistoryEntry(file, null, e.problems());
    }
  }

  static PlaybookEntry load(Path file, Set<String> targets) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return PlaybookEntry.invalid(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())),
          "");
    }
    try {
      Playbook pb = new PlaybookLoader(targets).parse(file, text);
      return PlaybookEntry.linted(file, pb, text);
    } catch (InvalidFileException e) {
      return PlaybookEntry.invalid(file, e.problems(), text);
    }
  }
}
