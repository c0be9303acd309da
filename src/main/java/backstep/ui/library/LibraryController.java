package backstep.ui.library;

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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Reads a playbook folder (off the FX thread), validates every file, and keeps the selection. */
public final class LibraryController {
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

  /** Loads every {@code *.yaml}/{@code *.yml} of {@code folder}; keeps the selection if its file is still there. */
  public CompletableFuture<List<PlaybookEntry>> open(Path folder) {
    UiThread.check();
    Set<String> targets = knownTargets.get();
    Path keep = model.selected() == null ? null : model.selected().file();
    model.setFolder(folder);
    CompletableFuture<List<PlaybookEntry>> done = new CompletableFuture<>();
    fx.whenDone(CompletableFuture.supplyAsync(() -> scan(folder, targets), io), (list, error) -> {
      if (error != null) {
        model.setProblem(error instanceof UncheckedIOException u ? u.getCause().getMessage()
            : String.valueOf(error.getMessage()));
        model.mutableEntries().clear();
        done.complete(List.of());
        return;
      }
      model.setProblem(list.isEmpty() ? "no playbooks (*.yaml) in " + folder : "");
      model.mutableEntries().setAll(list);
      model.setSelected(list.stream().filter(e -> e.file().equals(keep)).findFirst().orElse(null));
      done.complete(list);
    });
    return done;
  }

  public void select(PlaybookEntry e) {
    model.setSelected(e);
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

  static List<PlaybookEntry> scan(Path folder, Set<String> targets) {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
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

  static PlaybookEntry load(Path file, Set<String> targets) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new PlaybookEntry(file, null, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())),
          "");
    }
    try {
      Playbook pb = new PlaybookLoader(targets).parse(file, text);
      return new PlaybookEntry(file, pb, List.of(), text);
    } catch (InvalidFileException e) {
      return new PlaybookEntry(file, null, e.problems(), text);
    }
  }
}
