/**
 * Trainer mode: a playbook or drill stepped through one step at a time with plain-language explanations (what it
 * does, what it locks, how it is undone), and the replay of a past run or drill attempt on its timeline. Reads
 * only what other features already loaded (playbooks, the ledger browser's run, a drill's history).
 */
package backstep.ui.trainer;
