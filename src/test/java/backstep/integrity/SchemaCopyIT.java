package backstep.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import backstep.db.Database;
import backstep.testing.ScratchDb;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A schema copy (rehearse --seed-from) keeps its sequences' properties, so a diff with the source is empty. */
class SchemaCopyIT {

  @ParameterizedTest
  @EnumSource(ScratchDb.Kind.class)
  void sequencesAreCopiedWithTheirProperties(ScratchDb.Kind kind) throws Exception {
    try (ScratchDb source = ScratchDb.create(kind); ScratchDb copy = ScratchDb.create(kind)) {
      source.exec("CREATE SEQUENCE plain_no",
          kind == ScratchDb.Kind.POSTGRES
              ? "CREATE SEQUENCE ticket_no AS integer START 100 INCREMENT 5 MINVALUE 10 MAXVALUE 100000 CACHE 10 CYCLE"
              : "CREATE SEQUENCE ticket_no START WITH 100 INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 NOCACHE CYCLE",
          "CREATE TABLE t (id bigint PRIMARY KEY)");
      try (Database from = source.open(); Database into = copy.open()) {
        new SchemaCopy(from, null).into(into, 0);
        SchemaSnapshot expected = SchemaSnapshot.take(from);
        assertEquals(2, expected.sequenceDetails().size(), expected.toString());
        assertEquals(List.of(), SchemaDiff.diff(expected, SchemaSnapshot.take(into)));
      }
    }
  }
}
