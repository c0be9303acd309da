package backstep.history;

import backstep.playbook.DialectFamily;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import backstep.playbook.SqlSplitter;
import backstep.playbook.Verify;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a Sqitch project: {@code sqitch.conf} (the engine gives the SQL family; the directories), the plan, and
 * each change's {@code deploy/}, {@code revert/} and {@code verify/} scripts. Each plan entry becomes one migration
 * in plan order, named by its change name — {@code name@tag} for the earlier instance of a reworked change, whose
 * scripts are {@code name@tag.sql}. Scripts lose the {@code BEGIN;}/{@code COMMIT;} wrapper Sqitch gives them
 * (see {@link TransactionWrapper}); each statement of a verify script becomes one verify query with
 * {@code expect: runs}, as Sqitch's verify passes unless it errors. The checksum is Sqitch's {@code script_hash}
 * (SHA-1 of the deploy script's bytes); the change id Sqitch records is computed ({@link SqitchPlan#changeId}) and
 * kept in a note with the change's dependencies.
 */
public final class SqitchImporter implements Importer {
  private static final Pattern LOCKING = Pattern.compile("(?is)\\s+(?:FOR\\s+(?:NO\\s+KEY\\s+)?(?:UPDATE|SHARE|KEY"
      + "\\s+SHARE)(?:\\s+OF\\s+[\\w.\"`, ]+?)?(?:\\s+(?:NOWAIT|SKIP\\s+LOCKED))?|LOCK\\s+IN\\s+SHARE\\s+MODE)\\s*$");
  private static final Pattern SPLITTER_LINE = Pattern.compile("at line (\\d+)");

  @Override
  public String format() {
    return "sqitch";
  }

  @Override
  public ImportResult read(Path source, Optional<DialectFamily> dialect) throws InvalidFileException {
    Path root = Files.isRegularFile(source) ? parent(source) : source;
    SqitchConfig conf = SqitchConfig.read(root.resolve("sqitch.conf"));
    List<String> warnings = new ArrayList<>();
    Engine engine = engine(conf, dialect, warnings);
    Layout dirs = Layout.of(root, conf, engine.name());
    Path planFile = Files.isRegularFile(source) ? source : dirs.plan();
    if (!Files.isRegularFile(planFile)) {
      throw new InvalidFileException(planFile, List.of(new Problem(planFile, 1, 1, "", "no such file: "
          + source + " is not a Sqitch project (it needs sqitch.plan, or sqitch.conf naming a plan_file)")));
    }
    SqitchPlan plan = SqitchPlan.parse(planFile, text(planFile));
    Project p = new Project(root, planFile, dirs, engine.family(), plan);
    List<Migration> migrations = new ArrayList<>();
    List<String> notImported = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (SqitchPlan.Change c : plan.changes) {
      try {
        p.migration(c, notImported).ifPresent(migrations::add);
      } catch (InvalidFileException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidFileException(planFile, problems);
    }
    return new ImportResult(format(), source, plan.project, EnumSet.of(engine.family()), migrations, notImported,
        warnings);
  }

  private static Path parent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return file.getParent() == null ? parent : file.getParent();
  }

  /** Sqitch's engine and the SQL family its scripts are imported as. */
  private record Engine(String name, DialectFamily family) {}

  private static Engine engine(SqitchConfig conf, Optional<DialectFamily> dialect, List<String> warnings)
      throws InvalidFileException {
    Optional<SqitchConfig.Value> set = conf.get("core.engine");
    if (set.isEmpty() && conf.engineSections().size() == 1) {
      set = Optional.of(new SqitchConfig.Value(conf.engineSections().get(0), 1)); // the one [engine "…"] section
    }
    String name = set.map(v -> v.text().strip().toLowerCase(Locale.ROOT)).orElse(null);
    Optional<DialectFamily> ofEngine = name == null ? Optional.empty() : switch (name) {
      case "pg" -> Optional.of(DialectFamily.POSTGRESQL);
      case "mysql" -> Optional.of(DialectFamily.MYSQL);
      default -> Optional.empty();
    };
    int line = set.map(SqitchConfig.Value::line).orElse(1);
    String where = conf.file().getFileName() + ":" + line;
    if (dialect.isPresent()) {
      if (name != null && !ofEngine.equals(dialect)) {
        warnings.add(where + ": the project's engine is " + name + "; its scripts were imported as "
            + dialect.get().key() + " because --dialect says so");
      }
      return new Engine(name, dialect.get());
    }
    if (name == null) {
      String why = conf.exists() ? "sets no engine ([core] engine = pg or mysql)" : "does not exist";
      throw new InvalidFileException(conf.file(), List.of(new Problem(conf.file(), line, 1, "", why
          + ": say which SQL the scripts are written in with --dialect postgresql or --dialect mysql")));
    }
    if (ofEngine.isEmpty()) {
      throw new InvalidFileException(conf.file(), List.of(new Problem(conf.file(), line, 1, "core.engine",
          "engine '" + name + "': Backstep runs on PostgreSQL (Sqitch engine pg) and MySQL/MariaDB (mysql), not "
              + name + "; pass --dialect postgresql or mysql only if the scripts are written for one of them")));
    }
    return new Engine(name, ofEngine.get());
  }

  /** Where Sqitch keeps a project's files, from {@code sqitch.conf} with Sqitch's defaults. */
  private record Layout(Path plan, Path deploy, Path revert, Path verify, Path reworkedDeploy, Path reworkedRevert,
      Path reworkedVerify, String extension) {
    static Layout of(Path root, SqitchConfig conf, String engine) {
      Path top = root.resolve(conf.setting(engine, "top_dir").map(SqitchConfig.Value::text).orElse("."));
      Path reworked = conf.setting(engine, "reworked_dir").map(v -> root.resolve(v.text())).orElse(top);
      return new Layout(dir(root, conf, engine, "plan_file", top.resolve("sqitch.plan")),
          dir(root, conf, engine, "deploy_dir", top.resolve("deploy")),
          dir(root, conf, engine, "revert_dir", top.resolve("revert")),
          dir(root, conf, engine, "verify_dir", top.resolve("verify")),
          dir(root, conf, engine, "reworked_deploy_dir", reworked.resolve("deploy")),
          dir(root, conf, engine, "reworked_revert_dir", reworked.resolve("revert")),
          dir(root, conf, engine, "reworked_verify_dir", reworked.resolve("verify")),
          conf.setting(engine, "extension").map(SqitchConfig.Value::text).orElse("sql"));
    }

    private static Path dir(Path root, SqitchConfig conf, String engine, String key, Path otherwise) {
      return conf.setting(engine, key).map(v -> root.resolve(v.text())).orElse(otherwise).normalize();
    }
  }

  /** One project being read: turns each plan entry into a migration. */
  private static final class Project {
    private final Path root;
    private final Path planFile;
    private final Layout dirs;
    private final DialectFamily family;
    private final SqitchPlan plan;
    /** Line of an earlier instance → the line that reworks it; and each change's verify queries, by line. */
    private final Map<Integer, Integer> reworkedAt = new HashMap<>();
    private final Map<Integer, List<String>> verifies = new HashMap<>();

    Project(Path root, Path planFile, Layout dirs, DialectFamily family, SqitchPlan plan) {
      this.root = root;
      this.planFile = planFile;
      this.dirs = dirs;
      this.family = family;
      this.plan = plan;
      plan.changes.stream().filter(c -> c.reworks() > 0).forEach(c -> reworkedAt.put(c.reworks(), c.line()));
    }

    private String at(int line) {
      return planFile.getFileName() + ":" + line;
    }

    Optional<Migration> migration(SqitchPlan.Change c, List<String> notImported) throws InvalidFileException {
      boolean reworked = !c.reworkTags().isEmpty();
      String suffix = reworked ? reworkSuffix(c) : "";
      Path deploy = script(reworked ? dirs.reworkedDeploy() : dirs.deploy(), c.name(), suffix);
      if (!Files.isRegularFile(deploy)) {
        throw problem(c.line(), "change '" + c.name() + "' has no deploy script " + rel(deploy));
      }
      String version = c.name() + suffix;
      List<String> notes = new ArrayList<>();
      notes.add(planNote(c));
      if (reworked) {
        notes.add("reworked at " + at(reworkedAt.get(c.line())) + ": these are its scripts as of @"
            + suffix.substring(1) + " (" + rel(deploy) + ")");
      }
      if (c.reworks() > 0) {
        notes.add("reworks the change planned at " + at(c.reworks()) + ": its revert script restores that "
            + "version");
      }
      byte[] bytes = bytes(deploy);
      String up = script(deploy, new String(bytes, StandardCharsets.UTF_8), false, notes);
      if (SqlSplitter.isBlankOrComment(up, family)) {
        notImported.add(at(c.line()) + ": change '" + version + "': " + rel(deploy) + " holds no SQL (only "
            + "comments or its BEGIN/COMMIT): nothing to apply");
        return Optional.empty();
      }
      String down = down(script(reworked ? dirs.reworkedRevert() : dirs.revert(), c.name(), suffix), notes);
      Path verifyFile = script(reworked ? dirs.reworkedVerify() : dirs.verify(), c.name(), suffix);
      List<String> verify = Files.isRegularFile(verifyFile) ? verify(verifyFile, notes) : List.of();
      verifies.put(c.line(), verify);
      if (c.reworks() > 0 && !verify.isEmpty() && same(verify, verifies.get(c.reworks()))) {
        notes.add(rel(verifyFile) + " left out: it is the verify of the version it reworks, so it cannot tell them "
            + "apart (it would find this change in place before it runs, and still passing after its revert "
            + "would fail the rollback); the change is proven by its effect");
        verify = List.of();
      }
      return Optional.of(new Migration(version, c.note(), rel(deploy), 1, c.plannerName() + " <"
          + c.plannerEmail() + ">", "sha1:" + SqitchIds.sha1(new byte[0], bytes), false, Map.of(family, up),
          down.isBlank() ? Map.of() : Map.of(family, down), verify.isEmpty() ? Map.of() : Map.of(family, verify),
          notes));
    }

    /**
     * {@code @tag}, the suffix of a reworked change's earlier scripts: the first of its rework tags with a deploy
     * script, as Sqitch looks for it.
     */
    private String reworkSuffix(SqitchPlan.Change c) throws InvalidFileException {
      return c.reworkTags().stream().map(t -> "@" + t)
          .filter(s -> Files.isRegularFile(script(dirs.reworkedDeploy(), c.name(), s))).findFirst()
          .orElseThrow(() -> problem(c.line(), "change '" + c.name() + "' is reworked at line "
              + reworkedAt.get(c.line()) + ", so its scripts as of that rework are expected as "
              + rel(script(dirs.reworkedDeploy(), c.name(), "@" + c.reworkTags().get(0))) + "; there is none"));
    }

    /** The revert script's SQL; empty (no down) when it is missing or holds only comments. */
    private String down(Path revert, List<String> notes) throws InvalidFileException {
      if (!Files.isRegularFile(revert)) {
        notes.add("no revert script " + rel(revert) + ": Backstep cannot roll this change back");
        return "";
      }
      String down = script(revert, text(revert), false, notes);
      if (SqlSplitter.isBlankOrComment(down, family)) {
        notes.add(rel(revert) + " holds no SQL (only comments or its BEGIN/COMMIT): Backstep cannot roll this "
            + "change back");
        return "";
      }
      return down;
    }

    private String planNote(SqitchPlan.Change c) {
      StringBuilder b = new StringBuilder(at(c.line()) + ": Sqitch change_id " + c.id());
      List<String> req = c.requires().stream().map(d -> d.asString(plan.project)).toList();
      List<String> con = c.conflicts().stream().map(d -> d.asString(plan.project)).toList();
      if (!req.isEmpty()) {
        b.append("; requires ").append(String.join(", ", req));
      }
      if (!con.isEmpty()) {
        b.append("; conflicts with ").append(String.join(", ", con));
      }
      return b.toString();
    }

    /** A script's SQL without its transaction wrapper; what stays is noted. */
    private String script(Path file, String text, boolean verify, List<String> notes) throws InvalidFileException {
      return unwrap(file, text, verify, notes).text();
    }

    private TransactionWrapper.Result unwrap(Path file, String text, boolean verify, List<String> notes)
        throws InvalidFileException {
      String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
      TransactionWrapper.Result r;
      try {
        r = TransactionWrapper.strip(body, family, verify);
      } catch (IllegalArgumentException e) {
        Matcher m = SPLITTER_LINE.matcher(String.valueOf(e.getMessage()));
        throw new InvalidFileException(file, List.of(new Problem(file, m.find() ? Integer.parseInt(m.group(1)) : 1,
            1, "", e.getMessage())));
      }
      r.kept().ifPresent(k -> notes.add(rel(file) + " " + k));
      if (family == DialectFamily.POSTGRESQL && r.text().lines().anyMatch(l -> l.stripLeading().startsWith("\\"))) {
        notes.add(rel(file) + " holds psql meta-commands (lines starting with \\): only psql runs them, Backstep "
            + "sends SQL; rewrite them as SQL");
      }
      return r;
    }

    /** Each statement of a verify script that can be a read-only verify query; the others noted and left out. */
    private List<String> verify(Path file, List<String> notes) throws InvalidFileException {
      String text = text(file).replaceFirst("^\uFEFF", "");
      // the statements of the script as written (so their lines are the file's), without the wrapper's
      List<SqlSplitter.Statement> all = SqlSplitter.split(text, family);
      List<SqlSplitter.Statement> inner = unwrap(file, text, true, notes).cut() ? all.subList(1, all.size() - 1)
          : all;
      List<String> out = new ArrayList<>();
      for (SqlSplitter.Statement st : inner) {
        String sql = st.sql();
        String where = rel(file) + ":" + st.line();
        Matcher lock = LOCKING.matcher(sql);
        if (lock.find() && !sql.substring(0, lock.start()).isBlank()) {
          notes.add(where + ": '" + lock.group().strip().replaceAll("\\s+", " ") + "' dropped from the verify "
              + "query: Backstep runs verify read-only, and the lock does not change what it proves");
          sql = sql.substring(0, lock.start());
        }
        Optional<String> refused = Verify.refusal(sql, family);
        if (refused.isPresent()) {
          notes.add(where + ": left out of verify, it cannot be a read-only verify query: " + refused.get());
          continue;
        }
        if (sql.toLowerCase(Locale.ROOT).matches("(?s).*\\bcheckit\\s*\\(.*")) {
          notes.add(where + ": calls checkit(), the function Sqitch installs in its registry: the target needs it, "
              + "or this query errors");
        }
        out.add(sql);
      }
      return out;
    }

    private static boolean same(List<String> a, List<String> b) {
      return b != null && a.stream().map(s -> s.replaceAll("\\s+", " ")).toList()
          .equals(b.stream().map(s -> s.replaceAll("\\s+", " ")).toList());
    }

    /** A change's script: its name's path segments under {@code dir}, with the suffix before the extension. */
    private Path script(Path dir, String name, String suffix) {
      return dir.resolve(name + suffix + "." + dirs.extension());
    }

    private InvalidFileException problem(int line, String message) {
      return new InvalidFileException(planFile, List.of(new Problem(planFile, line, 1, "", message)));
    }

    private String rel(Path p) {
      Path r = root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
      return r.toString().replace('\\', '/');
    }
  }

  private static String text(Path file) throws InvalidFileException {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Path file) throws InvalidFileException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + e.getMessage())));
    }
  }

}
