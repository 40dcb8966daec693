package dev.pypidb.pipelines.normalize;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerNode;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.requirements.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One requirement string as the tables store it: parsed and normalized, or invalid with the
 * parser's message. Parses are cached: the same strings recur across releases.
 */
public record ParsedRequirement(
    boolean valid, String error, String dependency, List<String> extras, String specifier,
    String marker, String url, String forExtra) {

  /** A bounded cache of parses, one per worker thread. */
  public static final class Cache {
    private final Map<String, ParsedRequirement> cache;

    public Cache(int capacity) {
      this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ParsedRequirement> e) {
          return size() > capacity;
        }
      };
    }

    public ParsedRequirement get(String raw) {
      ParsedRequirement p = cache.get(raw);
      if (p == null) {
        p = parse(raw);
        cache.put(raw, p);
      }
      return p;
    }
  }

  public static ParsedRequirement parse(String raw) {
    Requirement r;
    try {
      r = Requirement.parse(raw);
    } catch (IllegalArgumentException e) {
      return new ParsedRequirement(false, e.getMessage(), null, null, null, null, null, null);
    }
    TreeSet<String> extras = new TreeSet<>();
    for (String e : r.extras()) {
      extras.add(ProjectNames.canonicalize(e));
    }
    return new ParsedRequirement(true, null, r.canonicalName(), List.copyOf(extras),
        r.specifier().toString(), r.marker() == null ? null : r.marker().toString(), r.url(),
        r.marker() == null ? null : onlyExtra(r.marker()));
  }

  /**
   * The extra a marker requires: the one name compared with {@code extra ==} among the terms
   * joined by {@code and} at the top level. Null when there is none, or several.
   */
  static String onlyExtra(Marker marker) {
    MarkerNode.Expression e = marker.expression();
    while (e.terms().size() == 1 && e.terms().get(0) instanceof MarkerNode.Expression inner) {
      e = inner;
    }
    if (e.ops().contains("or")) {
      return null;
    }
    List<String> found = new ArrayList<>();
    for (MarkerNode term : e.terms()) {
      MarkerNode t = term;
      while (t instanceof MarkerNode.Expression x && x.terms().size() == 1) {
        t = x.terms().get(0);
      }
      if (t instanceof MarkerNode.Comparison c && c.op().equals("==")) {
        if (c.lhs().variable() && c.lhs().value().equals("extra") && !c.rhs().variable()) {
          found.add(c.rhs().value());
        } else if (c.rhs().variable() && c.rhs().value().equals("extra") && !c.lhs().variable()) {
          found.add(c.lhs().value());
        }
      }
    }
    return found.size() == 1 ? found.get(0) : (found.stream().distinct().count() == 1 ? found.get(0) : null);
  }
}
