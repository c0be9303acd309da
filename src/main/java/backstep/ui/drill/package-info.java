/**
 * Drill mode: the drill list, the drill view (briefing, clock, fault timeline, live panels, workload, checklist,
 * the team's timed actions) and the scoreboard with the drill's history. Runs drills through
 * {@link backstep.drill.DrillRunner} on its own threads; only {@code ui.fx} crosses onto the FX thread.
 */
package backstep.ui.drill;
