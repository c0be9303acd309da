/**
 * Playbooks: immutable records, YAML loading with positions, and validation that reports every problem with
 * file, line, column and field path. Knows nothing of databases or connections.
 */
package backstep.playbook;
