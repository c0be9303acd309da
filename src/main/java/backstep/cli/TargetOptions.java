package backstep.cli;

import backstep.db.Database;
import backstep.db.EnvironmentClass;
import backstep.db.JdbcUrls;
import backstep.db.TargetSpec;
import backstep.db.TargetUnavailableException;
import backstep.db.Targets;
import backstep.engine.EngineException;
import backstep.playbook.InvalidFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a command names its target: {@code --target NAME} from targets.yaml, or {@code --url} directly. */
final class TargetOptions {
  @Option(names = {"-t", "--target"}, paramLabel = "NAME",
      description = "Target from the targets file, or 'sandbox' (the embedded database; default).")
  String target;

  @Option(names = "--targets", paramLabel = "FILE",
      description = "Targets file (default: $BACKSTEP_TARGETS or ./targets.yaml).")
  Path targetsFile;

  @Option(names = "--url", paramLabel = "JDBC_URL", description = "Connect to this JDBC URL instead of a named target.")
  String url;

  @Option(names = "--user", paramLabel = "USER", description = "User for --url.")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding the password for --url (never pass a password itself).")
  String passwordEnv;

  @Option(names = "--environment", paramLabel = "CLASS",
      description = "Environment class for --url: sandbox, staging or production (default: staging).")
  String environment;

  @Option(names = "--name", paramLabel = "NAME", description = "Name recorded in the ledger for a --url target.")
  String name;

  @Option(names = "--fresh", description = "Start the sandbox from scratch (deletes its data).")
  boolean fresh;

  @Option(names = "--ledger-key-file", paramLabel = "FILE", description = "File holding the key that HMACs the "
      + "ledger's hash chain (default: targets.yaml's ledger_key_file, else $BACKSTEP_LEDGER_KEY).")
  Path ledgerKeyFile;

  Targets targets() throws InvalidFileException {
    return Targets.load(targetsPath());
  }

  Path targetsPath() {
    if (targetsFile != null) {
      return targetsFile;
    }
    String env = System.getenv("BACKSTEP_TARGETS");
    return Path.of(env != null && !env.isBlank() ? env : "targets.yaml");
  }

