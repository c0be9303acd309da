package backstep.ui.run;

import backstep.engine.Proof;
import backstep.state.RunState;
import java.util.Locale;

/**
 * The run's state as the badge says it, with how a rollback was proven — the same words as the CLI's headline
 * ({@code ROLLED BACK — proven}, {@code ROLLED BACK WITH DIFFERENCES}, {@code ROLLED BACK — schema proven, DATA
 * DIFFERS}, {@code ROLLED BACK — unproven}).
 */
final class RunHeadline {
  private RunHeadline() {}

  /** Lower-case words for lines and the top bar: {@code rolled back — proven}. */
  static String words(RunState s, Proof p) {
    return s.words() + suffix(p);
  }

  /** The badge: icon and state in capitals with the proof ({@code ⟲ ROLLED BACK WITH DIFFERENCES}). */
  static String badge(RunState s, Proof p) {
    if (s == null) {
      return "○ NOT RUN HERE";
    }
    return RunView.icon(s) + " " + s.words().toUpperCase(Locale.ROOT) + suffix(p);
  }

  /** The badge's style: a rollback with differences is a failure and is drawn as one. */
  static String style(RunState s, Proof p) {
    if (s == null) {
      return "run-state-none";
    }
    return p != null && p.verdict() == Proof.Verdict.DIFFERENT ? "run-state-different"
        : "run-state-" + s.name().toLowerCase(Locale.ROOT);
  }

  private static String suffix(Proof p) {
    if (p == null) {
      return "";
    }
    return switch (p.verdict()) {
      case PROVEN -> " — proven";
      case DIFFERENT -> " WITH DIFFERENCES";
      case DATA_DIFFERS -> " — schema proven, DATA DIFFERS";
      case UNPROVEN -> " — unproven";
    };
  }
}
