package backstep.ui.panels;

import backstep.telemetry.Blocker;
import backstep.telemetry.Reading;
import backstep.ui.fx.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Who blocks whom on the target, from the latest telemetry reading: blockers first (with the sessions they hold
 * up), then the waiters. A session of this console's run that waits marks its blockers {@code ownRun}: the run's
 * work session by its id (PostgreSQL pid, MySQL/MariaDB connection id, known from the run's first statement), and
 * on PostgreSQL also any session with the engine's application name {@code backstep} (its checks before the first
 * statement, its run lock). FX thread only.
 */
public final class BlockersModel {
  /** The application name of the engine's pooled connections (the telemetry's own session is excluded anyway). */
  static final String ENGINE_APP = "backstep";

  private final ObservableList<BlockerRow> rows = FXCollections.observableArrayList();
  private final ObservableList<BlockerRow> view = FXCollections.unmodifiableObservableList(rows);
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no blocking sessions");
  private final ReadOnlyBooleanWrapper blockingRun = new ReadOnlyBooleanWrapper();

  public ObservableList<BlockerRow> rows() {
    return view;
  }

  /** "no blocking sessions", or who holds up how many. */
  private final ReadOnlyStringWrapper action = new ReadOnlyStringWrapper("");

  /** What the operator last did to a blocking session from the table, and how it went. */
  public ReadOnlyStringProperty actionProperty() {
    return action.getReadOnlyProperty();
  }

  /** Shows {@code text} as the last action's outcome (FX thread). */
  public void say(String text) {
    action.set(text);
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** True while a session blocks this console's run. */
  public ReadOnlyBooleanProperty blockingRunProperty() {
    return blockingRun.getReadOnlyProperty();
  }

  /**
   * Shows the lock picture of {@code r}; {@code runActive} says whether a run of this console is in flight,
   * {@code runSession} its work session's id (-1 when not known yet).
   */
  public void show(Reading r, boolean runActive, long runSession) {
    Set<Long> own = r.waiters().stream().filter(w -> runActive && (w.pid() == runSession
        || ENGINE_APP.equals(w.app()))).map(Blocker::pid).collect(Collectors.toSet());
    List<BlockerRow> next = new ArrayList<>();
    for (Blocker b : r.blockers()) {
      boolean mine = b.blocks().stream().anyMatch(own::contains);
      next.add(new BlockerRow("blocks " + b.blocks().stream().map(String::valueOf).collect(Collectors.joining(", ")),
          b.pid(), b.user(), b.app(), b.state(), b.waitingFor(), b.query(), b.ageMs(), true, mine));
    }
    for (Blocker w : r.waiters()) {
      next.add(new BlockerRow("waits", w.pid(), w.user(), w.app(), w.state().replaceFirst("^waiting: ", ""),
          w.waitingFor(), w.query(), w.ageMs(), false, own.contains(w.pid())));
    }
    if (!next.equals(rows)) {
      Rows.sync(rows, next); // a waiter's age changes every reading: refill its row, do not rebuild the table
    }
    boolean mine = next.stream().anyMatch(x -> x.blocker() && x.ownRun());
    blockingRun.set(mine);
    summary.set(r.waiters().isEmpty() ? "no blocking sessions" : r.waiters().size() + " waiting behind "
        + r.blockers().size() + " blocker(s)" + (mine ? " — THE RUN IS BLOCKED" : ""));
  }

  public void clear() {
    rows.clear();
    blockingRun.set(false);
    summary.set("no blocking sessions");
  }
}
