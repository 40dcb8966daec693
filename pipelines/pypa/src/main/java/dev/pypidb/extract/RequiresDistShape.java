package dev.pypidb.extract;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerNode;
import dev.pypidb.pypa.markers.MarkerNode.Comparison;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Core metadata's Requires-Dist in the shape of {@code setup()} keywords, as setuptools writes
 * requires.txt and the crawler recorded: a requirement whose marker is {@code extra == "x"}
 * goes to {@code extras_require["x"]}, one whose marker is {@code <rest> and extra == "x"} to
 * {@code extras_require["x:<rest>"]}; every other requirement stays in {@code install_requires}
 * as written, its marker inline. A string that does not parse stays in install_requires, where
 * the tables mark it invalid.
 */
public final class RequiresDistShape {
  private RequiresDistShape() {}

  /**
   * {@code install_requires} and {@code extras_require} (only when some requirement names an
   * extra) from {@code requiresDist}, and {@code python_requires} from {@code requiresPython}
   * when it is not null.
   */
  public static Map<SetupField, Object> of(List<String> requiresDist, String requiresPython) {
    List<String> install = new ArrayList<>();
    Map<String, List<String>> extras = new LinkedHashMap<>();
    for (String raw : requiresDist) {
      String[] split = splitExtra(raw);
      if (split == null) {
        install.add(raw);
      } else {
        extras.computeIfAbsent(split[0], k -> new ArrayList<>()).add(split[1]);
      }
    }
    Map<SetupField, Object> out = new EnumMap<>(SetupField.class);
    out.put(SetupField.INSTALL_REQUIRES, install);
    if (!extras.isEmpty()) {
      out.put(SetupField.EXTRAS_REQUIRE, extras);
    }
    if (requiresPython != null) {
      out.put(SetupField.PYTHON_REQUIRES, requiresPython);
    }
    return out;
  }

  /** {@code [extras_require key, requirement without marker]}, or null when no extra applies. */
  static String[] splitExtra(String raw) {
    Requirement req;
    try {
      req = Requirement.parse(raw);
    } catch (InvalidRequirementException e) {
      return null;
    }
    if (req.marker() == null) {
      return null;
    }
    Expression top = req.marker().expression();
    if (top.ops().stream().anyMatch(op -> !op.equals("and"))) {
      return null;
    }
    String extra = null;
    List<MarkerNode> rest = new ArrayList<>();
    for (MarkerNode term : top.terms()) {
      String e = extraEquals(term);
      if (e != null && extra == null) {
        extra = e;
      } else {
        rest.add(term);
      }
    }
    if (extra == null) {
      return null;
    }
    String key = extra;
    if (!rest.isEmpty()) {
      List<String> ops = new ArrayList<>();
      for (int i = 1; i < rest.size(); i++) {
        ops.add("and");
      }
      key = extra + ":" + Marker.of(new Expression(rest, ops));
    }
    StringBuilder bare = new StringBuilder(req.name());
    if (!req.extras().isEmpty()) {
      bare.append('[').append(String.join(",", req.extras())).append(']');
    }
    if (req.url() != null) {
      bare.append(" @ ").append(req.url());
    } else {
      bare.append(req.specifier());
    }
    return new String[] {key, bare.toString()};
  }

  /** The extra of {@code extra == "x"} (either side), or null. */
  private static String extraEquals(MarkerNode node) {
    if (node instanceof Expression e && e.terms().size() == 1) {
      return extraEquals(e.terms().get(0));
    }
    if (!(node instanceof Comparison c) || !c.op().equals("==")) {
      return null;
    }
    if (c.lhs().variable() && c.lhs().value().equals("extra") && !c.rhs().variable()) {
      return c.rhs().value();
    }
    if (c.rhs().variable() && c.rhs().value().equals("extra") && !c.lhs().variable()) {
      return c.lhs().value();
    }
    return null;
  }
}
