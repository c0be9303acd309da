package backstep.playbook;

/**
 * Where an imported playbook came from: the other tool's migration it was converted from (a playbook's
 * {@code origin:} section, written by {@code backstep import}). Backstep does not act on it, except that
 * {@code backstep adopt} matches a database's own migration table by {@code version} and compares {@code checksum}.
 *
 * @param format the tool the migration was written for: {@code flyway}, {@code liquibase}, {@code golang-migrate},
 *     {@code sqitch}; empty for a playbook written for Backstep
 * @param file the migration's file, relative to the imported project
 * @param version the migration's version or change name as that tool knows it (Flyway {@code 1.10}, a Liquibase
 *     changeset's {@code author:id}, golang-migrate's number, a Sqitch change's {@code name} or {@code name@tag})
 * @param description the tool's description of the migration
 * @param author who wrote it, where the format says
 * @param checksum the tool's own checksum of the source, as that tool stores it in its table (Flyway's CRC32, a
 *     Liquibase MD5SUM, a Sqitch script hash), or a {@code sha256:} of the file where the tool keeps none
 * @param repeatable a Flyway {@code R__} migration: re-run when it changes, never undone
 */
public record Origin(String format, String file, String version, String description, String author,
    String checksum, boolean repeatable) {
  /** No origin: a playbook written for Backstep. */
  public static final Origin NONE = new Origin("", "", "", "", "", "", false);

  public Origin {
    format = format == null ? "" : format;
    file = file == null ? "" : file;
    version = version == null ? "" : version;
    description = description == null ? "" : description;
    author = author == null ? "" : author;
    checksum = checksum == null ? "" : checksum;
  }

  public boolean imported() {
    return !format.isEmpty();
  }
}
