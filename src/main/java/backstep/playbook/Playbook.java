package backstep.playbook;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated, immutable playbook: the plain-words runbook for one change and its ordered steps. {@code text} is
 * the exact source and {@code sha256} its checksum; the ledger stores both, so a rollback always runs the playbook
 * that was applied. {@code lintIgnores} maps step ids to their {@code lint:} sections. {@code seed} maps each SQL
 * family to the seed file a rehearsal starts from (as written, relative to the playbook's folder; empty when the
 * playbook names none). It is not read at load time: a playbook read back from the ledger has no folder.
 *
 * @param dialects the SQL families the playbook runs on: those its {@code dialects:} declares (every family when it
 *     declares none), narrowed to the families every {@code sql} step has SQL for. Never empty for a playbook
 *     without sql steps; empty only when its steps share no family.
 */
public record Playbook(
    Path source,
    String text,
    String sha256,
    String id,
    String title,
    int version,
    List<String> owners,
    String intent,
    String minimumViableChange,
    List<BlastRadius> blastRadius,
    List<String> successCriteria,
    String remediation,
    Expected expected,
    List<String> targets,
    Monitoring monitoring,
    List<CheckSpec> checks,
    List<Step> steps,
    Map<String, LintIgnore> lintIgnores,
    Map<DialectFamily, String> seed,
    Set<DialectFamily> dialects,
    Origin origin) {

  public Playbook {
    origin = origin == null ? Origin.NONE : origin;
    lintIgnores = Map.copyOf(lintIgnores);
    seed = Map.copyOf(seed);
    dialects = runsOn(dialects, steps);
  }

  /** A playbook that was not imported from another tool. */
  public Playbook(Path source, String text, String sha256, String id, String title, int version,
      List<String> owners, String intent, String minimumViableChange, List<BlastRadius> blastRadius,
      List<String> successCriteria, String remediation, Expected expected, List<String> targets,
      Monitoring monitoring, List<CheckSpec> checks, List<Step> steps, Map<String, LintIgnore> lintIgnores,
      Map<DialectFamily, String> seed, Set<DialectFamily> dialects) {
    this(source, text, sha256, id, title, version, owners, intent, minimumViableChange, blastRadius,
        successCriteria, remediation, expected, targets, monitoring, checks, steps, lintIgnores, seed, dialects,
        Origin.NONE);
  }

  /** A playbook that declares no {@code dialects:}: it runs on every family its sql steps have SQL for. */
  public Playbook(Path source, String text, String sha256, String id, String title, int version,
      List<String> owners, String intent, String minimumViableChange, List<BlastRadius> blastRadius,
      List<String> successCriteria, String remediation, Expected expected, List<String> targets,
      Monitoring monitoring, List<CheckSpec> checks, List<Step> steps, Map<String, LintIgnore> lintIgnores,
      Map<DialectFamily, String> seed) {
    this(source, text, sha256, id, title, version, owners, intent, minimumViableChange, blastRadius,
        successCriteria, remediation, expected, targets, monitoring, checks, steps, lintIgnores, seed, Set.of());
  }

  /** A playbook without {@code lint:} sections. */
  public Playbook(Path source, String text, String sha256, String id, String title, int version,
      List<String> owners, String intent, String minimumViableChange, List<BlastRadius> blastRadius,
      List<String> successCriteria, String remediation, Expected expected, List<String> targets,
      Monitoring monitoring, List<CheckSpec> checks, List<Step> steps) {
    this(source, text, sha256, id, title, version, owners, intent, minimumViableChange, blastRadius,
        successCriteria, remediation, expected, targets, monitoring, checks, steps, Map.of(), Map.of(), Set.of());
  }

  /**
   * The seed file for {@code family}, resolved against the playbook's folder; empty when the playbook names none
   * for it.
   */
  public Optional<Path> seedFile(DialectFamily family) {
    String written = seed.get(family);
    if (written == null) {
      return Optional.empty();
    }
    Path folder = source == null || source.toAbsolutePath().getParent() == null ? Path.of(".")
        : source.toAbsolutePath().getParent();
    return Optional.of(folder.resolve(written).normalize());
  }

  /** A dependent system and what the change (or its rollback) does to it. */
  public record BlastRadius(String system, String impact) {}

  /** The documented state after forward and after rollback, in plain words. */
  public record Expected(String afterForward, String afterRollback) {}

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  public int indexOf(String stepId) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(stepId)) {
        return i;
      }
    }
    return -1;
  }

  /** The declared families (every family when none are), less those some sql step has no forward SQL for. */
  private static Set<DialectFamily> runsOn(Set<DialectFamily> declared, List<Step> steps) {
    Set<DialectFamily> out = declared == null || declared.isEmpty() ? EnumSet.allOf(DialectFamily.class)
        : EnumSet.copyOf(declared);
    for (Step s : steps) {
      if (s instanceof SqlStep sql) {
        out.retainAll(sql.forward().families());
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
