package backstep.playbook;

/** A query whose single value proves something, and the value it must have. */
public record Verify(SqlText sql, Expectation expect, String description, int line) {}
