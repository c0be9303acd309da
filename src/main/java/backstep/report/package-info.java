/**
 * Documents for people and machines built from playbooks and the ledger: audit exports (Markdown, JSON) and change
 * reports — the pre-change notice and the post-change summary (Markdown, self-contained HTML, JSON) through
 * {@link backstep.report.ChangeReports}. Reads values only; never opens a connection or changes
 * a target.
 */
package backstep.report;
