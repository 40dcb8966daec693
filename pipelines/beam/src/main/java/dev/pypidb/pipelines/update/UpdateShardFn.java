package dev.pypidb.pipelines.update;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.normalize.NormalizeProjects;
import dev.pypidb.pipelines.normalize.ShardNormalizer;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.storage.Scratch;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ShardFilePatch;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
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
    String attempt = FinalizeOutput.ATTEMPT_PREFIX + UUID.randomUUID();
    Map<Table, NavigableMap<String, List<GenericRecord>>> rows = new EnumMap<>(Table.class);
    NormalizeProjects.PROJECT_TABLES.forEach(t -> rows.put(t, new TreeMap<>()));
    Path scratch = Scratch.directory(output, attempt);
    try {
      TableFiles before = TableFiles.of(previous);
      Map<String, Long> accepted = normalizer.normalize(scratch, records, project -> {
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
        String target = Storage.resolve(Storage.resolve(Storage.resolve(output, t.dirName()), attempt), part);
        ShardFilePatch.Stats s = ShardFilePatch.apply(before.shard(t, index, shards), target, t,
            changed, rows.get(t), scratch);
        c.output(new WrittenShard(t.dirName(), index, shards, target, s.rows()));
        c.output(STATS, KV.of("update row groups copied", (long) s.groupsCopied()));
        c.output(STATS, KV.of("update row groups rewritten", (long) s.groupsRewritten()));
      }
      Progress.add(UpdatePipeline.PROGRESS, 1);
    } finally {
      FinalizeOutput.deleteRecursively(scratch.toString()); // scratch only: the written files are elsewhere
    }
  }
}
