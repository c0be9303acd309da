package backstep.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the folder a playbook file lives in, and whether the file differs from it (modified, staged
 * or untracked), so a deployment traces back to the exact files. One {@code git status} process with a timeout;
 * without git, outside a repository, before the first commit or on any failure there is simply no commit.
 */
final class PlaybookGit {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A commit and whether the playbook file was dirty against it. */
  record Commit(String sha, boolean dirty) {}

  private PlaybookGit() {}

  static Optional<Commit> of(Path playbook) {
    if (playbook == null) {
      return Optional.empty();
    }
    Path file = playbook.toAbsolutePath().normalize();
    return Optional.ofNullable(ofAll(List.of(file)).get(file)).flatMap(c -> c);
  }

  /**
   * The commit of each playbook's folder and whether the file is dirty, with one {@code git status} process per
   * folder (a history's migrations share one). Keys are the absolute, normalized paths.
   */
  static Map<Path, Optional<Commit>> ofAll(Collection<Path> playbooks) {
    Map<Path, List<Path>> byDir = new LinkedHashMap<>();
    Map<Path, Optional<Commit>> out = new HashMap<>();
    for (Path p : playbooks) {
      Path file = p.toAbsolutePath().normalize();
      Path dir = file.getParent();
      if (dir == null || !dir.toFile().isDirectory()) {
        out.put(file, Optional.empty());
      } else {
        byDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(file);
      }
    }
    byDir.forEach((dir, files) -> {
      Optional<String> porcelain = status(dir, files.stream().map(f -> f.getFileName().toString()).toList());
      for (Path f : files) {
        out.put(f, porcelain.flatMap(text -> parse(text, f.getFileName().toString())));
      }
    });
    return out;
  }

  private static Optional<String> status(Path dir, List<String> names) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "status", "--porcelain=v2", "--branch",
        "--untracked-files=all", "--"));
    cmd.addAll(names);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    pb.environment().put("GIT_OPTIONAL_LOCKS", "0"); // read only: never take index.lock under someone's commit
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Reads {@code git status --porcelain=v2 --branch} output of several files for one of them: the
   * {@code branch.oid} header, and whether a file line names {@code name} (paths are relative to the repository's
   * top, so a line names it when its path is {@code name} or ends with {@code /name}); a null {@code name}: any
   * file line makes it dirty.
   */
  static Optional<Commit> parse(String porcelain, String name) {
    String sha = null;
    boolean dirty = false;
    for (String line : porcelain.split("\n")) {
      if (line.startsWith("# branch.oid ")) {
        sha = line.substring("# branch.oid ".length()).trim();
      } else if (!line.isBlank() && !line.startsWith("#")) {
        String path = name == null ? null : path(line);
        dirty |= name == null || path.equals(name) || path.endsWith("/" + name);
      }
    }
    return sha == null || !sha.matches("[0-9a-f]{40,64}") ? Optional.empty()
        : Optional.of(new Commit(sha, dirty));
  }

  /** The (new) path of one porcelain v2 entry line: ordinary, renamed or copied, unmerged, untracked, ignored. */
  private static String path(String line) {
    String[] f;
    switch (line.charAt(0)) {
      case '1' -> f = line.split(" ", 9);
      case '2' -> {
        f = line.split(" ", 10);
        String p = f[f.length - 1];
        int tab = p.indexOf('\t');
        return tab < 0 ? p : p.substring(0, tab);
      }
      case 'u' -> f = line.split(" ", 11);
      default -> {
        return line.length() > 2 ? line.substring(2) : "";
      }
    }
    return f[f.length - 1];
  }

  /** Reads {@code git status --porcelain=v2 --branch} output: the {@code branch.oid} header and any file line. */
  static Optional<Commit> parse(String porcelain) {
    return parse(porcelain, null);
  }
}
