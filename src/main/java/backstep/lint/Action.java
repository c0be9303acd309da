package backstep.lint;

import java.util.List;

/**
 * What one statement does, in the terms the rules need; JSqlParser's model stays behind {@link StatementReader}.
 * Table, column and object names are unquoted, lower-cased and without schema.
 */
sealed interface Action {
  /** The table the action works on; empty when there is none (a SET, an index dropped by name). */
  String table();

  /** Whether it takes a lock that blocks reads or writes on an existing table while it runs. */
  default boolean strongLock() {
    return true;
  }

  record CreateTable(String table) implements Action {
    @Override
    public boolean strongLock() {
      return false;
    }
  }

  record DropTable(String table) implements Action {}

  /** @param defaultSql the DEFAULT expression as written, or empty */
  record AddColumn(String table, String column, ColumnType type, String defaultSql, String specs) implements Action {}

  record DropColumn(String table, String column) implements Action {}

  /** A new type for a column; {@code using} when PostgreSQL's USING converts the values. */
  record AlterType(String table, String column, ColumnType type, boolean using) implements Action {}

  record SetNotNull(String table, String column) implements Action {}

  record DropNotNull(String table, String column) implements Action {}

  /** @param name empty when the statement does not name it; {@code viaAlter} for MySQL's ALTER TABLE … ADD INDEX */
  record CreateIndex(String table, String name, boolean concurrently, boolean viaAlter) implements Action {
    @Override
    public boolean strongLock() {
      return !concurrently;
    }
  }

  record DropIndex(String table, String name, boolean concurrently) implements Action {
    @Override
    public boolean strongLock() {
      return !concurrently;
    }
  }

  /** Kinds of constraint that matter to the rules. */
  enum ConstraintKind { FOREIGN_KEY, CHECK, UNIQUE, PRIMARY_KEY }

  /** @param check the CHECK expression as written, or empty */
  record AddConstraint(String table, String name, ConstraintKind kind, boolean notValid, String check)
      implements Action {}

  record DropConstraint(String table, String name) implements Action {}

  record ValidateConstraint(String table, String name) implements Action {
    @Override
    public boolean strongLock() {
      return false;
    }
  }

  /** What a rename renames. */
  enum RenameKind { COLUMN, TABLE }

  record Rename(String table, RenameKind kind, String from, String to) implements Action {}

  record Truncate(String table) implements Action {}

  /**
   * @param byKey the WHERE only compares columns with literal values ({@code name = 'x'},
   *     {@code id IN (1, 2)}), as a rollback that deletes exactly the rows its forward inserted does
   */
  record Delete(String table, boolean where, boolean byKey) implements Action {
    @Override
    public boolean strongLock() {
      return false;
    }
  }

  record Update(String table, boolean where, List<String> columns) implements Action {
    @Override
    public boolean strongLock() {
      return false;
    }
  }

  /** INSERT, MySQL's REPLACE, MERGE or an upsert: rows written into {@code table}. */
  record Insert(String table) implements Action {
    @Override
    public boolean strongLock() {
      return false;
    }
  }

  /** An explicit LOCK TABLE(S). */
  record Lock(String table) implements Action {}

  /** REINDEX; blocks writes unless CONCURRENTLY. */
  record Reindex(String table, boolean concurrently) implements Action {
    @Override
    public boolean strongLock() {
      return !concurrently;
    }
  }

  /**
   * PostgreSQL's ALTER TABLE … DISABLE TRIGGER; {@code trigger} is {@code ALL} or {@code USER} (upper case) for the
   * keywords, else the trigger's name.
   */
  record DisableTrigger(String table, String trigger) implements Action {}

  /** Any other ALTER TABLE action (SET DEFAULT, ENGINE, …): it still takes the table's lock. */
  record AlterOther(String table, String what) implements Action {}

  /** A session setting: {@code SET lock_timeout = '10s'}. */
  record Setting(String name, String value) implements Action {
    @Override
    public String table() {
      return "";
    }

    @Override
    public boolean strongLock() {
      return false;
    }
  }

  /**
   * CREATE TRIGGER, VIEW or FUNCTION (not OR REPLACE: that changes an existing object). A trigger's table is
   * locked against writes while it is created.
   */
  record CreateObject(String table, String kind, String name) implements Action {
    @Override
    public boolean strongLock() {
      return kind.equals("TRIGGER");
    }
  }

  /** DROP TRIGGER, VIEW, FUNCTION, SEQUENCE, …; {@code table} is empty (a PostgreSQL trigger's table is not kept). */
  record DropObject(String table, String kind, String name) implements Action {
    @Override
    public boolean strongLock() {
      return kind.equals("TRIGGER");
    }
  }

  /** Anything else the rules need not know (SELECT, INSERT, CREATE TRIGGER, …). */
  record Other(String table, String what) implements Action {
    @Override
    public boolean strongLock() {
      return false;
    }
  }
}
