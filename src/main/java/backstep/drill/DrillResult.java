package backstep.drill;

import backstep.drill.load.LostWrites;
import backstep.drill.load.WorkloadSummary;
import backstep.drill.load.WorkloadTick;
import backstep.state.RunState;
import java.time.Instant;
import java.util.List;

/**
 * Everything one drill attempt produced: the timeline, the workload, the lost-write check, the score. The CLI
 * prints it, the report writer formats it, the ledger keeps it ({@code drill_attempt}).
 *
 * @param automatic true when no person decided: the auto-operator (and guards) stood in for the team
 * @param applyState the state the forward run ended in; {@code finalState} the state after any rollback
 * @param debrief the drill's debrief questions, to be answered in the report
 */
public record DrillResult(String attemptId, String drillId, String title, String briefing, String target,
    String playbookId, String changeId, String runId, boolean automatic, Instant startedAt, Instant endedAt,
    RunState applyState, RunState finalState, double baselineP95, List<TimelineEvent> timeline,
    List<WorkloadTick> ticks, WorkloadSummary workload, LostWrites lostWrites, DrillScore score,
    List<String> debrief, String error) {

  public boolean passed() {
    return score != null && score.passed() && error == null;
  }
}
