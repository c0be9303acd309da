/**
 * The window frame: top bar (target, environment class, operator, theme), targets and their connections, status
 * bar. Opens targets off the FX thread; must not run playbooks.
 */
package backstep.ui.shell;
