package dev.pypidb.extract.sources;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerNode;
import dev.pypidb.pypa.markers.MarkerNode.Comparison;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import dev.pypidb.pypa.requirements.Requirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Requires-Dist back into the {@code setup()} keywords it came from: a requirement
 * whose marker is {@code extra == "x"} belongs to {@code extras_require["x"]}, one whose marker
 * is {@code <rest> and extra == "x"} to {@code extras_require["x:<rest>"]}, and one whose
 * marker does not mention {@code extra} stays in install_requires with its marker. Markers that
 * combine extras otherwise ({@code extra != "x"}, {@code extra == "x" and extra == "y"}) have no
 * such form.
 */
final class ExtraMarkers {
  private ExtraMarkers() {}

  /**
   * Where a Requires-Dist goes.
   *
   * @param extras the extras it belongs to (empty: install_requires)
   * @param restMarker the marker without the extra comparison, or null
   * @param requirement the requirement text: with its marker in install_requires, without any
   *     marker in an extra (the rest of the marker goes to the key, {@code "x:<rest>"})
   */
  record Placement(List<String> extras, String restMarker, String requirement) {}

  /** The placement of {@code r}, or null when its marker has no setup() form. */
  static Placement place(Requirement r) {
    if (r.marker() == null || !mentionsExtra(r.marker().expression())) {
      return new Placement(List.of(), null, r.toString());
    }
    Expression e = unwrap(r.marker().expression());
    List<String> extras = extraDisjunction(e);
    if (extras != null) {
      return new Placement(extras, null, format(r, null));
    }
    for (String op : e.ops()) {
      if (!op.equals("and")) {
        return null;
      }
    }
    List<MarkerNode> rest = new ArrayList<>();
    List<String> found = null;
    for (MarkerNode term : e.terms()) {
      if (!mentionsExtra(term)) {
        rest.add(term);
        continue;
      }
      List<String> names = term instanceof Comparison c ? extraEquality(c)
          : extraDisjunction(unwrap((Expression) term));
      if (names == null || found != null) {
        return null;
      }
      found = names;
    }
    List<String> ands = new ArrayList<>();
    for (int i = 1; i < rest.size(); i++) {
      ands.add("and");
    }
    String restText = Marker.of(new Expression(rest, ands)).toString();
    return new Placement(found, restText, format(r, null));
  }

  private static Expression unwrap(Expression e) {
    Expression cur = e;
    while (cur.terms().size() == 1 && cur.terms().get(0) instanceof Expression inner) {
      cur = inner;
    }
    return cur;
  }

  /** The extras of {@code extra == "a" or extra == "b"}, or null for anything else. */
  private static List<String> extraDisjunction(Expression e) {
    for (String op : e.ops()) {
      if (!op.equals("or")) {
        return null;
      }
    }
    List<String> out = new ArrayList<>();
    for (MarkerNode term : e.terms()) {
      List<String> names = term instanceof Comparison c ? extraEquality(c)
          : extraDisjunction(unwrap((Expression) term));
      if (names == null) {
        return null;
      }
      for (String n : names) {
        if (!out.contains(n)) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private static List<String> extraEquality(Comparison c) {
    if (!c.op().equals("==")) {
      return null;
    }
    if (c.lhs().variable() && c.lhs().value().equals("extra") && !c.rhs().variable()) {
      return List.of(c.rhs().value());
    }
    if (c.rhs().variable() && c.rhs().value().equals("extra") && !c.lhs().variable()) {
      return List.of(c.lhs().value());
    }
    return null;
  }

  private static boolean mentionsExtra(MarkerNode node) {
    if (node instanceof Comparison c) {
      return (c.lhs().variable() && c.lhs().value().equals("extra"))
          || (c.rhs().variable() && c.rhs().value().equals("extra"));
    }
    for (MarkerNode t : ((Expression) node).terms()) {
      if (mentionsExtra(t)) {
        return true;
      }
    }
    return false;
  }

  /** {@code r} printed as packaging prints it, with {@code marker} in place of its own. */
  static String format(Requirement r, String marker) {
    StringBuilder out = new StringBuilder(r.name());
    if (!r.extras().isEmpty()) {
      out.append('[').append(String.join(",", r.extras())).append(']');
    }
    if (!r.specifier().isEmpty()) {
      out.append(r.specifier());
    }
    if (r.url() != null) {
      out.append(" @ ").append(r.url());
      if (marker != null) {
        out.append(' ');
      }
    }
    if (marker != null) {
      out.append("; ").append(marker);
    }
    return out.toString();
  }
}
