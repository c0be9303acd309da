package backstep.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
    Path dir = file.getParent();
    if (dir == null || !dir.toFile().isDirectory()) {
      return Optional.empty();
    }
    ProcessBuilder pb = new ProcessBuilder("git", "-C", dir.toString(), "status", "--porcelain=v2", "--branch",
        "--untracked-files=all", "--", file.getFileName().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
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
      return p.exitValue() == 0 ? parse(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Reads {@code git status --porcelain=v2 --branch} output: the {@code branch.oid} header and any file line. */
  static Optional<Commit> parse(String porcelain) {
    String sha = null;
    boolean dirty = false;
    for (String line : porcelain.split("\n")) {
      if (line.startsWith("# branch.oid ")) {
        sha = line.substring("# branch.oid ".length()).trim();
      } else if (!line.isBlank() && !line.startsWith("#")) {
        dirty = true;
      }
    }
    return sha == null || !sha.matches("[0-9a-f]{40,64}") ? Optional.empty() : Optional.of(new Commit(sha, dirty));
  }
}
