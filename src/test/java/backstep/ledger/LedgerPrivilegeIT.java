package backstep.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import backstep.testing.Cli;
import backstep.testing.ScratchDb;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A role that may not create the ledger gets exit 4 with the database's own words and the privilege to grant
 * (regression: issue 14, item 6: jOOQ's DataAccessException escaped as an internal error, exit 70).
 */
class LedgerPrivilegeIT {
  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void aRoleWithoutCreateIsToldWhatToGrant(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb db = ScratchDb.seeded(kind)) {
      String role = "bs_ro_" + db.name().substring(db.name().length() - 8);
      boolean pg = kind == ScratchDb.Kind.POSTGRES;
      if (pg) {
        db.exec("CREATE ROLE " + role + " LOGIN", "REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC",
            "GRANT CONNECT ON DATABASE " + db.name() + " TO " + role, "GRANT USAGE ON SCHEMA public TO " + role,
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
      } else {
        for (String host : new String[] {"%", "localhost"}) {
          db.exec("CREATE USER '" + role + "'@'" + host + "'",
              "GRANT SELECT, INSERT, UPDATE, DELETE ON " + db.name() + ".* TO '" + role + "'@'" + host + "'");
        }
      }
      try {
        Cli.Result r = Cli.run("apply", "playbooks/add-orders-status-index.yaml", "--url", db.url(), "--user", role,
            "--environment", "sandbox", "--name", db.name());
        assertEquals(4, r.exit(), r::toString);
        assertTrue(r.err().contains("may not create the Backstep ledger"), r::toString);
        assertTrue(r.err().contains(pg ? "permission denied for database " + db.name() : "CREATE command denied"),
            "the database's own words: " + r);
        assertTrue(r.err().contains(pg ? "GRANT CREATE ON DATABASE " + db.name() + " TO " + role
            : "GRANT CREATE, ALTER, INDEX ON " + db.name() + ".* TO '" + role + "'@'"), r::toString);
        assertFalse(r.toString().contains("internal error") || r.toString().contains("Exception"), r::toString);
        assertFalse(db.hasLedger(), "nothing was created");
      } finally {
        if (pg) {
          db.exec("DROP OWNED BY " + role, "DROP ROLE " + role);
        } else {
          db.exec("DROP USER '" + role + "'@'%'", "DROP USER '" + role + "'@'localhost'");
        }
      }
    }
  }
}
