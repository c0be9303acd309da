package backstep.ui.sql;

/**
 * A problem on one line of the text a {@link SqlView} shows (1-based), as lint or validation found it.
 *
 * @param severity "error", "warning" or "info": the mark's CSS class is {@code sql-mark-<severity>}
 * @param message the problem in words, shown beside the line number and in its tooltip
 */
public record LineMark(int line, String severity, String message) {}
