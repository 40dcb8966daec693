package dev.pypidb.extract.evidence;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerNode;
import dev.pypidb.pypa.markers.MarkerNode.Comparison;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Requirements in a form where the setup() shape ({@code install_requires}, {@code extras_require}
 * keys {@code "extra:marker"}) and core metadata ({@code Requires-Dist} with
 * {@code extra == "x"} markers) compare: one string per (requirement, extra) with the project
 * name canonical, the specifier normalized, and the marker as a sorted set of its top-level
 * {@code and} terms.
 */
final class CanonicalRequirements {
  private CanonicalRequirements() {}

  static TreeSet<String> fromSetupShape(List<String> install, Map<String, List<String>> extras) {
    TreeSet<String> out = new TreeSet<>();
    if (install != null) {
      for (String r : install) {
        add(out, r, "", null);
      }
    }
    if (extras != null) {
      for (Map.Entry<String, List<String>> e : extras.entrySet()) {
        int colon = e.getKey().indexOf(':');
        String extra = colon < 0 ? e.getKey() : e.getKey().substring(0, colon);
        String keyMarker = colon < 0 ? null : e.getKey().substring(colon + 1).strip();
        for (String r : e.getValue()) {
          add(out, r, extra.isBlank() ? "" : ProjectNames.canonicalize(extra.strip()), keyMarker);
        }
      }
    }
    return out;
  }

  static TreeSet<String> fromRequiresDist(List<String> requiresDist) {
    TreeSet<String> out = new TreeSet<>();
    for (String r : requiresDist) {
      add(out, r, null, null);
    }
    return out;
  }

  /** {@code extra} null: take the extras from the marker (Requires-Dist). */
  private static void add(TreeSet<String> out, String text, String extra, String keyMarker) {
    Requirement r;
    try {
      r = Requirement.parse(text.strip());
    } catch (InvalidRequirementException e) {
      out.add("UNPARSEABLE " + text.strip());
      return;
    }
    TreeSet<String> conjuncts = new TreeSet<>();
    List<String> extras = new ArrayList<>();
    if (keyMarker != null && !keyMarker.isEmpty()) {
      try {
        terms(Marker.parse(keyMarker).expression(), conjuncts, extras);
      } catch (IllegalArgumentException e) {
        conjuncts.add("UNPARSEABLE " + keyMarker);
      }
    }
    if (r.marker() != null) {
      terms(r.marker().expression(), conjuncts, extras);
    }
    if (extra != null && !extra.isEmpty()) {
      extras.add(extra);
    }
    if (extras.isEmpty()) {
      extras.add("");
    }
    String base = r.canonicalName() + (r.extras().isEmpty() ? "" : r.extras().stream()
        .map(ProjectNames::canonicalize).sorted().toList().toString())
        + r.specifier() + (r.url() == null ? "" : " @ " + r.url());
    for (String x : extras) {
      out.add(base + " | extra=" + x + " | " + String.join(" && ", conjuncts));
    }
  }

  /** Top-level {@code and} terms; {@code extra == "x"} terms (or their disjunction) go to extras. */
  private static void terms(Expression e, TreeSet<String> conjuncts, List<String> extras) {
    Expression cur = e;
    while (cur.terms().size() == 1 && cur.terms().get(0) instanceof Expression inner) {
      cur = inner;
    }
    if (cur.ops().contains("or")) {
      List<String> only = extrasOnly(cur);
      if (only != null) {
        extras.addAll(only);
      } else {
        conjuncts.add(Marker.of(cur).toString());
      }
      return;
    }
    for (MarkerNode t : cur.terms()) {
      if (t instanceof Comparison c) {
        String x = extraOf(c);
        if (x != null) {
          extras.add(x);
        } else {
          conjuncts.add(Marker.of(new Expression(List.of(c), List.of())).toString());
        }
      } else {
        terms((Expression) t, conjuncts, extras);
      }
    }
  }

  private static List<String> extrasOnly(Expression e) {
    List<String> out = new ArrayList<>();
    for (MarkerNode t : e.terms()) {
      String x = t instanceof Comparison c ? extraOf(c) : null;
      if (x == null) {
        return null;
      }
      out.add(x);
    }
    return e.ops().stream().allMatch("or"::equals) ? out : null;
  }

  private static String extraOf(Comparison c) {
    if (!c.op().equals("==")) {
      return null;
    }
    if (c.lhs().variable() && c.lhs().value().equals("extra")) {
      return ProjectNames.canonicalize(c.rhs().value());
    }
    if (c.rhs().variable() && c.rhs().value().equals("extra")) {
      return ProjectNames.canonicalize(c.lhs().value());
    }
    return null;
  }
}
