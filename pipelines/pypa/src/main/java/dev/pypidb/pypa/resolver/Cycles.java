package dev.pypidb.pypa.resolver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Dependency cycles of a solution, found per strongly connected component (Tarjan). */
final class Cycles {
  private Cycles() {}

  /**
   * For every strongly connected component of two or more projects, its shortest cycle through
   * its alphabetically first project, as the list of projects along it (the last one depends on
   * the first). Sorted by first project. {@code edges} must be sorted maps/sets for determinism.
   */
  static List<List<String>> find(Map<String, TreeSet<String>> edges) {
    Tarjan t = new Tarjan(edges);
    for (String v : edges.keySet()) {
      if (!t.index.containsKey(v)) {
        t.connect(v);
      }
    }
    List<List<String>> out = new ArrayList<>();
    for (TreeSet<String> component : t.components) {
      if (component.size() < 2) {
        continue;
      }
      out.add(shortestCycle(component.first(), component, edges));
    }
    out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return out;
  }

  private static List<String> shortestCycle(String start, Set<String> component,
      Map<String, TreeSet<String>> edges) {
    Map<String, String> parent = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    queue.add(start);
    parent.put(start, null);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : edges.getOrDefault(v, new TreeSet<>())) {
        if (!component.contains(w)) {
          continue;
        }
        if (w.equals(start)) {
          List<String> path = new ArrayList<>();
          for (String x = v; x != null; x = parent.get(x)) {
            path.add(0, x);
          }
          return path;
        }
        if (!parent.containsKey(w)) {
          parent.put(w, v);
          queue.add(w);
        }
      }
    }
    return List.of(start);
  }

  /** Tarjan's algorithm, iterative (dependency chains can be long). */
  private static final class Tarjan {
    final Map<String, TreeSet<String>> edges;
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final ArrayDeque<String> stack = new ArrayDeque<>();
    final Set<String> onStack = new java.util.HashSet<>();
    final List<TreeSet<String>> components = new ArrayList<>();

    Tarjan(Map<String, TreeSet<String>> edges) {
      this.edges = edges;
    }

    void connect(String start) {
      ArrayDeque<String> calls = new ArrayDeque<>();
      ArrayDeque<java.util.Iterator<String>> pending = new ArrayDeque<>();
      enter(start, calls, pending);
      while (!calls.isEmpty()) {
        String v = calls.peek();
        java.util.Iterator<String> it = pending.peek();
        if (it.hasNext()) {
          String w = it.next();
          if (!index.containsKey(w)) {
            enter(w, calls, pending);
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        calls.pop();
        pending.pop();
        if (low.get(v).equals(index.get(v))) {
          TreeSet<String> component = new TreeSet<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          components.add(component);
        }
        if (!calls.isEmpty()) {
          String parent = calls.peek();
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
      }
    }

    private void enter(String v, ArrayDeque<String> calls,
        ArrayDeque<java.util.Iterator<String>> pending) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      onStack.add(v);
      calls.push(v);
      pending.push(edges.getOrDefault(v, new TreeSet<>()).iterator());
    }
  }
}
