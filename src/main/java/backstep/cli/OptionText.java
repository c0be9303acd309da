package backstep.cli;

import backstep.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every value given on the command line is free of control characters: a newline in {@code --operator},
 * {@code --reason} or a {@code --tag} would forge a line of output, of a ledger export or of a log (regression:
 * issue 14, item 7). Checked once, for every option and parameter of every command, before anything runs.
 */
final class OptionText {
  private OptionText() {}

  static void check(ParseResult parsed) throws EngineException {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      List<ArgSpec> args = new ArrayList<>(p.matchedArgs());
      for (ArgSpec a : args) {
        for (String v : a.originalStringValues()) {
          int bad = firstControl(v);
          if (bad >= 0) {
            throw new EngineException(EngineException.INVALID, name(a) + ": must not contain control characters "
                + "(found U+" + String.format(Locale.ROOT, "%04X", (int) v.charAt(bad)) + " at position "
                + (bad + 1) + "); write it on one line");
          }
        }
      }
    }
  }

  /** The index of the first control character (newline, carriage return, escape, tab, …), or -1. */
  static int firstControl(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        return i;
      }
    }
    return -1;
  }

  private static String name(ArgSpec a) {
    return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
  }
}
