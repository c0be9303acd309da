package backstep.lint;

import backstep.lint.Action.ConstraintKind;
import backstep.playbook.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.CreateFunctionalStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.trigger.CreateTrigger;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/** Reads one playbook statement with JSqlParser 5.4 (after {@link Normaliser}) into {@link Action}s. */
final class StatementReader {
  private static final Pattern OR_REPLACE = Pattern.compile("^\\s*CREATE\\s+OR\\s+(REPLACE|ALTER)\\b",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern CREATE_TABLE = Pattern.compile("^\\s*CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?"
      + "(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([\\w.\"`]+)",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern SCOPE = Pattern.compile("GLOBAL|SESSION|LOCAL|PERSIST|PERSIST_ONLY",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern SYSTEM_VARIABLE = Pattern.compile("^@@(?:(?:" + SCOPE.pattern() + ")\\.)?",
      Pattern.CASE_INSENSITIVE);

  /**
   * JSqlParser parses on an executor thread so that it can give up after its time-out; {@code parse(String)} makes
   * (and shuts down) a new thread for every statement, about 10 ms of a `lint` start. One daemon thread serves them
   * all (a parse that times out is stopped by the parser's own flag, so the thread is free for the next).
   */
  private static final ExecutorService PARSER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "backstep-sql-parser");
    t.setDaemon(true);
    return t;
  });

  private StatementReader() {}

  static Parsed read(SqlText.Stmt stmt) {
    Normaliser.Result n = Normaliser.normalise(stmt.sql());
    if (!n.recognised().isEmpty()) {
      return new Parsed(stmt, n.recognised(), null, "", n.recoveryRefs());
    }
    Statement s;
    try {
      s = CCJSqlParserUtil.parse(n.sql(), PARSER, null);
    } catch (JSQLParserException | RuntimeException e) {
      String quoted = Normaliser.quoteKeywords(n.sql());
      try {
        if (quoted.equals(n.sql())) {
          throw e;
        }
        s = CCJSqlParserUtil.parse(quoted, PARSER, null); // a column named like one of the parser's keywords
      } catch (JSQLParserException | RuntimeException again) {
        return new Parsed(stmt, createdTable(n.sql()), firstLine(e), "", n.recoveryRefs());
      }
    }
    List<Action> actions = new ArrayList<>();
    String algorithm = "";
    if (s instanceof Alter a) {
      algorithm = AlterReader.read(a, n.notValid(), actions);
    } else {
      actions.addAll(other(s, n));
    }
    return new Parsed(stmt, List.copyOf(actions), null, algorithm, n.recoveryRefs());
  }

  private static List<Action> other(Statement s, Normaliser.Result n) {
    if (s instanceof CreateTable c) {
      return List.of(new Action.CreateTable(Names.table(c.getTable().getName())));
    }
    if (s instanceof CreateIndex c) {
      return List.of(new Action.CreateIndex(Names.table(c.getTable().getName()), Names.plain(c.getIndex().getName()),
          c.isConcurrently(), false));
    }
    if (s instanceof Drop d) {
      return drop(d, n);
    }
    if (!OR_REPLACE.matcher(n.sql()).find()) {
      if (s instanceof CreateTrigger t) {
        return List.of(new Action.CreateObject(Names.table(t.getTable().getName()), "TRIGGER",
            Names.table(t.getTrigger().getName())));
      }
      if (s instanceof CreateView v) {
        return List.of(new Action.CreateObject("", "VIEW", Names.table(v.getView().getName())));
      }
      if (s instanceof CreateFunctionalStatement f && !f.getFunctionDeclarationParts().isEmpty()) {
        // a function or procedure, whatever its body: JSqlParser keeps the body as tokens after the name
        return List.of(new Action.CreateObject("", f.getKind(), Names.table(f.getFunctionDeclarationParts().get(0))));
      }
    }
    if (s instanceof Truncate t) {
      List<Table> tables = t.getTables() != null && !t.getTables().isEmpty() ? t.getTables() : List.of(t.getTable());
      return tables.stream().<Action>map(x -> new Action.Truncate(Names.table(x.getName()))).toList();
    }
    if (s instanceof Delete d) {
      return List.of(new Action.Delete(Names.table(d.getTable().getName()), d.getWhere() != null,
          d.getWhere() != null && keyed(d.getWhere())));
    }
    if (s instanceof Insert i && i.getTable() != null) {
      return List.of(new Action.Insert(Names.table(i.getTable().getName())));
    }
    if (s instanceof Merge m && m.getTable() != null) {
      return List.of(new Action.Insert(Names.table(m.getTable().getName())));
    }
    if (s instanceof Upsert u && u.getTable() != null) {
      return List.of(new Action.Insert(Names.table(u.getTable().getName())));
    }
    if (s instanceof Update u) {
      List<String> cols = new ArrayList<>();
      for (UpdateSet set : u.getUpdateSets()) {
        set.getColumns().forEach(c -> cols.add(Names.plain(c.getColumnName())));
      }
      return List.of(new Action.Update(Names.table(u.getTable().getName()), u.getWhere() != null, cols));
    }
    if (s instanceof RenameTableStatement r) {
      return r.getTableNames().stream().<Action>map(e -> new Action.Rename(Names.table(e.getKey().getName()),
          Action.RenameKind.TABLE, Names.table(e.getKey().getName()), Names.table(e.getValue().getName()))).toList();
    }
    if (s instanceof SetStatement set) {
      List<Action> out = new ArrayList<>();
      for (int i = 0; i < set.getCount(); i++) {
        out.addAll(settings(String.valueOf(set.getName(i)), set.getExpressions(i)));
      }
      return out;
    }
    return List.of(new Action.Other("", s.getClass().getSimpleName()));
  }

