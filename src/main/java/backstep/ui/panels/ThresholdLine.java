package backstep.ui.panels;

/**
 * A guard threshold drawn across a chart, in the chart's units.
 *
 * @param y NaN while a relative threshold's baseline is still unknown (the label says so; no line is drawn)
 * @param breached the rule's aggregate is above the threshold now
 */
public record ThresholdLine(String label, double y, boolean breached) {}
