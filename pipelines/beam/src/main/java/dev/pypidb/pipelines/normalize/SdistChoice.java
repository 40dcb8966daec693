package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.InputFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which sdist result of a release export-db and resolve use for each python key, when several
 * inputs describe the sdist. Classes, first non-empty wins:
 * <ol>
 *   <li>a static result from trusted core metadata ({@code pkg-info}: Metadata-Version 2.2+,
 *       Requires-Dist not Dynamic; PEP 643 makes it the sdist's own promise);
 *   <li>pypi-deps-db's builds when one succeeded for the key (the crawler ran setup.py under that
 *       Python); all its builds for the key are used, errors included, so an export writes back
 *       what the checkout held;
 *   <li>a static result that is ok by another method;
 *   <li>pypi-deps-db's failed builds;
 *   <li>a static result that is unresolved or an error.
 * </ol>
 * Within a static class, the archive's own bytes come before metadata from an index (input
 * format priority), then filenames in order.
 */
final class SdistChoice {
  private SdistChoice() {}

  /** For each result, the keys it is chosen for (same order as {@code results}). */
  static List<List<String>> choose(List<SdistResult> results) {
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < results.size(); i++) {
      for (String key : results.get(i).pythonKeys()) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
    }
    List<TreeSet<String>> chosen = new ArrayList<>();
    results.forEach(r -> chosen.add(new TreeSet<>(PythonKeys.ORDER)));
    for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
      List<Integer> candidates = e.getValue();
      int best = candidates.stream().mapToInt(i -> rank(results.get(i))).min().orElseThrow();
      List<Integer> winners = candidates.stream().filter(i -> rank(results.get(i)) == best).toList();
      if (results.get(winners.get(0)).fromDepsDb()) {
        // Class 2 takes the key's failed builds too (two crawls of one sdist); class 4 has only them.
        candidates.stream().filter(i -> results.get(i).fromDepsDb()).forEach(i -> chosen.get(i).add(e.getKey()));
      } else {
        int first = winners.stream().min(Comparator
            .comparingInt((Integer i) -> priority(results.get(i).provenance()))
            .thenComparing(i -> results.get(i).filename())).orElseThrow();
        chosen.get(first).add(e.getKey());
      }
    }
    List<List<String>> out = new ArrayList<>();
    chosen.forEach(c -> out.add(List.copyOf(c)));
    return out;
  }

  private static int rank(SdistResult r) {
    if (r.fromDepsDb()) {
      return r.ok() ? 2 : 4;
    }
    if (!r.ok()) {
      return 5;
    }
    return "pkg-info".equals(r.build().method()) ? 1 : 3;
  }

  private static int priority(String provenance) {
    return InputFormat.fromLabel(provenance).priority();
  }
}
