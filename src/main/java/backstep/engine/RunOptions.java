package backstep.engine;

/**
 * Options for one apply, rollback or resume.
 *
 * @param operator the person running it (defaults to the OS user)
 * @param approver a second person, where gates or the target's class require one
 * @param toStep apply up to and including this step, or roll back the steps after it; null for all
 * @param runId for rollback/resume: the run (or change id) to act on; null for the latest of the playbook
 * @param changeId the change identifier for a new run; null to generate one
 */
public record RunOptions(String operator, String approver, String toStep, String runId, String changeId) {
  public static RunOptions defaults() {
    return new RunOptions(null, null, null, null, null);
  }
}
