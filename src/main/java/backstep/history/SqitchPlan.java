package backstep.history;

import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sqitch plan ({@code sqitch.plan}), read from the format Sqitch documents (sqitch-plan, sqitchchanges): pragmas
 * ({@code %project=shop}), then one change or tag a line —
 * {@code name [dependencies] 2024-03-01T09:30:00Z Planner Name <planner@example.com> # note} and
 * {@code @tag 2024-03-01T09:30:00Z Planner Name <planner@example.com> # note}. A change name planned again after a
 * tag is a rework: the earlier instance keeps its scripts as {@code name@tag.sql}. Every problem of the file is
 * reported at once, with its line.
 */
final class SqitchPlan {
  /** One dependency: {@code name}, {@code name@tag}, {@code @tag}, {@code project:name} or a change id. */
  record Dependency(boolean conflict, String project, String change, String tag, String id) {
    /** As Sqitch prints it in a change's info: the key, with its project when that is another project. */
    String asString(String currentProject) {
      String key = id != null ? id : (change == null ? "" : change) + (tag == null ? "" : "@" + tag);
      return project == null || project.equals(currentProject) ? key : project + ":" + key;
    }

    String asPlanString(String currentProject) {
      return (conflict ? "!" : "") + asString(currentProject);
    }
  }

  /** A tag line. */
  record Tag(String name, int line) {}

  /**
   * A change line.
   *
   * @param tags the tags declared right after it (before the next change)
   * @param reworkTags when a later line plans the same name again: the tags between the two, those of the latest
   *     change first (as Sqitch lists them: the earlier instance's scripts are named after the first of them whose
   *     file exists, and {@code sqitch rework} names them after the latest); empty otherwise
   * @param reworks the line of the earlier instance this one reworks, or 0
   * @param id the change id Sqitch computes from the change's info (see {@link SqitchIds#changeId})
   */
  record Change(String name, int line, List<Dependency> dependencies, String timestamp, String plannerName,
      String plannerEmail, String note, List<Tag> tags, List<String> reworkTags, int reworks, String id) {

    List<Dependency> requires() {
      return dependencies.stream().filter(d -> !d.conflict()).toList();
    }

    List<Dependency> conflicts() {
      return dependencies.stream().filter(Dependency::conflict).toList();
    }
  }

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern PRAGMA = Pattern.compile("%\\s*([^\\s=]+)\\s*(?:=\\s*(.*))?");
  private static final Pattern DEPENDENCY = Pattern.compile(
      "(!)?(?:([^\\s:@#\\\\]+):)?(?:([0-9a-f]{40})|([^\\s:@#\\\\]+)?(?:@([^\\s:@#\\\\]+))?)");
  /** Like POSIX [:punct:] without the underscore: a name may neither start nor end with one. */
  private static final String PUNCT = "-!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";
  private static final Set<String> RESERVED = Set.of("ROOT", "HEAD");

  final String project;
  final String uri;
  final List<Change> changes;

  private SqitchPlan(String project, String uri, List<Change> changes) {
    this.project = project;
    this.uri = uri;
    this.changes = List.copyOf(changes);
  }

  /** Parses the plan's text; every malformed line, unknown dependency or duplicate is a problem at its line. */
  static SqitchPlan parse(Path file, String text) throws InvalidFileException {
    return new Reader(file).read(text);
  }

  /** Mutable state of one parse. */
  private static final class Reader {
    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> pragmas = new HashMap<>();
    private final List<ChangeLine> lines = new ArrayList<>();
    /** Change name → line of its latest instance; tag name → its line. */
    private final Map<String, Integer> changeAt = new HashMap<>();
    private final Map<String, Integer> firstChangeAt = new HashMap<>();
    private final Map<String, Integer> tagAt = new HashMap<>();
    /** Changes planned since the last tag, by name. */
    private final Map<String, Integer> sinceTag = new HashMap<>();

    Reader(Path file) {
      this.file = file;
    }

    private void problem(int line, String message) {
      problems.add(new Problem(file, line, 1, "", message));
    }

    SqitchPlan read(String text) throws InvalidFileException {
      String[] raw = text.split("\r?\n", -1);
      for (int i = 0; i < raw.length; i++) {
        line(raw[i], i + 1);
      }
      String project = pragmas.get("project");
      if (project == null) {
        problem(1, "missing the %project pragma (%project=name, before the first change)");
      }
      String version = pragmas.get("syntax-version");
      if (version != null && !version.startsWith("1.")) {
        problem(1, "%syntax-version " + version + " is not one Backstep reads (1.0.0)");
      }
      if (!problems.isEmpty()) {
        throw new InvalidFileException(file, problems);
      }
      return new SqitchPlan(project, pragmas.get("uri"), changes(project));
    }

    private void line(String text, int no) {
      String content = text;
      String note = "";
      int hash = text.indexOf('#');
      if (hash >= 0) {
        content = text.substring(0, hash);
        note = unescapeNote(text.substring(hash + 1).strip());
      }
      content = content.strip();
      if (content.isEmpty()) {
        return;
      }
      if (content.startsWith("%")) {
        pragma(content, no);
      } else if (content.startsWith("@")) {
        tag(content.substring(1), note, no);
      } else {
        change(content, note, no);
      }
    }

    private void pragma(String content, int no) {
      if (!lines.isEmpty()) {
        problem(no, "a pragma after the first change: pragmas (%project=…) come first");
        return;
      }
      Matcher m = PRAGMA.matcher(content);
      if (!m.matches()) {
        problem(no, "malformed pragma: expected %name=value");
        return;
      }
      String name = m.group(1);
      String value = m.group(2) == null ? "" : m.group(2).strip();
      if (name.equals("project") && nameProblem(value).isPresent()) {
        problem(no, "invalid project name '" + value + "': " + nameProblem(value).get());
      }
      pragmas.put(name, value);
    }

    private void tag(String content, String note, int no) {
      Optional<Fields> f = fields(content, no, "@name YYYY-MM-DDTHH:MM:SSZ Planner Name <email> # note");
      if (f.isEmpty()) {
        return;
      }
      String name = f.get().name;
      if (!f.get().dependencies.isEmpty()) {
        problem(no, "tag '@" + name + "' has dependencies; only changes may have them");
      }
      if (name.contains("/")) {
        problem(no, "tag '@" + name + "' contains '/', which a tag name may not");
      }
      Integer seen = tagAt.get(name);
      if (seen != null) {
        problem(no, "tag '@" + name + "' is already declared at line " + seen);
        return;
      }
      if (lines.isEmpty()) {
        problem(no, "tag '@" + name + "' comes before any change: a tag names the change before it");
        return;
      }
      tagAt.put(name, no);
      lines.get(lines.size() - 1).tags.add(new Tag(name, no));
      sinceTag.clear();
    }

    private void change(String content, String note, int no) {
      String text = content;
      if (text.startsWith("-")) {
        problem(no, "a '-' (revert) entry: Backstep imports plans of changes to deploy, not plan-level reverts");
        return;
      }
      if (text.startsWith("+")) {
        text = text.substring(1).strip();
      }
      Optional<Fields> f = fields(text, no, "name [dependencies] YYYY-MM-DDTHH:MM:SSZ Planner Name <email> # note");
      if (f.isEmpty()) {
        return;
      }
      String name = f.get().name;
      Integer dup = sinceTag.get(name);
      if (dup != null) {
        problem(no, "change '" + name + "' is already planned at line " + dup + " with no tag between: to rework a "
            + "change, tag the plan first (sqitch tag), then plan it again");
        return;
      }
      List<Dependency> deps = new ArrayList<>();
      for (String d : f.get().dependencies) {
        dependency(d, name, no).ifPresent(deps::add);
      }
      Integer earlier = changeAt.get(name);
      lines.add(new ChangeLine(name, no, deps, f.get().timestamp, f.get().plannerName, f.get().plannerEmail, note,
          earlier == null ? 0 : earlier));
      changeAt.put(name, no);
      firstChangeAt.putIfAbsent(name, no);
      sinceTag.put(name, no);
    }

    private Optional<Dependency> dependency(String text, String change, int no) {
      Matcher m = DEPENDENCY.matcher(text);
      if (!m.matches() || (m.group(3) == null && m.group(4) == null && m.group(5) == null)) {
        problem(no, "'" + text + "' is not a dependency (name, name@tag, @tag, project:name or a change id, "
            + "! before a conflict)");
        return Optional.empty();
      }
      Dependency d = new Dependency(m.group(1) != null, m.group(2), m.group(4), m.group(5), m.group(3));
      boolean ours = d.project() == null || d.project().equals(pragmas.get("project"));
      if (d.conflict() || !ours || d.id() != null) {
        return Optional.of(d);
      }
      Optional<String> unknown = unknown(d, change);
      unknown.ifPresent(u -> problem(no, "change '" + change + "' requires " + u));
      return unknown.isPresent() ? Optional.empty() : Optional.of(d);
    }

    /** Why a requirement of this project names nothing planned before it; empty when it does. */
    private Optional<String> unknown(Dependency d, String change) {
      String key = d.asString(pragmas.get("project"));
      if (d.change() == null) {
        return tagAt.containsKey(d.tag()) ? Optional.empty()
            : Optional.of("unknown tag '" + key + "' (not declared above)");
      }
      if (d.tag() == null) {
        if (changeAt.containsKey(d.change())) {
          return Optional.empty();
        }
        return Optional.of(d.change().equals(change) ? "itself" : "unknown change '" + key + "' (not planned above;"
            + " a change may require only changes planned before it)");
      }
      Integer tag = tagAt.get(d.tag());
      Integer first = firstChangeAt.get(d.change());
      if (tag == null || first == null || first > tag) {
        return Optional.of("unknown change '" + key + "' (no change '" + d.change() + "' planned before a tag @"
            + d.tag() + ")");
      }
      return Optional.empty();
    }

    /** The fields of a change or tag line (the note already cut off). */
    private Optional<Fields> fields(String text, int no, String shape) {
      int end = 0;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '[') {
        end++;
      }
      String name = text.substring(0, end);
      Optional<String> bad = nameProblem(name);
      if (bad.isPresent()) {
        problem(no, "invalid name '" + name + "': " + bad.get() + " (a line reads: " + shape + ")");
        return Optional.empty();
      }
      String rest = text.substring(end).strip();
      List<String> deps = List.of();
      if (rest.startsWith("[")) {
        int close = rest.indexOf(']');
        if (close < 0) {
          problem(no, "the dependency list [ is not closed with ]");
          return Optional.empty();
        }
        deps = List.of(rest.substring(1, close).strip().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
        rest = rest.substring(close + 1).strip();
      }
      Matcher ts = TIMESTAMP.matcher(rest);
      if (!ts.lookingAt()) {
        problem(no, "missing or malformed timestamp after '" + name + "': expected YYYY-MM-DDTHH:MM:SSZ (a line "
            + "reads: " + shape + ")");
        return Optional.empty();
      }
      String planner = rest.substring(ts.end()).stripLeading();
      int lt = planner.indexOf('<');
      int gt = planner.indexOf('>', Math.max(lt, 0));
      boolean blankBefore = lt > 1 && Character.isWhitespace(planner.charAt(lt - 1));
      if (lt < 0 || gt < lt + 2 || gt != planner.length() - 1 || !blankBefore) {
        problem(no, "missing or malformed planner after the timestamp: expected Planner Name <email> (a line "
            + "reads: " + shape + ")");
        return Optional.empty();
      }
      // As Sqitch reads it: the name is everything before the last blank before '<'.
      return Optional.of(new Fields(name, deps, ts.group(), planner.substring(0, lt - 1),
          planner.substring(lt + 1, gt)));
    }

    /** Assembles the changes in plan order, with their rework tags and ids. */
    private List<Change> changes(String project) {
      List<Change> out = new ArrayList<>();
      String parent = null;
      for (int i = 0; i < lines.size(); i++) {
        ChangeLine c = lines.get(i);
        List<String> rework = new ArrayList<>();
        for (int j = i + 1; j < lines.size(); j++) {
          if (lines.get(j).reworks == c.line) {
            for (int k = j - 1; k >= i; k--) {
              lines.get(k).tags.forEach(t -> rework.add(t.name()));
            }
            break;
          }
        }
        String planner = c.plannerName + " <" + c.plannerEmail + ">";
        String id = SqitchIds.changeId(project, pragmas.get("uri"), c.name, parent, planner, c.timestamp, c.deps,
            c.note);
        out.add(new Change(c.name, c.line, c.deps, c.timestamp, c.plannerName, c.plannerEmail, c.note,
            List.copyOf(c.tags), rework, c.reworks, id));
        parent = id;
      }
      return out;
    }
  }

  private record Fields(String name, List<String> dependencies, String timestamp, String plannerName,
      String plannerEmail) {}

  /** A change line while the plan is read; its tags are added as they follow. */
  private record ChangeLine(String name, int line, List<Dependency> deps, String timestamp, String plannerName,
      String plannerEmail, String note, int reworks, List<Tag> tags) {
    ChangeLine(String name, int line, List<Dependency> deps, String timestamp, String plannerName,
        String plannerEmail, String note, int reworks) {
      this(name, line, deps, timestamp, plannerName, plannerEmail, note, reworks, new ArrayList<>());
    }
  }

  /** Why {@code name} is not a valid Sqitch change, tag or project name; empty when it is. */
  static Optional<String> nameProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("a name is needed");
    }
    if (PUNCT.indexOf(name.charAt(0)) >= 0 || PUNCT.indexOf(name.charAt(name.length() - 1)) >= 0) {
      return Optional.of("a name may not start or end with punctuation");
    }
    if (name.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':' || c == '@' || c == '#' || c == '\\')) {
      return Optional.of("a name may not hold blanks, ':', '@', '#' or '\\'");
    }
    if (name.matches(".*[~/=%^\\[\\]]\\d+")) {
      return Optional.of("a name may not end in ~, ^, /, =, % or a bracket followed by digits");
    }
    if (RESERVED.contains(name)) {
      return Optional.of(name + " is reserved");
    }
    if (name.matches("[0-9a-f]{40}.*")) {
      return Optional.of("it could be taken for a change id (40 hex digits)");
    }
    return Optional.empty();
  }

  /** Sqitch's note escapes: {@code \n}, {@code \r} and {@code \\}. */
  private static String unescapeNote(String note) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (c == '\\' && i + 1 < note.length() && "nr\\".indexOf(note.charAt(i + 1)) >= 0) {
        char n = note.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : '\\');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
