package backstep.integrity;

import backstep.integrity.MaskRules.Kind;
import backstep.integrity.MaskRules.Rule;
import backstep.integrity.SchemaSnapshot.Column;
import backstep.integrity.SchemaSnapshot.ForeignKey;
import backstep.integrity.SchemaSnapshot.Table;
import backstep.playbook.InvalidFileException;
import backstep.playbook.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mask rules resolved against the schema being copied. A column that references a masked column (a foreign key)
 * follows its parent's rule, so the copy still joins; every keyed rule derives its output from the value and the
 * secret key alone ({@link MaskValues}), so equal values mask equally in every table and row. Refused up front: a rule
 * for a table or column the source lacks, {@code null} on a NOT NULL column, {@code fixed} on a column that is a key by
 * itself, a rule on a foreign-key column that breaks its join, and a column that looks personal (name, email, phone,
 * address, birth date) without a rule unless the copy is explicitly unmasked.
 */
public final class Masking {
  private static final Pattern LENGTH = Pattern.compile("(?:char|text|binary)[^(]*\\((\\d+)\\)");
  private static final Set<String> PERSONAL = Set.of("name", "firstname", "lastname", "fullname", "surname",
      "username", "email", "mail", "phone", "mobile", "telephone", "tel", "address", "street", "birthdate",
      "birthday", "dob", "birth", "ssn");

  /** A column's resolved rule; {@code root} is the column whose rule it follows (itself, or a referenced one). */
  record Mask(Kind kind, String argument, String root, String rootType, boolean unique, int length) {}

  /** The copy would leave personal data in clear, or the masking key is missing. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  private final Map<String, Map<String, Mask>> masks;
  private final List<String> unmaskedPersonal;
  private final MaskValues values;

  private Masking(Map<String, Map<String, Mask>> masks, List<String> unmaskedPersonal, MaskValues values) {
    this.masks = masks;
    this.unmaskedPersonal = unmaskedPersonal;
    this.values = values;
  }

  /** Whether a column name looks like personal data: one of its words is a name, email, phone, address, birth date. */
  public static boolean looksPersonal(String column) {
    String words = column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    for (String w : words.split("[^a-z0-9]+")) {
      if (PERSONAL.contains(w)) {
        return true;
      }
    }
    String joined = words.replaceAll("[^a-z0-9]", "");
    return joined.contains("email") || joined.contains("phone") || joined.equals("dateofbirth");
  }

  /**
   * Resolves {@code rules} against the source schema {@code s}.
   *
   * @throws InvalidFileException a rule names what the source lacks, or cannot hold
   * @throws Refused personal-looking columns without a rule (and not {@code unmasked}), or no key for keyed rules
   */
  public static Masking plan(SchemaSnapshot s, MaskRules rules, boolean unmasked)
      throws InvalidFileException, Refused {
    List<Problem> problems = new ArrayList<>();
    Map<String, Table> byName = new LinkedHashMap<>();
    s.tables().forEach(t -> byName.put(t.name(), t));
    rules.tables().forEach((table, cols) -> cols.forEach((col, r) -> {
      Table t = byName.get(table);
      if (t == null || t.column(col).isEmpty()) {
        problems.add(rules.problem(r, table, col, t == null ? "the source has no table '" + table + "'"
            : "table " + table + " has no column '" + col + "'"));
      }
    }));
    Map<String, Map<String, Mask>> masks = new LinkedHashMap<>();
    Resolver resolver = new Resolver(byName, rules, problems);
    List<String> personal = new ArrayList<>();
    for (Table t : s.tables()) {
      Map<String, Mask> cols = new LinkedHashMap<>();
      for (Column c : t.columns()) {
        Optional<Mask> m = resolver.resolve(t.name(), c.name(), new HashSet<>());
        m.ifPresent(mask -> cols.put(c.name(), mask));
        if (m.isEmpty() && looksPersonal(c.name())) {
          personal.add(t.name() + "." + c.name());
        }
      }
      masks.put(t.name(), cols);
    }
    if (!problems.isEmpty()) {
      throw new InvalidFileException(rules.file(), problems);
    }
    if (!personal.isEmpty() && !unmasked) {
      throw new Refused(String.join(", ", personal) + (personal.size() == 1 ? " looks" : " look") + " personal and "
          + (personal.size() == 1 ? "has" : "have") + " no mask rule" + (rules.file() == null ? "" : " in "
          + rules.file()) + ": give each a rule (keep to copy it as it is), or pass --unmasked to copy personal data "
          + "in clear");
    }
    boolean keyed = masks.values().stream().flatMap(m -> m.values().stream()).anyMatch(m -> m.kind().keyed());
    return new Masking(masks, unmasked ? personal : List.of(), keyed ? new MaskValues(key(rules)) : null);
  }

