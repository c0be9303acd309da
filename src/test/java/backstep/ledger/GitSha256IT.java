package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A playbook in a SHA-256 git repository records its 64-digit commit, also in a ledger whose git_commit column an
 * older version made as VARCHAR(40) (regression: issue 14, item 6: the commit overflowed the column, exit 70).
 */
class GitSha256IT {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aSha256CommitIsRecordedAndAnOldNarrowColumnIsWidened(ScratchDb.Kind kind) throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path pb = repo.resolve("add-orders-status-index.yaml");
    Files.copy(Path.of("playbooks/add-orders-status-index.yaml"), pb);
    git(repo, "init", "-q", "--object-format=sha256");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "playbook");
    String head = git(repo, "rev-parse", "HEAD").trim();
    assertEquals(64, head.length(), head);
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      Cli.Result first = Cli.on(db, "apply", pb.toString());
      assertEquals(0, first.exit(), first::toString);
      assertEquals(List.of(head), commits(db), "a new ledger holds the whole commit");
      assertEquals(0, Cli.on(db, "rollback").exit());

      String run = kind == ScratchDb.Kind.POSTGRES ? "backstep.run" : "backstep_run";
      // the column exactly as the previous version created it
      db.exec("UPDATE " + run + " SET git_commit = NULL",
          "ALTER TABLE " + run + (kind == ScratchDb.Kind.POSTGRES ? " ALTER COLUMN git_commit TYPE VARCHAR(40)"
              : " MODIFY git_commit VARCHAR(40)"));
      Cli.Result again = Cli.on(db, "apply", pb.toString());
      assertEquals(0, again.exit(), again::toString);
      assertTrue(commits(db).contains(head), "widened in place by the first write: " + commits(db));
      Cli.Result history = Cli.on(db, "history", "--json");
      assertTrue(history.out().contains("\"gitCommit\" : \"" + head + "\""), history::toString);
      assertEquals(0, Cli.on(db, "audit", "verify").exit());
    }
  }

  private static List<String> commits(ScratchDb db) throws Exception {
    List<String> out = new ArrayList<>();
    String run = db.kind() == ScratchDb.Kind.POSTGRES ? "backstep.run" : "backstep_run";
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT git_commit FROM " + run + " WHERE git_commit IS NOT NULL")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    return out;
  }
}
