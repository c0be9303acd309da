package backstep.ui.panels;

/**
 * A guard threshold drawn across a chart, in the chart's units.
 *
 * @param y NaN while a relative threshold's baseline is still unknown (the label says so; no line is drawn)
 * @param breached the rule's aggregate is above the threshold now
 */
public record ThresholdLine(String label, double y, boolean breached) {
  /**
   * The label without its action: the condition ("latest lock waiters > 5" of "pause · latest lock waiters > 5",
   * the labels' form, {@code LiveChartsModel}); the label itself when it has no action.
   */
  public String condition() {
    int at = label.lastIndexOf(" · ");
    return at < 0 ? label : label.substring(at + 3);
  }

  /** The limit alone ("> 5" of "pause · latest lock waiters > 5"); the condition when it names none. */
  public String limit() {
    String c = condition();
    int at = c.lastIndexOf(" > ");
    return at < 0 ? c : c.substring(at + 1);
  }
}
