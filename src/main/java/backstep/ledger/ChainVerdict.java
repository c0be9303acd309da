package backstep.ledger;

import backstep.db.LedgerKey;

/**
 * What a check of the hash chain proved, as every output names it: {@code audit verify}, {@code audit export},
 * {@code report summary}, {@code history --run} and the console. A chain whose keyed events could not be checked
 * (no ledger key given) is {@link #UNCHECKED}, never "intact": its links hold, but an edit of a keyed event with its
 * hashes recomputed would not show.
 */
public enum ChainVerdict {
  INTACT("intact"),
  UNCHECKED("unchecked (no key)"),
  BROKEN("BROKEN");

  private final String words;

  ChainVerdict(String words) {
    this.words = words;
  }

  /** "intact", "unchecked (no key)" or "BROKEN". */
  public String words() {
    return words;
  }

  static ChainVerdict of(Ledger.ChainCheck c) {
    return !c.intact() ? BROKEN : c.unchecked() > 0 ? UNCHECKED : INTACT;
  }

  /** The verdict and what it rests on, in one sentence without a final stop: "unchecked (no key): 3 of 9 …". */
  public static String sentence(Ledger.ChainCheck c) {
    ChainVerdict v = of(c);
    return v.words + (v == BROKEN ? " " : ": ") + grounds(c);
  }

  /** What the verdict rests on: "all 9 events recompute …", "3 of 9 events are keyed …", "at event 4: …". */
  public static String grounds(Ledger.ChainCheck c) {
    return switch (of(c)) {
      case INTACT -> "all " + c.events() + " events recompute to their stored hashes"
          + (c.keyed() > 0 ? " (" + c.keyed() + " keyed, checked with the ledger key)" : "");
      case UNCHECKED -> c.unchecked() + " of " + c.events() + " events are keyed (HMAC-SHA256) and could not be "
          + "checked without the ledger key (set " + LedgerKey.ENV + ", pass --ledger-key-file or name "
          + "ledger_key_file: in targets.yaml); the links between all " + c.events() + " events hold and the "
          + (c.events() - c.unchecked()) + " unkeyed ones recompute";
      case BROKEN -> "at event " + c.firstBadSeq() + ": " + c.problem();
    };
  }
}
