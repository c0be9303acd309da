package backstep.ui.fx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;

/**
 * Parts of a page that join the scene on a pulse of their own, after the page: a node's first styling and layout
 * happen in the pulse after it enters the scene, and a page with charts, tables and SQL panes took several frames'
 * worth of that in one pulse. A view hands such a part to {@link #add} instead of adding it to its pane; whoever
 * puts the page in the window ({@code ShellView}) then calls {@link #attachOne} once a pulse until it returns false.
 * Until then the part's pane lays out without it. FX thread only.
 */
public final class Later {
  private static final String PARTS = "backstep.later.parts";
  private static final String CLAIMED = "backstep.later.claimed";

  private Later() {
  }

  /** Adds {@code part} to the end of {@code parent}'s children when {@link #attachOne} reaches it. */
  public static void add(Pane parent, Node part) {
    parts(parent).add(part);
  }

  /**
   * Puts the first waiting part under {@code root} (in the order they were added, outer panes first) into its pane;
   * false when none was waiting.
   */
  public static boolean attachOne(Node root) {
    return first(root).map(pane -> {
      List<Node> waiting = parts(pane);
      pane.getChildren().add(waiting.remove(0));
      if (waiting.isEmpty()) {
        pane.getProperties().remove(PARTS);
      }
      return true;
    }).orElse(false);
  }

  /**
   * Says that new nodes of {@code node}'s own join its window in this pulse or the next (a picked playbook's page, a
   * piece at a time): whoever puts a page's parts in ({@code ShellView}) leaves that pulse to them. Called between
   * two pulses, or in a pulse (an {@code AnimationTimer}), for each pulse that brings such nodes.
   */
  public static void claim(Node node) {
    if (node.getScene() != null) {
      node.getScene().getProperties().put(CLAIMED, Boolean.TRUE);
    }
  }

  /** Whether a pulse of {@code scene}'s was claimed ({@link #claim}) since the last call; clears the claim. */
  public static boolean claimed(Scene scene) {
    return scene != null && scene.getProperties().remove(CLAIMED) != null;
  }

  /** Puts every part waiting under {@code root} into its pane at once (a view shown outside the console's frame). */
  public static void attachAll(Node root) {
    while (attachOne(root)) {
      // one part at a time, outer panes first, as attachOne finds them
    }
  }

  /** The parts still waiting to join {@code node} (a pane), in order; empty for any other node. */
  public static List<Node> waitingIn(Node node) {
    return node instanceof Pane p && p.getProperties().containsKey(PARTS) ? List.copyOf(parts(p)) : List.of();
  }

  /** Whether a part under {@code root} is still waiting. */
  public static boolean waiting(Node root) {
    return first(root).isPresent();
  }

  private static Optional<Pane> first(Node root) {
    ArrayDeque<Node> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Node n = todo.removeFirst();
      if (n instanceof Pane p && p.getProperties().containsKey(PARTS)) {
        return Optional.of(p);
      }
      todo.addAll(children(n));
    }
    return Optional.empty();
  }

  /**
   * A node's children as built: a split pane's items, a scroll pane's content and a tab pane's pages before their
   * skins exist.
   */
  private static List<? extends Node> children(Node n) {
    if (n instanceof SplitPane sp) {
      return sp.getItems();
    }
    if (n instanceof ScrollPane sc) {
      return sc.getContent() == null ? List.of() : List.of(sc.getContent());
    }
    if (n instanceof TabPane tp) {
      return tp.getTabs().stream().map(Tab::getContent).filter(c -> c != null).toList();
    }
    return n instanceof Parent p ? p.getChildrenUnmodifiable() : List.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Node> parts(Pane pane) {
    return (List<Node>) pane.getProperties().computeIfAbsent(PARTS, k -> new ArrayList<Node>());
  }
}
