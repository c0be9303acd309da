package backstep.lint;

import backstep.lint.Action.ConstraintKind;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterExpressionDrop;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.Index;

/** Turns each action of an ALTER TABLE into an {@link Action}. */
final class AlterReader {
  private static final Pattern VALIDATE = Pattern.compile("VALIDATE\\s+CONSTRAINT\\s+(\\S+)", Pattern.CASE_INSENSITIVE);

  private static final Pattern DISABLE_TRIGGER = Pattern.compile("\\bDISABLE\\s+TRIGGER\\s+(\"[^\"]+\"|[\\w$]+)",
      Pattern.CASE_INSENSITIVE);

  private AlterReader() {}

  /** Adds the actions to {@code out}; returns the ALGORITHM= option, upper case, or empty. */
  static String read(Alter alter, boolean notValid, List<Action> out) {
    String table = Names.table(alter.getTable().getName());
    String algorithm = "";
    for (AlterExpression e : alter.getAlterExpressions() == null ? List.<AlterExpression>of()
        : alter.getAlterExpressions()) {
      if (e.getOperation() == AlterOperation.ALGORITHM && e.getAlgorithmOption() != null) {
        algorithm = e.getAlgorithmOption().toUpperCase(Locale.ROOT);
        continue;
      }
      if (e.getOperation() == AlterOperation.LOCK) {
        continue;
      }
      int before = out.size();
      switch (e.getOperation()) {
        case ADD -> add(table, e, notValid, out);
        case DROP -> drop(table, e, out);
        case ALTER, MODIFY, CHANGE -> alterColumn(table, e, out);
        case RENAME -> out.add(new Action.Rename(table, Action.RenameKind.COLUMN, Names.plain(e.getColumnOldName()),
            Names.plain(e.getColumnName())));
        case RENAME_TABLE -> out.add(new Action.Rename(table, Action.RenameKind.TABLE, table,
            Names.table(e.getNewTableName())));
        case DROP_PRIMARY_KEY -> out.add(new Action.DropConstraint(table, "primary key"));
        case DROP_FOREIGN_KEY, DROP_UNIQUE -> out.add(new Action.DropConstraint(table, Names.plain(
            e.getConstraintName())));
        case UNSPECIFIC -> unspecific(table, e, out);
        default -> { }
      }
      if (out.size() == before) {
        out.add(new Action.AlterOther(table, e.getOperation().name()));
      }
    }
    return algorithm;
  }

  private static void add(String table, AlterExpression e, boolean notValid, List<Action> out) {
    if (e.getColDataTypeList() != null) {
      for (AlterExpression.ColumnDataType c : e.getColDataTypeList()) {
        List<String> specs = c.getColumnSpecs() == null ? List.of() : c.getColumnSpecs();
        out.add(new Action.AddColumn(table, Names.plain(c.getColumnName()), StatementReader.type(c.getColDataType()),
            defaultOf(specs), String.join(" ", specs)));
      }
      return;
    }
    Index index = e.getIndex();
    if (index == null) {
      return;
    }
    ConstraintKind kind = StatementReader.kind(index);
    String name = Names.plain(index.getName());
    boolean plainIndex = index.getClass() == Index.class
        && String.valueOf(index.getType()).toUpperCase(Locale.ROOT).matches("(UNIQUE\\s+)?(INDEX|KEY)");
    if (kind == null || plainIndex) {
      out.add(new Action.CreateIndex(table, name, false, true));
    } else {
      out.add(new Action.AddConstraint(table, name, kind, notValid, StatementReader.check(index)));
    }
  }

  private static String defaultOf(List<String> specs) {
    for (int i = 0; i < specs.size() - 1; i++) {
      if (specs.get(i).equalsIgnoreCase("DEFAULT")) {
        return specs.get(i + 1);
      }
    }
    return "";
  }

  private static void drop(String table, AlterExpression e, List<Action> out) {
    if (!(e instanceof AlterExpressionDrop) && e.getColumnName() == null && e.getConstraintName() == null) {
      return;
    }
    if (e.getColumnName() != null) {
      out.add(new Action.DropColumn(table, Names.plain(e.getColumnName())));
    } else if (e.getConstraintName() != null) {
      out.add(new Action.DropConstraint(table, Names.plain(e.getConstraintName())));
    } else if (e.getIndex() != null) {
      out.add(new Action.DropIndex(table, Names.plain(e.getIndex().getName()), false));
    }
  }

  private static void alterColumn(String table, AlterExpression e, List<Action> out) {
    if (e.getColumnSetNotNullList() != null) {
      e.getColumnSetNotNullList().forEach(c -> out.add(new Action.SetNotNull(table, Names.plain(c.getColumnName()))));
    }
    if (e.getColumnDropNotNullList() != null) {
      e.getColumnDropNotNullList().forEach(c -> out.add(new Action.DropNotNull(table, Names.plain(c.getColumnName()))));
    }
    if (e.getColDataTypeList() == null) {
      return;
    }
    boolean change = e.getOperation() == AlterOperation.CHANGE;
    for (AlterExpression.ColumnDataType c : e.getColDataTypeList()) {
      String column = Names.plain(c.getColumnName());
      if (change && e.getColumnOldName() != null && !Names.plain(e.getColumnOldName()).equals(column)) {
        out.add(new Action.Rename(table, Action.RenameKind.COLUMN, Names.plain(e.getColumnOldName()), column));
      }
      boolean typed = c.isWithType() || e.getOperation() != AlterOperation.ALTER;
      if (typed && c.getColDataType() != null) {
        out.add(new Action.AlterType(table, change ? Names.plain(e.getColumnOldName()) : column,
            StatementReader.type(c.getColDataType()), c.getUsingExpression() != null));
      }
    }
  }

  /** VALIDATE CONSTRAINT and DISABLE TRIGGER, which JSqlParser keeps only as text (the rest of the list with it). */
  private static void unspecific(String table, AlterExpression e, List<Action> out) {
    String text = String.valueOf(e.getOptionalSpecifier()).strip();
    Matcher m = VALIDATE.matcher(text);
    if (m.find()) {
      out.add(new Action.ValidateConstraint(table, Names.plain(m.group(1))));
      return;
    }
    Matcher d = DISABLE_TRIGGER.matcher(text);
    while (d.find()) {
      String trigger = d.group(1);
      out.add(new Action.DisableTrigger(table, trigger.matches("(?i)ALL|USER") ? trigger.toUpperCase(Locale.ROOT)
          : Names.plain(trigger)));
    }
  }
}
