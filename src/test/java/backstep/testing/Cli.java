package backstep.testing;

import backstep.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the real command line in-process and keeps what it printed. */
public final class Cli {
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
  }

  private Cli() {}

  /** {@code backstep <args...> <target options of db>}. */
  public static Result on(ScratchDb db, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(db.cliArgs());
    return run(all.toArray(new String[0]));
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }
}
