/**
 * The playbook library (a folder, filtered, and the histories found under it) and the playbook view in plain words,
 * with validation problems shown at their lines. Reads files off the FX thread; never connects to a database.
 */
package backstep.ui.library;
