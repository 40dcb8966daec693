package dev.pypidb.extract.sources.poetry;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerNode;
import dev.pypidb.pypa.markers.MarkerNode.Comparison;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A marker as poetry-core 1.x builds and prints one for a dependency: single comparisons,
 * conjunctions ({@code MultiMarker}) and disjunctions ({@code MarkerUnion}), intersected in
 * poetry's order (a conjunction keeps its own terms first, a disjunction distributes). poetry's
 * merging of two comparisons on the same variable ({@code python_version >= "3.6"} and
 * {@code python_version >= "3.7"}) is not reproduced; duplicates are dropped as poetry drops them.
 */
public sealed interface PoetryMarker {

  /** Bound on the alternatives of an intersection, which distributes one over the other. */
  int MAX_ALTERNATIVES = 256;

  /** The marker every environment satisfies. */
  PoetryMarker ANY = new All(List.of());

  /** {@code name op "value"}. */
  record Single(String name, String op, String value) implements PoetryMarker {
    @Override
    public String toString() {
      return name + " " + op + " \"" + value + "\"";
    }
  }

  /** A conjunction; {@code All(List.of())} is {@link #ANY}. */
  record All(List<PoetryMarker> terms) implements PoetryMarker {
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (PoetryMarker t : terms) {
        parts.add(t instanceof AnyOf ? "(" + t + ")" : t.toString());
      }
      return String.join(" and ", parts);
    }
  }

  /** A disjunction. */
  record AnyOf(List<PoetryMarker> terms) implements PoetryMarker {
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (PoetryMarker t : terms) {
        parts.add(t.toString());
      }
      return String.join(" or ", parts);
    }
  }

  default boolean isAny() {
    return this instanceof All a && a.terms().isEmpty();
  }

  /** poetry's {@code parse_marker}: a PEP 508 marker in poetry's structure. */
  static PoetryMarker parse(String text) {
    return fromExpression(Marker.parse(text).expression());
  }

  private static PoetryMarker fromExpression(Expression e) {
    List<PoetryMarker> groups = new ArrayList<>();
    List<PoetryMarker> current = new ArrayList<>();
    for (int i = 0; i < e.terms().size(); i++) {
      if (i > 0 && e.ops().get(i - 1).equals("or")) {
        groups.add(allOf(current));
        current = new ArrayList<>();
      }
      current.add(fromNode(e.terms().get(i)));
    }
    groups.add(allOf(current));
    return anyOf(groups);
  }

  private static PoetryMarker fromNode(MarkerNode node) {
    if (node instanceof Comparison c) {
      if (c.lhs().variable()) {
        return new Single(c.lhs().value(), c.op(), c.rhs().value());
      }
      // "value" op name: poetry keeps the variable first with the value as written.
      return new Single(c.rhs().value(), c.op(), c.lhs().value());
    }
    return fromExpression((Expression) node);
  }

  /** poetry's {@code MultiMarker.of}: flattened, duplicates dropped. */
  static PoetryMarker allOf(List<PoetryMarker> markers) {
    List<PoetryMarker> out = new ArrayList<>();
    for (PoetryMarker m : markers) {
      List<PoetryMarker> parts = m instanceof All a ? a.terms() : List.of(m);
      for (PoetryMarker p : parts) {
        if (!out.contains(p)) {
          out.add(p);
        }
      }
    }
    return out.size() == 1 ? out.get(0) : new All(List.copyOf(out));
  }

  /** poetry's {@code MarkerUnion.of}: flattened, duplicates dropped, any-marker absorbing. */
  static PoetryMarker anyOf(List<PoetryMarker> markers) {
    List<PoetryMarker> out = new ArrayList<>();
    for (PoetryMarker m : markers) {
      List<PoetryMarker> parts = m instanceof AnyOf u ? u.terms() : List.of(m);
      for (PoetryMarker p : parts) {
        if (p.isAny()) {
          return ANY;
        }
        if (!out.contains(p)) {
          out.add(p);
        }
      }
    }
    return out.size() == 1 ? out.get(0) : new AnyOf(List.copyOf(out));
  }

  /** {@code this.intersect(other)} in poetry's order of terms. */
  default PoetryMarker intersect(PoetryMarker other) {
    if (isAny()) {
      return other;
    }
    if (other.isAny()) {
      return this;
    }
    if (this instanceof Single) {
      return other instanceof Single ? allOf(List.of(this, other)) : other.intersect(this);
    }
    if (this instanceof All) {
      return other instanceof AnyOf ? other.intersect(this) : allOf(List.of(this, other));
    }
    List<PoetryMarker> out = new ArrayList<>();
    int size = ((AnyOf) this).terms().size() * (other instanceof AnyOf u ? u.terms().size() : 1);
    if (size > MAX_ALTERNATIVES) {
      throw new IllegalArgumentException("the intersection of the markers has " + size
          + " alternatives, over the limit of " + MAX_ALTERNATIVES);
    }
    for (PoetryMarker ours : ((AnyOf) this).terms()) {
      if (other instanceof AnyOf u) {
        for (PoetryMarker theirs : u.terms()) {
          out.add(ours.intersect(theirs));
        }
      } else {
        out.add(ours.intersect(other));
      }
    }
    return anyOf(out);
  }

  /** poetry's {@code without_extras}: the marker with its {@code extra} comparisons removed. */
  default PoetryMarker withoutExtras() {
    if (this instanceof Single s) {
      return s.name().equals("extra") ? ANY : s;
    }
    List<PoetryMarker> kept = new ArrayList<>();
    List<PoetryMarker> terms = this instanceof All a ? a.terms() : ((AnyOf) this).terms();
    for (PoetryMarker t : terms) {
      PoetryMarker w = t.withoutExtras();
      if (!w.isAny()) {
        kept.add(w);
      }
    }
    if (kept.isEmpty()) {
      return ANY;
    }
    return this instanceof All ? allOf(kept) : anyOf(kept);
  }

  /** The extra names this marker compares {@code extra} with, in order. */
  default List<String> extras() {
    List<String> out = new ArrayList<>();
    collectExtras(this, out);
    return out;
  }

  private static void collectExtras(PoetryMarker m, List<String> out) {
    if (m instanceof Single s) {
      if (s.name().equals("extra") && !out.contains(s.value())) {
        out.add(s.value());
      }
      return;
    }
    for (PoetryMarker t : m instanceof All a ? a.terms() : ((AnyOf) m).terms()) {
      collectExtras(t, out);
    }
  }

  /**
   * poetry's {@code create_nested_marker} for a version constraint on {@code name}
   * ({@code python_version}): ranges become comparisons, with {@code python_full_version} where
   * the precision of a bound needs it.
   *
   * @throws IllegalArgumentException for the empty constraint, which poetry cannot write either
   */
  static PoetryMarker ofVersion(String name, VersionConstraint c) {
    if (c.isAny()) {
      return ANY;
    }
    if (c instanceof VersionUnion u) {
      List<PoetryMarker> parts = new ArrayList<>();
      for (RangeConstraint r : u.ranges()) {
        parts.add(ofVersion(name, r));
      }
      return anyOf(parts);
    }
    if (c instanceof PoetryVersion v) {
      String n = name.equals("python_version") && v.precision() >= 3 ? "python_full_version" : name;
      return new Single(n, "==", v.text());
    }
    if (!(c instanceof VersionRange r)) {
      throw new IllegalArgumentException("no version satisfies the constraint");
    }
    List<PoetryMarker> parts = new ArrayList<>();
    if (r.min() != null) {
      PoetryVersion v = r.min();
      String n = name.equals("python_version") && v.precision() >= 3 ? "python_full_version" : name;
      if (n.equals("python_version") && !r.includeMin() && v.precision() < 3) {
        parts.add(new Single("python_full_version", ">", v.text() + ".0".repeat(3 - v.precision())));
      } else {
        parts.add(new Single(n, r.includeMin() ? ">=" : ">", v.text()));
      }
    }
    if (r.max() != null) {
      PoetryVersion v = r.max();
      String n = name.equals("python_version") && v.precision() >= 3 ? "python_full_version" : name;
      if (n.equals("python_version") && r.includeMax() && v.precision() < 3) {
        parts.add(new Single("python_full_version", "<=", v.text() + ".0".repeat(3 - v.precision())));
      } else {
        parts.add(new Single(n, r.includeMax() ? "<=" : "<", v.text()));
      }
    }
    return allOf(parts);
  }

  /**
   * poetry's generic constraint on a string variable ({@code sys_platform} from
   * {@code platform = "linux || darwin"}, {@code extra}): values joined by {@code ||} become a
   * disjunction, {@code !=} a negated comparison.
   *
   * @throws IllegalArgumentException for a conjunction of values, which this does not model
   */
  static PoetryMarker ofValues(String name, String constraint) {
    if (constraint.strip().equals("*")) {
      return ANY;
    }
    List<PoetryMarker> parts = new ArrayList<>();
    for (String or : constraint.strip().split("\\s*\\|\\|?\\s*", -1)) {
      // One value, as poetry-core's generic BASIC_CONSTRAINT reads it.
      Matcher m = Pattern.compile("^(!?==?)?\\s*(\\S+?)\\s*$").matcher(or);
      if (!m.matches()) {
        throw new IllegalArgumentException("cannot read the constraint '" + constraint + "' on " + name);
      }
      String op = m.group(1) != null && m.group(1).startsWith("!") ? "!=" : "==";
      parts.add(new Single(name, op, m.group(2)));
    }
    return anyOf(parts);
  }
}
