package backstep.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import backstep.traffic.ShapeAnalysis.Site;
import backstep.traffic.TrafficProfile.Kind;
import backstep.traffic.TrafficProfile.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShapeAnalysisTest {
  @Test
  void literalsLeftInAShapeBecomePlaceholdersSoNoSourceValueIsKept() {
    assertEquals("SELECT * FROM t WHERE a = $2 AND b = $1 AND c = $3 -- x",
        ShapeAnalysis.scrub("SELECT * FROM t WHERE a = 'it''s secret' AND b = $1 AND c = 42.5 -- x", true));
    assertEquals("SELECT `x` FROM `t` WHERE `a` = ? AND `b` = ?",
        ShapeAnalysis.scrub("SELECT `x` FROM `t` WHERE `a` = ? AND `b` = 'mail@example.com'", false));
    assertEquals("SELECT t1.a FROM t1", ShapeAnalysis.scrub("SELECT t1.a FROM t1", true), "digits in names stay");
  }

  @Test
  void readsWritesAndOtherStatementsAreToldApart() {
    assertEquals(Kind.READ, new ShapeAnalysis("SELECT 1", true).kind());
    assertEquals(Kind.WRITE, new ShapeAnalysis("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x", true)
        .kind());
    assertEquals(Kind.WRITE, new ShapeAnalysis("insert into t values ($1)", true).kind());
    assertNull(new ShapeAnalysis("END", true).kind());
    assertEquals(true, new ShapeAnalysis("BEGIN", true).beginsTransaction());
    assertEquals(true, new ShapeAnalysis("START TRANSACTION", false).beginsTransaction());
  }

  @Test
  void eachPlaceholderFindsTheColumnItMeetsAndItsRole() {
    ShapeAnalysis a = new ShapeAnalysis("UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2",
        true);
    assertEquals(List.of(new Site(1, null, "abalance", Role.VALUE), new Site(2, null, "aid", Role.MATCH)),
        a.sites());
    assertEquals("pgbench_accounts", a.mainTable());
    ShapeAnalysis ins = new ShapeAnalysis("INSERT INTO h (tid, bid, aid, mtime) VALUES ($1, $2, lower($3), "
        + "CURRENT_TIMESTAMP)", true);
    assertEquals(List.of(new Site(1, null, "tid", Role.VALUE), new Site(2, null, "bid", Role.VALUE),
        new Site(3, null, "aid", Role.VALUE)), ins.sites());
    ShapeAnalysis join = new ShapeAnalysis("SELECT o.id FROM Orders o JOIN customers AS c ON c.id = o.customer_id "
        + "WHERE $1 = c.email AND o.total BETWEEN $2 AND $3 AND o.status IN ($4, $5) LIMIT $6", true);
    assertEquals(Map.of("orders", "orders", "o", "orders", "customers", "customers", "c", "customers"),
        join.tables());
    assertEquals(List.of(new Site(1, "c", "email", Role.MATCH), new Site(2, "o", "total", Role.MATCH),
        new Site(3, "o", "total", Role.MATCH), new Site(4, "o", "status", Role.MATCH),
        new Site(5, "o", "status", Role.MATCH), new Site(6, null, null, Role.LIMIT)), join.sites());
  }

  @Test
  void mysqlDigestsNumberTheirQuestionMarksInOrder() {
    ShapeAnalysis a = new ShapeAnalysis("SELECT * FROM `orders` WHERE `id` = ? AND `Status` = ?", false);
    assertEquals(List.of(new Site(1, null, "id", Role.MATCH), new Site(2, null, "Status", Role.MATCH)), a.sites());
    assertEquals("orders", a.mainTable());
    assertEquals(List.of(1, 2), Placeholders.jdbc("SELECT * FROM `orders` WHERE `id` = ? AND `Status` = ?")
        .binds());
  }

  @Test
  void jdbcFormRepeatsAPlaceholderUsedTwice() {
    TrafficProfile.Jdbc j = Placeholders.jdbc("SELECT $2, '$1' FROM t WHERE a = $1 OR b = $1");
    assertEquals("SELECT ?, '$1' FROM t WHERE a = ? OR b = ?", j.sql());
    assertEquals(List.of(2, 1, 1), j.binds());
  }

  @Test
  void mariaDbDigestsAreWidenedBackIntoStatementsThatRun() {
    assertEquals("INSERT INTO `t` ( ID , `a` , `b` , `c` ) VALUES( ? , ? , ? , NOW() )",
        DigestText.repair("INSERT INTO `t` ( ID , `a` , `b` , `c` ) VALUES ( ?, ... , NOW ) ", t -> 0));
    assertEquals("INSERT INTO `t` VALUES( ? , ? , ? , NOW( ) ) , ( ? , ? , ? , NOW( ) )",
        DigestText.repair("INSERT INTO `t` VALUES ( ?, ... , NOW ( ) ) , ( ?, ... , NOW ( ) ) ", t -> t.equals("t")
            ? 4 : 0));
    assertEquals("SELECT * FROM `t` WHERE ID IN(?) AND `b` = ?",
        DigestText.repair("SELECT * FROM `t` WHERE ID IN (...) AND `b` = ?", t -> 0));
    assertEquals("SELECT f(?) FROM `t`", DigestText.repair("SELECT f(?, ...) FROM `t`", t -> 0));
    // a run after something other than a value (the column order decides where NOW falls)
    assertEquals("INSERT INTO `t` ( `a` , `b` , `c` , `d` ) VALUES( ? , NOW() , ? , ? )",
        DigestText.repair("INSERT INTO `t` ( `a` , `b` , `c` , `d` ) VALUES ( ? , NOW , ... ) ", t -> 0));
    assertEquals("INSERT INTO `t` ( `a` , `b` , `c` ) VALUES( NOW() , ? , ? )",
        DigestText.repair("INSERT INTO `t` ( `a` , `b` , `c` ) VALUES ( NOW , ... ) ", t -> 0));
    // two runs in one tuple (seen in the suite: five columns, NOW third)
    assertEquals("INSERT INTO `t` ( ID , `a` , `b` , `c` , `d` ) VALUES( ? , ? , NOW() , ? , ? )",
        DigestText.repair("INSERT INTO `t` ( ID , `a` , `b` , `c` , `d` ) VALUES ( ?, ... , NOW , ?, ... ) ",
            t -> 0));
  }
}
