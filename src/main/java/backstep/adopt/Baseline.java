package backstep.adopt;

import backstep.history.History;
import backstep.playbook.DialectFamily;
import backstep.playbook.Origin;
import backstep.playbook.Playbook;
import backstep.state.RunState;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A history matched with another tool's table: for each migration, whether that tool applied it (and when, with its
 * checksum compared), whether Backstep's ledger already has it, or whether it is left to apply; and every reason not
 * to record the baseline: a half-migrated database, a migration the table lists that the history lacks, a gap, a
 * checksum that differs.
 *
 * @param format the table's tool, as {@code --format} names it
 * @param table the table read, qualified
 * @param entries every migration of the history, in its order
 * @param halfApplied rows that say the database is half-migrated
 * @param mismatches migrations to record whose checksum differs from the stored one
 * @param unknown applied migrations the table lists that the history does not have
 * @param gaps migrations not applied while a later one is
 * @param problems migrations that cannot be recorded on this target (no SQL of its family)
 * @param notes what a person should know, refusing nothing
 */
public record Baseline(String format, String tool, String table, List<Entry> entries, List<String> halfApplied,
    List<Mismatch> mismatches, List<String> unknown, List<String> gaps, List<String> problems, List<String> notes) {

  public Baseline {
    entries = List.copyOf(entries);
    halfApplied = List.copyOf(halfApplied);
    mismatches = List.copyOf(mismatches);
    unknown = List.copyOf(unknown);
    gaps = List.copyOf(gaps);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  /** Where a migration of the history stands. */
  public enum State {
    /** The tool applied it and the ledger does not have it yet: adopting records it. */
    ADOPT,
    /** The ledger has runs of it (adopted before, or applied by Backstep): the ledger decides, nothing is recorded. */
    IN_LEDGER,
    /** Neither applied it: it is left for Backstep to apply. */
    NOT_APPLIED
  }

  /**
   * One migration of the history.
   *
   * @param index its position in the history, from 0
   * @param version its version as the tool names it (the playbook id when it has no {@code origin:})
   * @param row the table's row that records it; for a migration counted by a version the table is at
   *     (golang-migrate, a Flyway baseline), that row
   * @param appliedBy how the tool applied it, in words, for the ledger and for people; empty unless {@code ADOPT}
   * @param checksum the checksum compared, for {@code ADOPT}; null otherwise
   * @param ledgerState the state of its latest run in the ledger, for {@code IN_LEDGER}; null otherwise
   */
  public record Entry(int index, String playbookId, String version, String title, State state, AppliedRow row,
      String appliedBy, ChecksumCheck checksum, RunState ledgerState, @JsonIgnore Playbook playbook) {}

  /** A checksum that differs: the migration changed since the tool applied it. */
  public record Mismatch(String version, String playbookId, String stored, String imported) {
    public String describe() {
      return version + " (" + playbookId + "): stored " + stored + ", imported " + imported;
    }
  }

  /** What the ledger holds for a playbook: its latest run's state. */
  public record InLedger(RunState state) {
    /** Whether that run is in effect (applied). */
    public boolean applied() {
      return state == RunState.APPLIED;
    }
  }

  /** The migrations adopting records. */
  public List<Entry> toRecord() {
    return entries.stream().filter(e -> e.state() == State.ADOPT).toList();
  }

  /** Whether adopting must refuse: with {@code acceptChecksums}, differing checksums alone do not refuse. */
  public boolean refused(boolean acceptChecksums) {
    return !halfApplied.isEmpty() || !unknown.isEmpty() || !gaps.isEmpty() || !problems.isEmpty()
        || !acceptChecksums && !mismatches.isEmpty();
  }

  /**
   * Matches {@code read} with {@code history}.
   *
   * @param ledger the ledger's latest run of each playbook that has one, by playbook id
   * @param family the target's SQL family: a migration to record must have SQL for it
   */
  public static Baseline plan(History history, MigrationTable kind, TableRead read, Map<String, InLedger> ledger,
      DialectFamily family) {
    List<AppliedRow> unclaimed = new ArrayList<>(read.rows());
    List<Entry> entries = new ArrayList<>();
    List<Mismatch> mismatches = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean upToClaimed = false;
    for (int i = 0; i < history.migrations().size(); i++) {
      Playbook pb = history.migrations().get(i);
      Origin o = origin(pb);
      Optional<AppliedRow> row = claim(kind, o, unclaimed);
      String how = row.map(r -> applied(kind, r)).orElse("");
      Optional<AppliedRow> upTo = read.upTo();
      if (row.isEmpty() && upTo.isPresent() && !o.repeatable()
          && kind.compare(o.version(), upTo.get().version()).map(c -> c <= 0).orElse(false)) {
        row = upTo;
        upToClaimed |= kind.compare(o.version(), upTo.get().version()).map(c -> c == 0).orElse(false);
        how = read.upToIsMigration() ? applied(kind, upTo.get()) + "; " + kind.tool() + " records only the version "
            + "the database is at (" + upTo.get().version() + ")"
            : "counted as applied by " + kind.tool() + "'s baseline (" + upTo.get().describe()
                + (upTo.get().at().isEmpty() ? "" : ", on " + upTo.get().at()) + "): " + kind.tool()
                + " never ran it here";
      }
      InLedger known = ledger.get(pb.id());
      String title = pb.title();
      if (known != null) {
        entries.add(new Entry(i, pb.id(), o.version(), title, State.IN_LEDGER, row.orElse(null), "", null,
            known.state(), pb));
      } else if (row.isPresent()) {
        ChecksumCheck sum = kind.checksum(forFamily(o, family), row.get());
        if (sum.verdict() == ChecksumCheck.Verdict.DIFFERS) {
          mismatches.add(new Mismatch(o.version(), pb.id(), sum.stored(), sum.imported()));
        }
        if (!pb.dialects().contains(family)) {
          problems.add(o.version() + " (" + pb.id() + ") has no " + family.key() + " SQL: it cannot be recorded on "
              + "this target, nor rolled back there");
        }
        entries.add(new Entry(i, pb.id(), o.version(), title, State.ADOPT, row.get(), how, sum, null, pb));
      } else {
        entries.add(new Entry(i, pb.id(), o.version(), title, State.NOT_APPLIED, null, "", null, null, pb));
      }
    }
    List<String> unknown = new ArrayList<>();
    unclaimed.forEach(r -> unknown.add(r.source() + ": " + r.describe() + " is applied, but the history has no "
        + "such migration"));
    if (read.upToIsMigration() && read.upTo().isPresent() && !upToClaimed) {
      unknown.add(read.upTo().get().source() + ": the database is at version " + read.upTo().get().version()
          + ", which the history does not have");
    }
    return new Baseline(kind.format(), kind.tool(), read.table(), entries, read.halfApplied(), mismatches, unknown,
        gaps(entries, ledger), problems, read.notes());
  }

  /** The migration's name as the tool knows it: its {@code origin:}, or for a playbook without one its id. */
  private static Origin origin(Playbook pb) {
    Origin o = pb.origin();
    return o.version().isEmpty() ? new Origin(o.format(), o.file(), History.name(pb), o.description(), o.author(),
        o.checksum(), o.repeatable()) : o;
  }

  /**
   * The origin with only {@code family}'s checksum, when the import kept one per family
   * ({@code postgresql:crc32:11 mysql:crc32:-22}: a Flyway migration merged from two dialect folders whose files
   * differ, each database's table holding its own file's checksum); otherwise the origin as it is.
   */
  static Origin forFamily(Origin o, DialectFamily family) {
    String[] parts = o.checksum().split(" ");
    if (parts.length < 2) {
      return o;
    }
    for (String part : parts) {
      if (part.startsWith(family.key() + ":")) {
        return new Origin(o.format(), o.file(), o.version(), o.description(), o.author(),
            part.substring(family.key().length() + 1), o.repeatable());
      }
    }
    return o;
  }

  /** The first unclaimed row that matches, preferring the highest affinity; removed from {@code unclaimed}. */
  private static Optional<AppliedRow> claim(MigrationTable kind, Origin o, List<AppliedRow> unclaimed) {
    AppliedRow best = null;
    for (AppliedRow r : unclaimed) {
      if (kind.matches(o, r) && (best == null || kind.affinity(o, r) > kind.affinity(o, best))) {
        best = r;
      }
    }
    if (best != null) {
      unclaimed.remove(best);
    }
    return Optional.ofNullable(best);
  }

  private static String applied(MigrationTable kind, AppliedRow r) {
    return "applied by " + kind.tool() + (r.at().isEmpty() ? " (it records no time)" : " on " + r.at()) + " ("
        + r.source() + (r.by().isEmpty() ? "" : ", by " + r.by()) + ")";
  }

  /** Non-repeatable migrations not in effect while a later one is. */
  private static List<String> gaps(List<Entry> entries, Map<String, InLedger> ledger) {
    List<Entry> versioned = entries.stream().filter(e -> !e.playbook().origin().repeatable()).toList();
    Set<Integer> inEffect = new HashSet<>();
    for (Entry e : versioned) {
      boolean on = e.state() == State.IN_LEDGER ? ledger.get(e.playbookId()).applied() : e.state() == State.ADOPT;
      if (on) {
        inEffect.add(e.index());
      }
    }
    List<String> out = new ArrayList<>();
    for (Entry e : versioned) {
      if (inEffect.contains(e.index())) {
        continue;
      }
      versioned.stream().filter(l -> l.index() > e.index() && inEffect.contains(l.index()))
          .reduce((a, b) -> b).ifPresent(later -> out.add(e.version() + " (" + e.playbookId() + ") is not applied, "
              + "yet " + (later.index() == e.index() + 1 ? "the next one" : "a later one") + ", " + later.version()
              + " (" + later.playbookId() + "), is"));
    }
    return out;
  }
}
