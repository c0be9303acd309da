package backstep.integrity;

/**
 * A table's row count and order-independent checksum, from one scan (see {@link DataChecks#checksum} for how it is
 * computed). Equal for the same rows in any physical order; the checksum text is only comparable with checksums
 * taken by the same database product.
 */
public record TableChecksum(String table, long rows, String checksum) {}
