package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs carry the git commit of their playbook's folder (and whether the file was modified) and free tags; a ledger
 * made before tags existed is upgraded in place and its old runs still read.
 */
class RunTagsIT {
  @TempDir
  Path dir;

  @Test
  void aRunIsTaggedWithThePlaybooksCommitItsDirtinessAndFreeTags() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Path pb = repo.resolve("add-orders-status-index.yaml");
    Files.copy(Path.of("playbooks/add-orders-status-index.yaml"), pb);
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "playbook");
    String head = git(repo, "rev-parse", "HEAD").trim();
    try (ScratchDb db = ScratchDb.seeded(ScratchDb.Kind.POSTGRES)) {
      Cli.Result badTag = Cli.on(db, "apply", pb.toString(), "--tag", "no spaces=x");
      assertEquals(2, badTag.exit(), badTag::toString);
      assertTrue(badTag.err().contains("a tag key is letters, digits"), badTag::toString);

      Cli.Result clean = Cli.on(db, "apply", pb.toString(), "--tag", "release=2026.11", "--tag", "ticket=CAB-7");
      assertEquals(0, clean.exit(), clean::toString);
      Files.writeString(pb, Files.readString(pb) + "\n# edited after the commit\n");
      Cli.Result dirty = Cli.on(db, "apply", pb.toString());
      assertEquals(0, dirty.exit(), dirty::toString);
      Path outside = Files.createDirectories(dir.resolve("plain")).resolve("p.yaml");
      Files.copy(Path.of("playbooks/add-orders-status-index.yaml"), outside);
      assertEquals(0, Cli.on(db, "apply", outside.toString()).exit(), "no git repository: no tag, no error");

      Cli.Result history = Cli.on(db, "history");
      List<String> lines = history.out().lines().toList();
      assertTrue(lines.get(0).endsWith("tags"), history::toString);
      assertFalse(lines.get(1).contains("git "), "newest run, outside git, has no tag: " + history);
      assertTrue(lines.get(2).endsWith("git " + head.substring(0, 12) + " (playbook modified)"), history::toString);
      assertTrue(lines.get(3).endsWith("git " + head.substring(0, 12) + " · release=2026.11 · ticket=CAB-7"),
          history::toString);

      Cli.Result status = Cli.on(db, "status", "--json");
      assertFalse(status.out().contains("\"gitCommit\""), "the latest run (outside git) has none: " + status);
      Cli.Result json = Cli.on(db, "history", "--json");
      assertTrue(json.out().contains("\"gitCommit\" : \"" + head + "\""), json::toString);
      assertTrue(json.out().contains("\"gitDirty\" : true"), json::toString);
      assertTrue(json.out().contains("\"labels\" : {\n      \"release\" : \"2026.11\",\n      \"ticket\" : \"CAB-7\""),
          json::toString);
      String change = lines.get(3).substring(0, lines.get(3).indexOf(' '));
      Cli.Result audit = Cli.on(db, "audit", "export", "--run", change);
      assertTrue(audit.out().contains("- **Tags:** git " + head + " · release=2026.11 · ticket=CAB-7"),
          audit::toString);
      try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
          "SELECT e.detail FROM backstep.event e JOIN backstep.run r ON r.run_id = e.run_id "
              + "WHERE e.event_type = 'RUN_STARTED' AND r.change_id = '" + change + "'")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).contains("\"git_commit\":\"" + head + "\",\"git_dirty\":false,\"tags\":"
            + "{\"release\":\"2026.11\",\"ticket\":\"CAB-7\"}"), "the hash chain covers the tags: " + rs.getString(1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aLedgerFromBeforeTagsIsReadAndThenUpgradedInPlace(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      assertEquals(0, Cli.on(db, "apply", "playbooks/add-orders-status-index.yaml").exit());
      String run = kind == ScratchDb.Kind.POSTGRES ? "backstep.run" : "backstep_run";
      // the run table exactly as the version before tags created it
      db.exec("ALTER TABLE " + run + " DROP COLUMN git_commit", "ALTER TABLE " + run + " DROP COLUMN git_dirty",
          "ALTER TABLE " + run + " DROP COLUMN run_tags");
      Cli.Result oldHistory = Cli.on(db, "history");
      assertEquals(0, oldHistory.exit(), "read-only commands read an old ledger as it is: " + oldHistory);
      assertTrue(oldHistory.out().contains("add-orders-status-index"), oldHistory::toString);
      assertEquals(0, Cli.on(db, "status", "--json").exit());
      assertEquals(List.of(), columns(db), "not upgraded by reading");

      Cli.Result back = Cli.on(db, "rollback");
      assertEquals(0, back.exit(), back::toString);
      assertEquals(List.of("git_commit", "git_dirty", "run_tags"), columns(db), "upgraded by the first write");
      Cli.Result tagged = Cli.on(db, "apply", "playbooks/add-orders-status-index.yaml", "--tag", "k=v");
      assertEquals(0, tagged.exit(), tagged::toString);
      Cli.Result history = Cli.on(db, "history");
      assertTrue(history.out().lines().skip(1).findFirst().orElse("").endsWith("k=v"), history::toString);
      assertEquals(3, history.out().lines().count(), "old runs kept: " + history);
      assertEquals(0, Cli.on(db, "audit", "verify").exit());
    }
  }

  private static List<String> columns(ScratchDb db) throws Exception {
    List<String> out = new ArrayList<>();
    String sql = db.kind() == ScratchDb.Kind.POSTGRES
        ? "SELECT column_name FROM information_schema.columns WHERE table_schema = 'backstep' AND table_name = 'run'"
        : "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE() "
            + "AND table_name = 'backstep_run'";
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql
        + " AND column_name IN ('git_commit', 'git_dirty', 'run_tags') ORDER BY column_name")) {
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