  /**
   * One assignment of a SET, named as the server knows it: JSqlParser reads MySQL's {@code SET GLOBAL x = 0} (and
   * {@code SESSION x} inside a list) as a setting named GLOBAL whose values are {@code x = 0} and any
   * {@code @@y = 1} after it, and {@code @@session.x} is {@code x}.
   */
  private static List<Action.Setting> settings(String name, List<Expression> values) {
    if (SCOPE.matcher(name).matches() && !values.isEmpty()
        && values.stream().allMatch(v -> v instanceof EqualsTo || v instanceof VariableAssignment)) {
      return values.stream().map(v -> v instanceof EqualsTo eq
          ? setting(eq.getLeftExpression().toString(), eq.getRightExpression().toString())
          : setting(((VariableAssignment) v).getVariable().toString(), ((VariableAssignment) v).getExpression()
              .toString())).toList();
    }
    return List.of(setting(name, values.toString()));
  }

  private static Action.Setting setting(String name, String value) {
    return new Action.Setting(Names.plain(SYSTEM_VARIABLE.matcher(name.strip()).replaceFirst("")),
        value.replaceAll("^'|'$", ""));
  }

  private static List<Action> drop(Drop d, Normaliser.Result n) {
    String type = d.getType().toUpperCase(Locale.ROOT);
    List<Table> names = d.getNames() != null && !d.getNames().isEmpty() ? d.getNames() : List.of(d.getName());
    List<Action> out = new ArrayList<>();
    for (Table t : names) {
      String name = Names.table(t.getName());
      out.add(switch (type) {
        case "TABLE" -> new Action.DropTable(name);
        case "INDEX" -> new Action.DropIndex("", name,
            n.concurrently() || n.sql().toUpperCase(Locale.ROOT).contains("CONCURRENTLY"));
        default -> new Action.DropObject("", type, name);
      });
    }
    return out;
  }

  /**
   * The table a CREATE TABLE the parser could not read creates, found by its opening words, so that later
   * statements know the table is new (BS000 still reports the statement as not checked).
   */
  private static List<Action> createdTable(String sql) {
    Matcher m = CREATE_TABLE.matcher(sql);
    return m.find() ? List.of(new Action.CreateTable(Names.table(m.group(1)))) : List.of();
  }

  /** Whether a WHERE only compares columns with literals, joined by AND/OR: it picks rows by key. */
  static boolean keyed(Expression e) {
    if (e instanceof Parenthesis p) {
      return keyed(p.getExpression());
    }
    if (e instanceof ParenthesedExpressionList<?> l && l.size() == 1) {
      return keyed(l.get(0));
    }
    if (e instanceof AndExpression || e instanceof OrExpression) {
      BinaryExpression b = (BinaryExpression) e;
      return keyed(b.getLeftExpression()) && keyed(b.getRightExpression());
    }
    if (e instanceof EqualsTo eq) {
      return eq.getLeftExpression() instanceof Column && literal(eq.getRightExpression())
          || eq.getRightExpression() instanceof Column && literal(eq.getLeftExpression());
    }
    if (e instanceof InExpression in && !in.isNot() && in.getLeftExpression() instanceof Column) {
      return in.getRightExpression() instanceof ExpressionList<?> values && !values.isEmpty()
          && values.stream().allMatch(StatementReader::literal);
    }
    return false;
  }

  private static boolean literal(Expression e) {
    return e instanceof StringValue || e instanceof LongValue || e instanceof DoubleValue
        || e instanceof DateValue || e instanceof TimeValue || e instanceof TimestampValue
        || e instanceof SignedExpression s && literal(s.getExpression());
  }

  static ColumnType type(ColDataType t) {
    return ColumnType.of(t.getDataType(), t.getArgumentsStringList());
  }

  static ConstraintKind kind(Index index) {
    if (index instanceof ForeignKeyIndex) {
      return ConstraintKind.FOREIGN_KEY;
    }
    if (index instanceof CheckConstraint) {
      return ConstraintKind.CHECK;
    }
    String t = String.valueOf(index.getType()).toUpperCase(Locale.ROOT);
    return t.contains("PRIMARY") ? ConstraintKind.PRIMARY_KEY : t.contains("UNIQUE") ? ConstraintKind.UNIQUE : null;
  }

  /** The parser's complaint in words: its first line, without exception class names. */
  static String firstLine(Exception e) {
    String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    return m.lines().findFirst().orElse(m).replaceAll("^([\\w.$]+(Exception|Error):\\s*)+", "").strip();
  }

  static String check(Index index) {
    return index instanceof CheckConstraint c && c.getExpression() != null ? c.getExpression().toString() : "";
  }
}
