package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.resolver.Incompatibility.Empty;
import dev.pypidb.pypa.resolver.Incompatibility.Kind;
import dev.pypidb.pypa.resolver.Solver.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the incompatibility that proves failure into sentences, with pub's error-reporting
 * algorithm (solver.md, "Error Reporting"): a depth-first walk of the derivation graph, one line
 * per derived incompatibility, line numbers only for conclusions referred to again; two
 * external causes with a shared package are told as one clause ("foo depends on bar which
 * depends on baz", "you require foo and bar").
 */
final class Explainer {
  private static final int MAX_LINES = 400;
  private static final int MAX_DEPTH = 500;
  private static final String NO_SOLUTION = "there is no solution";

  private final List<Node> nodes;
  private final String pythonFull;
  private final Map<Incompatibility, Integer> derivations = new IdentityHashMap<>();
  private final Map<Incompatibility, Integer> lineNumbers = new IdentityHashMap<>();
  private final List<String> texts = new ArrayList<>();
  private final List<Integer> numbers = new ArrayList<>();
  private boolean truncated;

  Explainer(Solver solver) {
    this.nodes = solver.nodes;
    this.pythonFull = solver.target.markerEnvironment().get("python_full_version");
  }

  String explain(Incompatibility root) {
    if (!root.isDerived()) {
      return "Because " + describe(root) + ", " + NO_SOLUTION + ".";
    }
    countDerivations(root);
    visit(root, false, 0);
    int width = 0;
    if (!lineNumbers.isEmpty()) {
      width = ("(" + lineNumbers.size() + ") ").length();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      if (out.length() > 0) {
        out.append('\n');
      }
      String text = texts.get(i);
      if (text.isEmpty()) {
        continue;
      }
      Integer n = numbers.get(i);
      String prefix = n == null ? "" : "(" + n + ") ";
      out.append(prefix).append(" ".repeat(Math.max(0, width - prefix.length()))).append(text);
    }
    if (truncated) {
      out.append("\n... (the rest of the explanation is left out)");
    }
    return out.toString();
  }

  private void countDerivations(Incompatibility root) {
    ArrayDeque<Incompatibility> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Incompatibility inc = stack.pop();
      Integer c = derivations.get(inc);
      if (c != null) {
        derivations.put(inc, c + 1);
        continue;
      }
      derivations.put(inc, 1);
      if (inc.isDerived()) {
        stack.push(inc.cause2);
        stack.push(inc.cause1);
      }
    }
  }

  private void visit(Incompatibility inc, boolean conclusion, int depth) {
    if (texts.size() >= MAX_LINES || depth > MAX_DEPTH) {
      truncated = true;
      return;
    }
    boolean numbered = conclusion || derivations.getOrDefault(inc, 1) > 1;
    String text = describe(inc);
    Incompatibility c1 = inc.cause1;
    Incompatibility c2 = inc.cause2;
    if (c1.isDerived() && c2.isDerived()) {
      Integer l1 = lineNumbers.get(c1);
      Integer l2 = lineNumbers.get(c2);
      if (l1 != null && l2 != null) {
        write(inc, "Because " + and(c1, l1, c2, l2) + ", " + text + ".", numbered);
      } else if (l1 != null || l2 != null) {
        Incompatibility withLine = l1 != null ? c1 : c2;
        Incompatibility without = l1 != null ? c2 : c1;
        int line = l1 != null ? l1 : l2;
        visit(without, false, depth + 1);
        write(inc, "And because " + describe(withLine) + " (" + line + "), " + text + ".",
            numbered);
      } else if (singleLine(c1) || singleLine(c2)) {
        Incompatibility first = singleLine(c2) ? c1 : c2;
        Incompatibility second = singleLine(c2) ? c2 : c1;
        visit(first, false, depth + 1);
        visit(second, false, depth + 1);
        write(inc, "Thus, " + text + ".", numbered);
      } else {
        visit(c1, true, depth + 1);
        texts.add("");
        numbers.add(null);
        visit(c2, false, depth + 1);
        Integer line = lineNumbers.get(c1);
        write(inc, "And because " + describe(c1) + (line == null ? "" : " (" + line + ")") + ", "
            + text + ".", numbered);
      }
    } else if (c1.isDerived() || c2.isDerived()) {
      Incompatibility derived = c1.isDerived() ? c1 : c2;
      Incompatibility external = c1.isDerived() ? c2 : c1;
      Integer line = lineNumbers.get(derived);
      if (line != null) {
        write(inc, "Because " + and(external, null, derived, line) + ", " + text + ".", numbered);
      } else if (collapsible(derived)) {
        Incompatibility d1 = derived.cause1;
        Incompatibility d2 = derived.cause2;
        Incompatibility priorDerived = d1.isDerived() ? d1 : d2;
        Incompatibility priorExternal = d1.isDerived() ? d2 : d1;
        visit(priorDerived, false, depth + 1);
        write(inc, "And because " + and(priorExternal, null, external, null) + ", " + text + ".",
            numbered);
      } else {
        visit(derived, false, depth + 1);
        write(inc, "And because " + describe(external) + ", " + text + ".", numbered);
      }
    } else {
      write(inc, "Because " + and(c1, null, c2, null) + ", " + text + ".", numbered);
    }
  }

  private static boolean singleLine(Incompatibility inc) {
    return !inc.cause1.isDerived() && !inc.cause2.isDerived();
  }

  private boolean collapsible(Incompatibility derived) {
    if (derivations.getOrDefault(derived, 1) > 1) {
      return false;
    }
    boolean d1 = derived.cause1.isDerived();
    boolean d2 = derived.cause2.isDerived();
    if (d1 == d2) {
      return false;
    }
    return !lineNumbers.containsKey(d1 ? derived.cause1 : derived.cause2);
  }

  private void write(Incompatibility inc, String message, boolean numbered) {
    texts.add(capitalize(message));
    if (numbered) {
      int n = lineNumbers.size() + 1;
      lineNumbers.put(inc, n);
      numbers.add(n);
    } else {
      numbers.add(null);
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // ---- sentences ---------------------------------------------------------------------------

  /** Two causes joined by "and", told as one clause when they share a package. */
  private String and(Incompatibility a, Integer aLine, Incompatibility b, Integer bLine) {
    if (aLine == null && bLine == null) {
      String joined = joinExternals(a, b);
      if (joined == null) {
        joined = joinExternals(b, a);
      }
      if (joined != null) {
        return joined;
      }
    }
    return describe(a) + (aLine == null ? "" : " (" + aLine + ")") + " and " + describe(b)
        + (bLine == null ? "" : " (" + bLine + ")");
  }

  private String joinExternals(Incompatibility a, Incompatibility b) {
    if (a.kind != Kind.DEPENDENCY) {
      return null;
    }
    if (b.kind == Kind.DEPENDENCY && a.depender == b.depender
        && a.dependerSet.equals(b.dependerSet) && a.dependee != b.dependee) {
      return (a.depender == Solver.ROOT ? "you require "
          : subject(a.depender, a.dependerSet) + " depends on ") + required(a) + " and "
          + required(b);
    }
    if (a.empty != Empty.NONE || a.dependee == a.depender) {
      return null;
    }
    if (b.kind == Kind.DEPENDENCY && b.depender != b.dependee && a.dependee == b.depender
        && a.dependeeSet.subsetOf(b.dependerSet)) {
      return describe(a) + " which depends on " + required(b);
    }
    if (b.kind == Kind.UNUSABLE && a.dependee == b.nodes[0]
        && a.dependeeSet.subsetOf(b.terms[0].set)) {
      return describe(a) + " which " + unusable(b);
    }
    return null;
  }

  String describe(Incompatibility inc) {
    switch (inc.kind) {
      case NOT_ROOT:
        return "your requirements must be resolved";
      case DEPENDENCY:
        if (inc.depender == Solver.ROOT) {
          return "you require " + required(inc);
        }
        return subject(inc.depender, inc.dependerSet) + " depends on " + required(inc);
      case UNUSABLE:
        return subject(inc.nodes[0], inc.terms[0].set) + " " + unusable(inc);
      default:
        return derived(inc);
    }
  }

  private String unusable(Incompatibility inc) {
    if (inc.reason == ProjectCandidates.Reason.REQUIRES_PYTHON) {
      return "requires Python " + inc.detail + " (the target has " + pythonFull + ")";
    }
    return inc.detail;
  }

  /** The dependee side of a dependency: a range, or the specifier and why nothing matches. */
  private String required(Incompatibility dep) {
    Node d = nodes.get(dep.dependee);
    switch (dep.empty) {
      case NO_PROJECT:
        return d.display + dep.specifier + ", which is not in the package index";
      case NO_MATCH:
        return d.display + dep.specifier + ", which matches no version of " + d.project;
      case ONLY_YANKED:
        return d.display + dep.specifier + ", which matches only yanked versions of " + d.project;
      default:
        return subject(dep.dependee, dep.dependeeSet);
    }
  }

  private String derived(Incompatibility inc) {
    List<String> positive = new ArrayList<>();
    List<String> negative = new ArrayList<>();
    boolean fullSingle = false;
    for (int k = 0; k < inc.nodes.length; k++) {
      if (inc.nodes[k] == Solver.ROOT) {
        continue;
      }
      Term t = inc.terms[k];
      String name = subject(inc.nodes[k], t.set);
      if (t.positive) {
        positive.add(name);
        fullSingle = name.equals(nodes.get(inc.nodes[k]).display);
      } else {
        negative.add(name);
      }
    }
    boolean root = inc.termFor(Solver.ROOT) != null;
    if (positive.isEmpty() && negative.isEmpty()) {
      return NO_SOLUTION;
    }
    if (negative.isEmpty()) {
      if (positive.size() == 1) {
        return fullSingle ? "no version of " + positive.get(0) + " can be used"
            : positive.get(0) + " cannot be used";
      }
      return join(positive, "and") + " are incompatible";
    }
    if (positive.isEmpty()) {
      return root ? "you require " + join(negative, "or")
          : join(negative, "or") + " is required";
    }
    return join(positive, "and") + (positive.size() > 1 ? " together require " : " requires ")
        + join(negative, "or");
  }

  private static String join(List<String> parts, String word) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " " + word + " "
        + parts.get(parts.size() - 1);
  }

  /** A package and a set of its versions: {@code foo>=1.2,<2}, or {@code foo} for every one. */
  private String subject(int node, VersionSet set) {
    if (node == Solver.ROOT) {
      return "your requirements";
    }
    Node n = nodes.get(node);
    return n.display + RangeFormat.format(set, n.versions(), n.yanked());
  }
}