  TargetSpec spec() throws InvalidFileException, EngineException {
    if (url != null && target != null) {
      throw new EngineException(EngineException.INVALID, "--url and --target name two targets; give one of them");
    }
    if (url != null) {
      EnvironmentClass env = EnvironmentClass.STAGING;
      if (environment != null) {
        try {
          env = EnvironmentClass.valueOf(environment.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new EngineException(EngineException.INVALID,
              "--environment: unknown class '" + environment + "' (sandbox, staging, production)");
        }
      }
      List<String> problems = JdbcUrls.problems(url);
      if (!problems.isEmpty()) {
        throw new EngineException(EngineException.INVALID, "--url " + String.join("; ", problems).replace(
            "name an environment variable", "put it in an environment variable and pass --password-env"));
      }
      try {
        backstep.db.Dialect.familyOf(url);
      } catch (IllegalArgumentException e) {
        throw new EngineException(EngineException.INVALID, "--url: " + e.getMessage());
      }
      TargetSpec adHoc = new TargetSpec(name != null ? name : derivedName(url), url, user, passwordEnv, env);
      // a team's policy holds for every target of a class, also one reached by --url
      return java.nio.file.Files.exists(targetsPath()) ? adHoc.under(targets().policy()) : adHoc;
    }
    String wanted = target == null ? TargetSpec.SANDBOX : target;
    Targets t = targets();
    return t.find(wanted).orElseThrow(() -> new EngineException(EngineException.INVALID, "unknown target '" + wanted
        + "' (known: " + String.join(", ", t.names()) + (t.file() != null && !java.nio.file.Files.exists(t.file())
        ? "; no targets file at " + t.file() : "") + ")"));
  }

  /** The SQL family of the target, from its URL (the sandbox is PostgreSQL); connects to nothing. */
  backstep.playbook.DialectFamily family() throws InvalidFileException, EngineException {
    TargetSpec spec = spec();
    return spec.isSandbox() ? backstep.playbook.DialectFamily.POSTGRESQL : backstep.db.Dialect.familyOf(spec.url());
  }

  static String derivedName(String url) {
    String rest = url.replaceFirst("^jdbc:[a-z]+://", "");
    rest = rest.replaceFirst("\\?.*$", "").replaceAll("^[^@/]*@", "");
    return rest.replace('/', ':');
  }

  static Path home() {
    String prop = System.getProperty("backstep.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("BACKSTEP_HOME");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".backstep");
  }

  Database open(java.io.PrintWriter err) throws InvalidFileException, EngineException {
    return withLedger(spec(), err);
  }

  /** Opens a target of the targets file with its ledger attached (the central one it names, if any). */
  Database openWithLedger(String wanted, java.io.PrintWriter err) throws InvalidFileException, EngineException {
    Targets t = targets();
    return withLedger(t.find(wanted).orElseThrow(() -> new EngineException(EngineException.INVALID,
        "unknown target '" + wanted + "' (known: " + String.join(", ", t.names()) + ")")), err);
  }

  /** Opens {@code spec} (a target derived from one of the file's, such as a server group's member) with its ledger. */
  Database openWithLedger(TargetSpec spec, java.io.PrintWriter err) throws InvalidFileException, EngineException {
    return withLedger(spec, err);
  }

  private Database withLedger(TargetSpec spec, java.io.PrintWriter err) throws InvalidFileException,
      EngineException {
    backstep.db.LedgerKey key = ledgerKey();
    Database db = open(spec, err);
    db.useLedgerKey(key);
    if (url == null) {
      db.useReplicas(targets().replicas(spec.name()));
    }
    if (spec.ledger() != null) {
      TargetSpec central = targets().find(spec.ledger()).orElseThrow(() -> new EngineException(
          EngineException.INVALID, "target '" + spec.name() + "' names an unknown ledger target '" + spec.ledger()
              + "'"));
      try {
        db.useLedger(open(central, err));
      } catch (EngineException e) {
        db.close();
        throw new EngineException(e.code(), "central ledger '" + central.name() + "': " + e.getMessage());
      }
    }
    return db;
  }

  /** The ledger key: {@code --ledger-key-file}, else the targets file's {@code ledger_key_file:}, else the variable. */
  backstep.db.LedgerKey ledgerKey() throws InvalidFileException, EngineException {
    Path file = ledgerKeyFile != null ? ledgerKeyFile
        : java.nio.file.Files.exists(targetsPath()) ? targets().ledgerKeyFile() : null;
    try {
      return backstep.db.LedgerKey.resolve(file, System.getenv()).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new EngineException(EngineException.INVALID, e.getMessage());
    }
  }

  /** Opens another named target of the same targets file (for example a seed source). */
  Database openNamed(String wanted, java.io.PrintWriter err) throws InvalidFileException, EngineException {
    Targets t = targets();
    TargetSpec spec = t.find(wanted).orElseThrow(() -> new EngineException(EngineException.INVALID,
        "unknown target '" + wanted + "' (known: " + String.join(", ", t.names()) + ")"));
    return open(spec, err);
  }

  /**
   * Opens the named target of a {@code TARGET[:SCHEMA]} copy source, refusing one of another database family than
   * {@code other} (a schema is copied within one family).
   */
  Database openSource(String source, Database other, String option, String otherIs, java.io.PrintWriter err)
      throws InvalidFileException, EngineException {
    String wanted = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    Database db = openNamed(wanted, err);
    if (db.dialect().family() != other.dialect().family()) {
      String what = db.dialect().displayName();
      db.close();
      throw new EngineException(EngineException.INVALID, option + ": target '" + wanted + "' is " + what + " but "
          + otherIs + " " + other.dialect().displayName() + "; a schema can only be copied within one database "
          + "family");
    }
    return db;
  }

  private Database open(TargetSpec spec, java.io.PrintWriter err) throws EngineException {
    String password = null;
    if (spec.passwordEnv() != null) {
      password = System.getenv(spec.passwordEnv());
      if (password == null && System.console() != null) {
        char[] p = System.console().readPassword("Password for %s (%s): ", spec.name(), spec.safeUrl());
        password = p == null ? null : new String(p);
      }
      if (password == null) {
        throw new EngineException(EngineException.UNAVAILABLE, "environment variable " + spec.passwordEnv()
            + " is not set (it should hold the password for target '" + spec.name() + "')");
      }
    }
    if (spec.isSandbox()) {
      err.println("Starting the embedded sandbox (" + home().resolve("sandbox") + ")" + (fresh ? ", fresh" : "")
          + "...");
      err.flush();
    }
    try {
      Database db = Database.open(spec, password, home(), fresh);
      if (db.sandboxSeeded()) {
        err.println("Sandbox created and seeded with the demo shop schema (customers, orders, feature_flags).");
      }
      return db;
    } catch (TargetUnavailableException e) {
      throw new EngineException(e.busy() ? EngineException.BUSY : EngineException.UNAVAILABLE, e.getMessage());
    }
  }
}
