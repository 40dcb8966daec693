package dev.pypidb.pipelines.normalize;

import dev.pypidb.pypa.version.Version;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Ranks a project's versions in PEP 440 order. */
final class VersionOrder {
  private VersionOrder() {}

  /** 0-based dense ranks of the valid versions (equal versions share a rank); invalid ones absent. */
  static Map<String, Integer> denseRanks(Map<String, Version> versions) {
    TreeMap<Version, Integer> distinct = new TreeMap<>();
    for (Version v : versions.values()) {
      if (v != null) {
        distinct.put(v, 0);
      }
    }
    int rank = 0;
    for (Map.Entry<Version, Integer> e : distinct.entrySet()) {
      e.setValue(rank++);
    }
    Map<String, Integer> out = new HashMap<>();
    versions.forEach((raw, v) -> {
      if (v != null) {
        out.put(raw, distinct.get(v));
      }
    });
    return out;
  }

  /** Rows go out in version order: valid versions by rank, then invalid ones, ties by text. */
  static Comparator<String> comparator(Map<String, Integer> ranks) {
    return Comparator.<String>comparingInt(v -> ranks.getOrDefault(v, Integer.MAX_VALUE))
        .thenComparing(Comparator.naturalOrder());
  }
}
