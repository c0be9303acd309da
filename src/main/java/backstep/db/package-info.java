/**
 * Targets and connections: targets.yaml, HikariCP pools, dialect differences (guards, lock timeouts, run lock),
 * the embedded PostgreSQL sandbox and the demo schema. Does not run playbooks and never logs credentials.
 */
package backstep.db;
