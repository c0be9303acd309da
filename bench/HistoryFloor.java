import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor of a Java `apply HISTORY`: what a JVM does at the least to send the same up scripts. One pgjdbc
 * connection, each script V1..Vn of the folder sent as it is in autocommit, in version order; no ledger, no lock, no
 * fingerprint, no proof, no playbook model. Used by bench/history.sh beside Backstep and `psql -f` (a JVM of its own
 * with its own class-data-sharing archive); not part of the build.
 * Usage: java -cp postgresql.jar:DIR HistoryFloor FOLDER_OF_V_SCRIPTS JDBC_URL USER
 */
public class HistoryFloor {
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

  public static void main(String[] args) throws Exception {
    List<Path> ups = new ArrayList<>();
    try (var files = Files.list(Path.of(args[0]))) {
      files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches()).forEach(ups::add);
    }
    ups.sort((a, b) -> Long.compare(version(a), version(b)));
    try (Connection c = DriverManager.getConnection(args[1], args[2], null); Statement s = c.createStatement()) {
      for (Path up : ups) {
        s.execute(Files.readString(up));
      }
    }
    System.out.println("floor: " + ups.size() + " scripts applied");
  }

  private static long version(Path p) {
    Matcher m = VERSION.matcher(p.getFileName().toString());
    m.matches();
    return Long.parseLong(m.group(1));
  }
}
