package backstep.ui.drill;

import backstep.drill.DrillScore;
import backstep.drill.TimelineEvent;
import backstep.drill.load.WorkloadTick;
import backstep.ledger.DrillAttempts;
import backstep.playbook.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One past attempt of a drill, from the ledger's {@code drill_attempt} row: its scores, and (for replay) its
 * timeline and the workload's per-second series as the debrief JSON stored them.
 */
public record AttemptRow(String attemptId, Instant startedAt, Instant endedAt, boolean automatic, boolean passed,
    Duration detect, Duration decide, Duration restore, long writesLost, List<TimelineEvent> timeline,
    List<WorkloadTick> ticks) {

  static AttemptRow of(DrillAttempts.Attempt a) {
    DrillScore s = null;
    try {
      s = a.scores() == null ? null : Json.MAPPER.readValue(a.scores(), DrillScore.class);
    } catch (Exception e) {
      // an attempt written by another version: shown without its times
    }
    List<TimelineEvent> timeline = new ArrayList<>();
    List<WorkloadTick> ticks = new ArrayList<>();
    try {
      JsonNode d = a.debrief() == null ? null : Json.MAPPER.readTree(a.debrief());
      if (d != null && d.has("timeline")) {
        for (JsonNode n : d.get("timeline")) {
          timeline.add(Json.MAPPER.treeToValue(n, TimelineEvent.class));
        }
      }
      if (d != null && d.has("ticks")) {
        for (JsonNode n : d.get("ticks")) {
          ticks.add(Json.MAPPER.treeToValue(n, WorkloadTick.class));
        }
      }
    } catch (Exception e) {
      // no replay for this attempt; its scores still show
    }
    return new AttemptRow(a.attemptId(), a.startedAt(), a.endedAt(), a.automatic(), a.passed(),
        s == null ? null : s.detect(), s == null ? null : s.decide(), s == null ? null : s.restore(),
        s == null ? -1 : s.writesLost(), List.copyOf(timeline), List.copyOf(ticks));
  }

  static String secs(Duration d) {
    return d == null ? "never" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  /** The history in one line: attempts, passes, and how time to restore moved from the first to the last. */
  static String trend(List<AttemptRow> rows) {
    if (rows.isEmpty()) {
      return "no attempts yet on this target";
    }
    long passed = rows.stream().filter(AttemptRow::passed).count();
    String t = rows.size() + (rows.size() == 1 ? " attempt" : " attempts") + " · " + passed + " passed";
    List<Duration> restores = rows.stream().map(AttemptRow::restore).filter(d -> d != null).toList();
    if (restores.size() >= 2) {
      t += " · restore " + secs(restores.get(0)) + " → " + secs(restores.get(restores.size() - 1));
    }
    return t;
  }
}
