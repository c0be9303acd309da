package backstep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading git's porcelain output, and no tag (never an error) where there is no repository. */
class PlaybookGitTest {
  private static final String SHA = "3f695685b08934bbfc8bbb3188d5bb96f910c278";

  @Test
  void aCleanFileHasTheCommitAndIsNotDirty() {
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, false)),
        PlaybookGit.parse("# branch.oid " + SHA + "\n# branch.head main\n"));
  }

  @Test
  void aModifiedOrUntrackedFileIsDirty() {
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, true)), PlaybookGit.parse("# branch.oid " + SHA
        + "\n# branch.head main\n1 .M N... 100644 100644 100644 a b x.yaml\n"));
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, true)),
        PlaybookGit.parse("# branch.oid " + SHA + "\n? x.yaml\n"));
  }

  @Test
  void oneStatusOfAFolderTellsEachFileApart() {
    String porcelain = "# branch.oid " + SHA + "\n# branch.head main\n"
        + "1 .M N... 100644 100644 100644 a b db/history/2-books.yaml\n"
        + "2 R. N... 100644 100644 100644 a b R100 db/history/3-loans.yaml\tdb/history/3-old.yaml\n"
        + "? db/history/4 new file.yaml\n";
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, false)), PlaybookGit.parse(porcelain, "1-members.yaml"));
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, true)), PlaybookGit.parse(porcelain, "2-books.yaml"));
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, true)), PlaybookGit.parse(porcelain, "3-loans.yaml"));
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, false)), PlaybookGit.parse(porcelain, "3-old.yaml"));
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, true)), PlaybookGit.parse(porcelain, "4 new file.yaml"));
    assertEquals(Optional.of(new PlaybookGit.Commit(SHA, false)), PlaybookGit.parse(porcelain, "books.yaml"));
  }

  @Test
  void aRealRepositoryIsReadOncePerFolder(@TempDir Path dir) throws Exception {
    git(dir, "init", "-q");
    java.nio.file.Files.writeString(dir.resolve("a.yaml"), "id: a\n");
    java.nio.file.Files.writeString(dir.resolve("b.yaml"), "id: b\n");
    git(dir, "add", ".");
    git(dir, "-c", "user.email=t@example.test", "-c", "user.name=t", "commit", "-qm", "first");
    java.nio.file.Files.writeString(dir.resolve("b.yaml"), "id: b2\n");
    var all = PlaybookGit.ofAll(java.util.List.of(dir.resolve("a.yaml"), dir.resolve("b.yaml")));
    assertTrue(all.get(dir.resolve("a.yaml").toAbsolutePath().normalize()).map(c -> !c.dirty()).orElse(false));
    assertTrue(all.get(dir.resolve("b.yaml").toAbsolutePath().normalize()).map(PlaybookGit.Commit::dirty)
        .orElse(false));
    assertEquals(PlaybookGit.of(dir.resolve("b.yaml")), all.get(dir.resolve("b.yaml").toAbsolutePath().normalize()));
  }

  private static void git(Path dir, String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertEquals(0, p.waitFor());
  }

  @Test
  void noCommitYetMeansNoTag() {
    assertTrue(PlaybookGit.parse("# branch.oid (initial)\n# branch.head main\n? x.yaml\n").isEmpty());
  }

  @Test
  void outsideARepositoryThereIsNoTag(@TempDir Path dir) {
    assertTrue(PlaybookGit.of(dir.resolve("p.yaml")).isEmpty());
    assertTrue(PlaybookGit.of(null).isEmpty());
  }
}