  private static byte[] key(MaskRules rules) throws Refused {
    String key;
    if (rules.keyFile() != null) {
      try {
        key = Files.readString(rules.keyFile(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new Refused("key_file: cannot read " + rules.keyFile() + " (" + (e instanceof
            java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()) + ")");
      }
    } else {
      key = System.getenv(rules.keyEnv());
    }
    if (key == null || key.length() < 16) {
      throw new Refused("the hash, fake and shift-days rules need a secret key of at least 16 characters: set the "
          + "environment variable " + rules.keyEnv() + " (or name a key_file in the mask file); "
          + (key == null ? "it is not set" : "it is too short"));
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /** Follows foreign keys to the rule a column must share with the column it references. */
  private record Resolver(Map<String, Table> tables, MaskRules rules, List<Problem> problems) {
    Optional<Mask> resolve(String table, String column, Set<String> visiting) {
      Table t = tables.get(table);
      Optional<Rule> own = rules.rule(table, column);
      if (t == null || t.column(column).isEmpty() || !visiting.add(table + "." + column)) {
        return Optional.empty();
      }
      Column c = t.column(column).get();
      for (ForeignKey fk : t.foreignKeys()) {
        int i = fk.columns().indexOf(column);
        if (i < 0 || fk.refTable().contains(".") || !tables.containsKey(fk.refTable())) {
          continue;
        }
        String parent = fk.refTable() + "." + fk.refColumns().get(i);
        Optional<Mask> p = resolve(fk.refTable(), fk.refColumns().get(i), visiting);
        boolean parentMasked = p.isPresent() && p.get().kind() != Kind.KEEP;
        if (own.isPresent() && own.get().kind() != Kind.NULL && own.get().kind() != Kind.KEEP
            && (!parentMasked || !same(own.get(), p.get()))) {
          problems.add(rules.problem(own.get(), table, column, "references " + parent + " (foreign key "
              + fk.name() + "), which is " + (parentMasked ? "masked with " + p.get().kind().word() : "not masked")
              + ": the copy would no longer join; leave this column's rule out (it follows " + parent + ")"));
          return Optional.empty();
        }
        if (own.isPresent() && own.get().kind() == Kind.KEEP && parentMasked) {
          problems.add(rules.problem(own.get(), table, column, "references " + parent + ", which is masked: it "
              + "cannot be kept (leave its rule out; it follows " + parent + ")"));
          return Optional.empty();
        }
        if (parentMasked && (own.isEmpty() || own.get().kind() != Kind.NULL)) {
          return p;
        }
      }
      if (own.isEmpty()) {
        return Optional.empty();
      }
      Rule r = own.get();
      boolean unique = uniqueAlone(t, column);
      if (r.kind() == Kind.NULL && !c.nullable()) {
        problems.add(rules.problem(r, table, column, "column " + table + "." + column + " is NOT NULL: it cannot "
            + "be masked with null"));
      }
      if (r.kind() == Kind.FIXED && unique) {
        problems.add(rules.problem(r, table, column, "column " + table + "." + column + " is a unique key by "
            + "itself: one fixed value for every row would break it (use hash or a fake rule)"));
      }
      Matcher m = LENGTH.matcher(c.type().toLowerCase(Locale.ROOT));
      return Optional.of(new Mask(r.kind(), r.argument(), table + "." + column, c.type(),
          unique || inAnyKey(t, column), m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE));
    }

    private static boolean same(Rule r, Mask m) {
      return r.kind() == m.kind() && java.util.Objects.equals(r.argument(), m.argument());
    }
  }

  private static boolean uniqueAlone(Table t, String column) {
    return (t.primaryKey() != null && t.primaryKey().columns().equals(List.of(column)))
        || t.uniqueKeys().stream().anyMatch(u -> u.columns().equals(List.of(column)));
  }

  private static boolean inAnyKey(Table t, String column) {
    return (t.primaryKey() != null && t.primaryKey().columns().contains(column))
        || t.uniqueKeys().stream().anyMatch(u -> u.columns().contains(column));
  }

  /** Whether any column of {@code table} is changed by its rule. */
  boolean masks(String table) {
    return masks.getOrDefault(table, Map.of()).values().stream().anyMatch(m -> m.kind() != Kind.KEEP);
  }

  /** The masked value of {@code value} in {@code table.column} (a null stays null). */
  Object apply(String table, String column, Object value) {
    Mask m = masks.getOrDefault(table, Map.of()).get(column);
    if (m == null || m.kind() == Kind.KEEP || value == null) {
      return value;
    }
    return switch (m.kind()) {
      case NULL -> null;
      case FIXED -> m.argument();
      default -> values.mask(m, value);
    };
  }

  /** One line per changed column ({@code table.column: rule}, {@code (follows parent)} for foreign keys). */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    masks.forEach((table, cols) -> cols.forEach((col, m) -> {
      if (m.kind() == Kind.KEEP) {
        return;
      }
      String self = table + "." + col;
      lines.add(self + ": " + m.kind().word() + (m.argument() == null ? "" : " " + m.argument())
          + (m.root().equals(self) ? "" : " (follows " + m.root() + ")"));
    }));
    return lines;
  }

  /** Personal-looking columns copied in clear because the copy was explicitly unmasked. */
  public List<String> unmaskedPersonal() {
    return List.copyOf(new TreeSet<>(unmaskedPersonal));
  }
}
