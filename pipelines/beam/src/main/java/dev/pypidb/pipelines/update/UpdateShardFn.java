package dev.pypidb.pipelines.update;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.normalize.NormalizeProjects;
import dev.pypidb.pipelines.normalize.ShardNormalizer;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ShardFilePatch;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Updates one shard of every project table: normalizes the shard's changed projects (the only
 * records it receives) and patches each previous shard file with their rows
 * ({@link ShardFilePatch}). A shard without changes still runs, to copy its files.
 */
final class UpdateShardFn extends DoFn<KV<Integer, Iterable<KV<String, RawRecord>>>, WrittenShard> {
  static final TupleTag<WrittenShard> WRITTEN = new TupleTag<>() {};
  static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};
  static final TupleTag<KV<String, Long>> ACCEPTED = new TupleTag<>() {};
  static final TupleTag<KV<String, Long>> STATS = new TupleTag<>() {};

  private final String previous;
  private final String output;
  private final int shards;
  private final PCollectionView<Map<String, String>> changes;
  private transient ShardNormalizer normalizer;

  UpdateShardFn(String previous, String output, int shards, PCollectionView<Map<String, String>> changes) {
    this.previous = previous;
    this.output = output;
    this.shards = shards;
    this.changes = changes;
  }

  @Setup
  public void setup() {
    normalizer = new ShardNormalizer();
  }

  @ProcessElement
  public void process(ProcessContext c) throws Exception {
    int index = c.element().getKey();
    TreeSet<String> changed = new TreeSet<>();
    for (String name : c.sideInput(changes).keySet()) {
      if (WriteTables.shardOf(name, shards) == index) {
        changed.add(name);
      }
    }
    List<KV<String, RawRecord>> records = new ArrayList<>();
    for (KV<String, RawRecord> r : c.element().getValue()) {
      if (r.getValue() != null) { // the shard's placeholder carries none
        records.add(r);
      }
    }
    String attempt = ".attempt-" + UUID.randomUUID();
    Map<Table, NavigableMap<String, List<GenericRecord>>> rows = new EnumMap<>(Table.class);
    NormalizeProjects.PROJECT_TABLES.forEach(t -> rows.put(t, new TreeMap<>()));
    try {
      Map<String, Long> accepted = normalizer.normalize(Path.of(output, attempt), records, project -> {
        project.rows().forEach((table, list) -> {
          if (!list.isEmpty() && rows.containsKey(table)) {
            rows.get(table).put(project.name(), list);
          }
        });
        project.deadLetters().forEach(d -> c.output(DEAD_LETTERS, d));
      });
      accepted.forEach((input, n) -> c.output(ACCEPTED, KV.of(input, n)));
      for (Table t : NormalizeProjects.PROJECT_TABLES) {
        String part = WrittenShard.partName(index, shards);
        Path target = Path.of(output, t.dirName(), attempt, part);
        Map<String, List<GenericRecord>> before = new TreeMap<>();
        ShardFilePatch.Stats s = ShardFilePatch.apply(Path.of(previous, t.dirName(), part), target, t,
            changed, rows.get(t), t == Table.RELEASES ? (name, old) -> before.put(name, List.copyOf(old)) : (name, old) -> { });
        if (t == Table.RELEASES) {
          releaseChanges(changed, before, rows.get(t)).forEach((k, n) -> c.output(STATS, KV.of(k, n)));
        }
        c.output(new WrittenShard(t.dirName(), index, shards, target.toString(), s.rows()));
        c.output(STATS, KV.of("update row groups copied", (long) s.groupsCopied()));
        c.output(STATS, KV.of("update row groups rewritten", (long) s.groupsRewritten()));
        Progress.add("update " + t.dirName() + " shards", 1);
      }
    } finally {
      FinalizeOutput.deleteRecursively(Path.of(output, attempt)); // the written files moved out already
    }
  }

  /**
   * Whether two rows describe the same release: every column but {@code version_order} (a rank
   * that moves when another release comes or goes), compared as text (a row read back holds
   * Utf8 where a new one holds String).
   */
  static boolean sameRelease(GenericRecord a, GenericRecord b) {
    for (org.apache.avro.Schema.Field f : a.getSchema().getFields()) {
      if (!f.name().equals("version_order") && !String.valueOf(a.get(f.name())).equals(String.valueOf(b.get(f.name())))) {
        return false;
      }
    }
    return true;
  }

  /** Releases added, removed and changed (same version, another row) among the changed projects. */
  static Map<String, Long> releaseChanges(TreeSet<String> changed, Map<String, List<GenericRecord>> before,
      Map<String, List<GenericRecord>> after) {
    long added = 0;
    long removed = 0;
    long modified = 0;
    for (String name : changed) {
      Map<String, GenericRecord> old = new TreeMap<>();
      before.getOrDefault(name, List.of()).forEach(r -> old.put(String.valueOf(r.get("version")), r));
      Map<String, GenericRecord> now = new TreeMap<>();
      after.getOrDefault(name, List.of()).forEach(r -> now.put(String.valueOf(r.get("version")), r));
      for (Map.Entry<String, GenericRecord> e : now.entrySet()) {
        GenericRecord o = old.get(e.getKey());
        if (o == null) {
          added++;
        } else if (!sameRelease(o, e.getValue())) {
          modified++;
        }
      }
      removed += old.keySet().stream().filter(v -> !now.containsKey(v)).count();
    }
    return Map.of("update releases added", added, "update releases removed", removed, "update releases changed", modified);
  }
}
