package backstep.drill;

import backstep.ledger.EventType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A drill's debrief questions as one attempt asks them: a question that names a ledger event type the attempt did
 * not record (a GUARD_ACTION in an attempt where no guard acted) says so and asks why, rather than sending the
 * team to look for evidence that does not exist.
 */
final class DebriefQuestions {
  private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Z_]+[A-Z]\\b");

  private DebriefQuestions() {}

  static List<String> forAttempt(List<String> questions, Set<String> recorded) {
    List<String> out = new ArrayList<>();
    for (String q : questions) {
      Set<String> missing = new LinkedHashSet<>();
      Matcher m = WORD.matcher(q);
      while (m.find()) {
        if (isEventType(m.group()) && !recorded.contains(m.group())) {
          missing.add(m.group());
        }
      }
      out.add(missing.isEmpty() ? q : q + " — this attempt recorded no " + String.join(" or ", missing)
          + " event: why did it not happen, and what did the ledger record instead?");
    }
    return out;
  }

  private static boolean isEventType(String word) {
    for (EventType t : EventType.values()) {
      if (t.name().equals(word)) {
        return true;
      }
    }
    return false;
  }
}
