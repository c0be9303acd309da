package backstep.engine;

import backstep.ledger.RunTags;
import backstep.playbook.Playbook;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags a new run gets: its free tags, checked, and the git commit of its playbook's folder. */
final class RunTagging {
  private RunTagging() {}

  static RunTags tags(Playbook pb, RunOptions o,
      java.util.function.Function<java.nio.file.Path, java.util.Optional<PlaybookGit.Commit>> git)
      throws EngineException {
    var problem = RunTags.problem(o.tags());
    if (problem.isPresent()) {
      throw new EngineException(EngineException.INVALID, problem.get());
    }
    RunTags t = new RunTags(null, null, o.tags());
    return git.apply(pb.source()).map(c -> t.withGit(c.sha(), c.dirty())).orElse(t);
  }

  /** The tags as fields of the RUN_STARTED event, so the hash chain covers them too. */
  static Map<String, Object> ledgerDetail(RunTags t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t.gitCommit() != null) {
      m.put("git_commit", t.gitCommit());
      m.put("git_dirty", t.gitDirty());
    }
    if (!t.labels().isEmpty()) {
      m.put("tags", t.labels());
    }
    return m;
  }
}
