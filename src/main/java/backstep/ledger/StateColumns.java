package backstep.ledger;

import backstep.state.RunState;
import backstep.state.StepState;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The one place a run's or a step's state turns into its column's text and back: the {@code state} column of the run
 * and step tables read straight into {@link RunState} and {@link StepState}, and written from them, by name.
 */
final class StateColumns {
  static final Field<RunState> RUN = DSL.field(DSL.name("state"),
      SQLDataType.VARCHAR(30).nullable(false).asConvertedDataType(converter(RunState.class)));
  static final Field<StepState> STEP = DSL.field(DSL.name("state"),
      SQLDataType.VARCHAR(30).nullable(false).asConvertedDataType(converter(StepState.class)));

  private StateColumns() {}

  private static <E extends Enum<E>> Converter<String, E> converter(Class<E> type) {
    return Converter.ofNullable(String.class, type, name -> Enum.valueOf(type, name.trim()), Enum::name);
  }
}
