package dev.pypidb.pipelines.abistats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.common.Popularity;
import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.common.TargetList;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.ProjectLookup;
import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import dev.pypidb.pypa.tags.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * The ABI statistics of an update: the previous statistics, minus what the changed projects
 * contributed in the previous tables, plus what they contribute in the new ones. Every count
 * is a sum over projects, and the per-project rows (latest profile, readiness) are replaced, so
 * the result equals a full {@code abi-stats} run while reading only the changed projects.
 */
final class AbiStatsUpdate {
  private final String previous;
  private final String tables;
  private final SortedSet<String> changed;
  private final Map<String, Popularity.Entry> popular = new LinkedHashMap<>();
  private final List<Target> targets = new ArrayList<>();
  private final TargetList targetList;
  private final List<Popularity.Entry> top;

  AbiStatsUpdate(String previous, String tables, SortedSet<String> changed, List<Popularity.Entry> top, TargetList targetList) {
    this.previous = previous;
    this.tables = tables;
    this.changed = changed;
    this.top = top;
    this.targetList = targetList;
    top.forEach(e -> popular.put(e.name(), e));
    targetList.targets().forEach(t -> targets.add(t.parsed()));
  }

  /**
   * Whether {@code previous} holds ABI statistics computed with the same popular projects and
   * targets (otherwise every readiness row changes, and update recomputes them all).
   */
  static boolean usable(String previous, String inputsDigest) throws IOException {
    JsonNode m = Manifests.read(previous);
    if (m == null || Manifests.listedFiles(m, Table.ABI_BY_ABI.dirName()) == null
        && TableFiles.of(previous).files(Table.ABI_BY_ABI).isEmpty()) {
      return false;
    }
    JsonNode stage = "abi-stats".equals(m.path("pipeline").asText()) ? m : m.path("stages").path("abi-stats");
    return inputsDigest.equals(stage.path("popular_and_targets").asText());
  }

  /** The new counts (key to [projects, releases, files]) and per-project rows. */
  void compute(Map<String, List<Long>> countsOut, List<RowBlock> rowsOut) throws IOException {
    Map<String, long[]> counts = previousCounts();
    AbiFacts before = facts(previous);
    AbiFacts after = facts(tables);
    before.counts.forEach((k, c) -> add(counts, k, c, -1));
    after.counts.forEach((k, c) -> add(counts, k, c, 1));
    long projects = counts.getOrDefault("summary" + AbiFacts.SEP + "projects", new long[3])[2];
    counts.forEach((k, c) -> {
      // A key exists when some project touched it; "releases" is touched by every project.
      boolean present = k.startsWith("summary" + AbiFacts.SEP)
          ? c[2] != 0 || (k.endsWith(AbiFacts.SEP + "releases") && projects > 0)
          : c[0] != 0;
      if (present) {
        countsOut.put(k, List.of(c[0], c[1], c[2]));
      }
    });
    for (GenericRecord r : previousRows(Table.ABI_PROJECT_LATEST)) {
      if (!changed.contains(r.get("name").toString())) {
        rowsOut.add(RowBlock.of(Table.ABI_PROJECT_LATEST, r.get("name").toString(), List.of(r)));
      }
    }
    for (GenericRecord r : after.latestRows) {
      rowsOut.add(RowBlock.of(Table.ABI_PROJECT_LATEST, r.get("name").toString(), List.of(r)));
    }
    for (GenericRecord r : previousRows(Table.ABI_READINESS)) {
      if (!changed.contains(r.get("name").toString())) {
        rowsOut.add(RowBlock.of(Table.ABI_READINESS, AbiStatsPipeline.readinessKey(r), List.of(r)));
      }
    }
    for (GenericRecord r : after.readinessRows) {
      rowsOut.add(RowBlock.of(Table.ABI_READINESS, AbiStatsPipeline.readinessKey(r), List.of(r)));
    }
    Set<String> present = new HashSet<>(after.popularPresent);
    for (Popularity.Entry e : top) {
      if (changed.contains(e.name()) && !present.contains(e.name())) {
        for (TargetList.WeightedTarget t : targetList.targets()) {
          GenericRecord row = AbiFacts.readiness(e, t.parsed(), null, "missing", null, null);
          rowsOut.add(RowBlock.of(Table.ABI_READINESS, AbiStatsPipeline.readinessKey(row), List.of(row)));
        }
      }
    }
  }

  private static void add(Map<String, long[]> counts, String key, long[] c, int sign) {
    long[] t = counts.computeIfAbsent(key, k -> new long[3]);
    for (int i = 0; i < 3; i++) {
      t[i] += sign * c[i];
    }
  }

  /** What the changed projects contribute in one normalize output. */
  private AbiFacts facts(String root) throws IOException {
    AbiFacts facts = new AbiFacts(popular, targets);
    try (ProjectLookup lookup = new ProjectLookup(root)) {
      for (String name : changed) {
        List<GenericRecord> releases = lookup.rows(Table.RELEASES, name);
        List<GenericRecord> files = lookup.rows(Table.FILES, name);
        List<GenericRecord> tags = lookup.rows(Table.WHEEL_TAGS, name);
        if (!releases.isEmpty() || !files.isEmpty() || !tags.isEmpty()) { // as a shard walk sees it
          facts.add(name, releases, files, tags);
        }
        Progress.add(AbiStatsPipeline.PROGRESS, 1);
      }
    }
    return facts;
  }

  /** The previous counts, keyed as {@link AbiFacts} keys them. */
  private Map<String, long[]> previousCounts() throws IOException {
    String s = AbiFacts.SEP;
    Map<String, long[]> counts = new TreeMap<>();
    for (GenericRecord r : previousRows(Table.ABI_BY_ABI)) {
      counts.put("by_abi" + s + r.get("interpreter") + s + r.get("abi"), triple(r));
    }
    for (GenericRecord r : previousRows(Table.ABI_BY_PLATFORM)) {
      counts.put("by_platform" + s + r.get("platform"), triple(r));
    }
    for (GenericRecord r : previousRows(Table.ABI_BY_MONTH)) {
      counts.put("by_month" + s + r.get("month") + s + r.get("platform_family") + s + r.get("policy"), triple(r));
    }
    for (GenericRecord r : previousRows(Table.ABI_SUMMARY)) {
      counts.put("summary" + s + r.get("metric"), new long[] {0, 0, (Long) r.get("value")});
    }
    return counts;
  }

  private static long[] triple(GenericRecord r) {
    return new long[] {(Long) r.get("projects"), (Long) r.get("releases"), (Long) r.get("files")};
  }

  private List<GenericRecord> previousRows(Table t) throws IOException {
    return ParquetFiles.readTable(previous, t.dirName());
  }

}
