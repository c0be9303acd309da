/**
 * Notifications of a run's moments (started, a gate waiting, a guard's breach and action, failed, completed) to the
 * webhooks of a targets file's {@code notify:}: generic JSON or Slack-compatible, posted off the engine's thread with
 * short timeouts. A notification that cannot be delivered is a warning, never a reason to stop a change. Never
 * carries a password or a whole webhook URL; never touches a database or the ledger.
 */
package backstep.notify;
