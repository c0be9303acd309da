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
  void noCommitYetMeansNoTag() {
    assertTrue(PlaybookGit.parse("# branch.oid (initial)\n# branch.head main\n? x.yaml\n").isEmpty());
  }

  @Test
  void outsideARepositoryThereIsNoTag(@TempDir Path dir) {
    assertTrue(PlaybookGit.of(dir.resolve("p.yaml")).isEmpty());
    assertTrue(PlaybookGit.of(null).isEmpty());
  }
}
