package backstep.report;

import backstep.db.TargetSpec;
import backstep.ledger.Ledger;
import backstep.ledger.LedgerReader.RunDetail;
import backstep.playbook.DialectFamily;
import backstep.playbook.Json;
import backstep.playbook.Playbook;
import java.util.Locale;
import java.util.Optional;

/**
 * Change reports for people and machines: the pre-change notice (from a playbook and its target, no connection)
 * and the post-change summary (from a run's ledger, read as the audit export reads it). Each comes as data
 * ({@link Notice}, {@link Summary}) or as text in Markdown, self-contained HTML or JSON.
 */
public final class ChangeReports {
  /** The text formats. */
  public enum Format {
    MD, HTML, JSON;

    public static Optional<Format> parse(String s) {
      String k = s == null ? "" : s.toLowerCase(Locale.ROOT);
      return switch (k) {
        case "md", "markdown" -> Optional.of(MD);
        case "html" -> Optional.of(HTML);
        case "json" -> Optional.of(JSON);
        default -> Optional.empty();
      };
    }

    /** The file extension, without the dot. */
    public String extension() {
      return this == MD ? "md" : name().toLowerCase(Locale.ROOT);
    }
  }

  private ChangeReports() {}

  /**
   * The notice for {@code playbook} planned on {@code target}, whose SQL family is {@code family}; {@code window}
   * is the planned change window in words, or null when not scheduled.
   */
  public static Notice noticeOf(Playbook playbook, TargetSpec target, DialectFamily family, String window) {
    return NoticeReader.read(playbook, target, family, window);
  }

  public static String notice(Playbook playbook, TargetSpec target, DialectFamily family, String window,
      Format format) {
    Notice n = noticeOf(playbook, target, family, window);
    return format == Format.JSON ? Json.pretty(n) : render(NoticeDoc.of(n), format);
  }

  /** The summary of a run: {@code run} from {@code LedgerReader.run}, {@code chain} from its verifyChain. */
  public static Summary summaryOf(RunDetail run, Ledger.ChainCheck chain) {
    return SummaryReader.read(run, chain);
  }

  public static String summary(RunDetail run, Ledger.ChainCheck chain, Format format) {
    Summary s = summaryOf(run, chain);
    return format == Format.JSON ? Json.pretty(s) : render(SummaryDoc.of(s), format);
  }

  private static String render(Doc doc, Format format) {
    return format == Format.HTML ? HtmlWriter.write(doc) : MarkdownWriter.write(doc);
  }
}
