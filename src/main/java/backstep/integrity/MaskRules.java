package backstep.integrity;

import backstep.playbook.InvalidFileException;
import backstep.playbook.PlaybookLoader;
import backstep.playbook.Problem;
import backstep.playbook.YamlObject;
import backstep.playbook.YamlTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A mask file: how each column of a copied table is anonymized ({@code mask:} table, column, rule) and where the
 * secret key of the keyed rules comes from ({@code key_env:} an environment variable, default
 * {@code BACKSTEP_MASK_KEY}, or {@code key_file:} a file). The key itself never lives in the mask file.
 *
 * <pre>
 * key_env: BACKSTEP_MASK_KEY
 * mask:
 *   customers:
 *     full_name: fake-name
 *     email: fake-email
 *     phone: fake-phone
 *     birth_date: {shift-days: 60}
 *     notes: null
 *     tier: {fixed: standard}
 *     tax_id: hash
 *     country: keep
 * </pre>
 */
public record MaskRules(Path file, String keyEnv, Path keyFile, Map<String, Map<String, Rule>> tables) {
  public static final String DEFAULT_KEY_ENV = "BACKSTEP_MASK_KEY";

  /** How one column is masked. */
  public enum Kind {
    KEEP("keep"), NULL("null"), FIXED("fixed"), HASH("hash"), FAKE_NAME("fake-name"), FAKE_EMAIL("fake-email"),
    FAKE_PHONE("fake-phone"), SHIFT_DAYS("shift-days");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }

    /** Whether the rule needs the secret key (its output is derived from the value). */
    public boolean keyed() {
      return this == HASH || this == FAKE_NAME || this == FAKE_EMAIL || this == FAKE_PHONE || this == SHIFT_DAYS;
    }

    static Optional<Kind> of(String word) {
      for (Kind k : values()) {
        if (k.word.equals(word)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** A rule as written: its kind, argument ({@code fixed}'s value, {@code shift-days}' days) and position. */
  public record Rule(Kind kind, String argument, int line, int column) {
    @Override
    public String toString() {
      return kind.word() + (argument == null ? "" : " " + argument);
    }
  }

  public MaskRules {
    tables = Map.copyOf(tables);
  }

  /** No rules at all (every column kept; personal ones refused unless unmasked). */
  public static MaskRules none() {
    return new MaskRules(null, DEFAULT_KEY_ENV, null, Map.of());
  }

  public Optional<Rule> rule(String table, String column) {
    return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(column));
  }

  /** Where a problem about the file's rule for a column is reported. */
  Problem problem(Rule r, String table, String column, String message) {
    return new Problem(file, r.line(), r.column(), "mask." + table + "." + column, message);
  }

  /** Reads a mask file; every problem is reported with its line, column and field. */
  public static MaskRules load(Path file) throws InvalidFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidFileException(file, List.of(new Problem(file, 1, 1, "", "cannot read: " + (e
          instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()))));
    }
    YamlObject.Problems problems = new YamlObject.Problems(file);
    YamlTree.Node root = PlaybookLoader.readTree(file, text, problems);
    Map<String, Map<String, Rule>> tables = new LinkedHashMap<>();
    String[] keyEnv = {DEFAULT_KEY_ENV};
    Path[] keyFile = {null};
    YamlObject.of(root, "", problems).ifPresent(top -> {
      top.string("key_env").ifPresent(v -> keyEnv[0] = v);
      top.string("key_file").ifPresent(v -> keyFile[0] = file.toAbsolutePath().getParent().resolve(v));
      if (top.has("key_env") && top.has("key_file")) {
        problems.add(top.node(), "key_file", "give key_env or key_file, not both");
      }
      top.required("mask").flatMap(n -> YamlObject.of(n, "mask", problems)).ifPresent(mask -> {
        for (YamlTree.Entry t : ((YamlTree.MapNode) mask.node()).entries().values()) {
          mask.get(t.key());
          if (!(t.value() instanceof YamlTree.MapNode cols)) {
            problems.add(t.value(), mask.child(t.key()), "expected a mapping of column: rule, found "
                + t.value().describe());
            continue;
          }
          Map<String, Rule> rules = new LinkedHashMap<>();
          for (YamlTree.Entry c : cols.entries().values()) {
            rule(c.value(), "mask." + t.key() + "." + c.key(), problems).ifPresent(r -> rules.put(c.key(), r));
          }
          tables.put(t.key(), rules);
        }
        mask.finish();
      });
      top.finish();
    });
    if (!problems.isEmpty()) {
      throw new InvalidFileException(file, problems.list());
    }
    return new MaskRules(file, keyEnv[0], keyFile[0], tables);
  }

  private static final String KINDS = "keep, null, hash, fake-name, fake-email, fake-phone, {fixed: VALUE}, "
      + "{shift-days: N}";

  private static Optional<Rule> rule(YamlTree.Node n, String at, YamlObject.Problems problems) {
    if (n instanceof YamlTree.ScalarNode s) {
      if (s.isNull()) {
        return Optional.of(new Rule(Kind.NULL, null, s.line(), s.column()));
      }
      Optional<Kind> k = Kind.of(s.text().toLowerCase(Locale.ROOT));
      if (k.isEmpty() || k.get() == Kind.FIXED || k.get() == Kind.SHIFT_DAYS) {
        problems.add(n, at, k.isEmpty() ? "unknown mask rule '" + s.text() + "' (allowed: " + KINDS + ")"
            : k.get().word() + " needs a value: {" + k.get().word() + ": " + (k.get() == Kind.FIXED ? "VALUE}"
            : "N}"));
        return Optional.empty();
      }
      return Optional.of(new Rule(k.get(), null, s.line(), s.column()));
    }
    if (n instanceof YamlTree.MapNode m && m.entries().size() == 1) {
      YamlTree.Entry e = m.entries().values().iterator().next();
      Optional<Kind> k = Kind.of(e.key());
      if (k.isPresent() && (k.get() == Kind.FIXED || k.get() == Kind.SHIFT_DAYS)
          && e.value() instanceof YamlTree.ScalarNode v && !v.isNull()) {
        if (k.get() == Kind.SHIFT_DAYS && !v.text().matches("[0-9]{1,5}")) {
          problems.add(v, at + "." + e.key(), "shift-days takes a whole number of days (0 to 99999), not '"
              + v.text() + "'");
          return Optional.empty();
        }
        return Optional.of(new Rule(k.get(), v.text(), m.line(), m.column()));
      }
    }
    problems.add(n, at, "expected a mask rule (" + KINDS + "), found " + n.describe());
    return Optional.empty();
  }
}
