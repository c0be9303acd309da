package backstep.ui.history;

import backstep.engine.HistoryRehearsal;

/**
 * A line of the rehearsal report: a migration's outcome ({@code difference} null), or one of its differences from
 * the state before its up, shown under it.
 */
public record RehearsalLine(HistoryRehearsal.Item item, String difference) {}
