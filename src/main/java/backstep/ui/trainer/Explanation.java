package backstep.ui.trainer;

/**
 * One step explained for a class: what it does (the playbook's intent), what it locks while it runs, how it is
 * undone, and the SQL both ways.
 */
public record Explanation(int index, int total, String title, String kind, String does, String locks, String undo,
    String forward, String rollback) {}
