package dev.pypidb.pipelines.update;

import dev.pypidb.graph.GraphFile;
import dev.pypidb.graph.GraphFileWriter;
import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.normalize.NormalizeProjects;
import dev.pypidb.pipelines.normalize.ShardNormalizer;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.resolve.ProjectGraph;
import dev.pypidb.pipelines.storage.Scratch;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.LocalGraphFiles;
import dev.pypidb.pipelines.tables.ProjectRowGroupWriter;
import dev.pypidb.pipelines.tables.ProjectRowGroups;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pipelines.tables.ShardFilePatch;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
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
 * ({@link ShardFilePatch}), and the shard's resolver graph with their graphs
 * ({@link #patchGraph}). A shard without changes still runs, to copy its files.
 */
final class UpdateShardFn extends DoFn<KV<Integer, Iterable<KV<String, RawRecord>>>, WrittenShard> {
  static final TupleTag<WrittenShard> WRITTEN = new TupleTag<>() {};
  static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};
  static final TupleTag<KV<String, Long>> ACCEPTED = new TupleTag<>() {};
  static final TupleTag<KV<String, Long>> STATS = new TupleTag<>() {};

  /** The tables a project's graph is built from (fingerprints: every project has a row). */
  private static final List<Table> GRAPH_TABLES = List.of(Table.RELEASES, Table.FILES,
      Table.REQUIREMENTS, Table.SDIST_METADATA, Table.FINGERPRINTS);

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

  /**
   * Writes shard {@code index} of the new resolver graph: the previous graph's projects that
   * were not recomputed, copied as bytes (or, when the previous graph is missing or was built
   * by other rules, built again from the previous tables' rows), and the recomputed projects'
   * new graphs, in the order a full normalize writes them. Returns {copied, built}.
   */
  private long[] patchGraph(TableFiles previousTables, int index, TreeSet<String> changed,
      TreeMap<String, ProjectData> recomputed, String target) throws IOException {
    String name = ResolverGraphFiles.partName(index, shards);
    String old = null;
    for (String f : previousTables.files(ResolverGraphFiles.DIR)) {
      if (Storage.name(f).equals(name) && Storage.sizeIfExists(f) >= 0) {
        old = f;
      }
    }
    try (LocalGraphFiles local = new LocalGraphFiles()) {
      GraphFile oldGraph = null;
      if (old != null) {
        GraphFile g = local.open(old);
        if (g.builder().equals(ResolverGraphFiles.BUILDER)) {
          oldGraph = g;
        } else {
          g.close();
        }
      }
      return patchGraph(oldGraph, index, changed, recomputed, target);
    }
  }

  /** {@link #patchGraph} from the previous shard's graph, or its tables when {@code oldGraph} is null. */
  private long[] patchGraph(GraphFile oldGraph, int index, TreeSet<String> changed,
      TreeMap<String, ProjectData> recomputed, String target) throws IOException {
    long copied = 0;
    long built = 0;
    try (GraphFileWriter w = ResolverGraphFiles.writer(target)) {
      java.util.Iterator<Map.Entry<String, ProjectData>> fresh = recomputed.entrySet().iterator();
      Map.Entry<String, ProjectData> next = fresh.hasNext() ? fresh.next() : null;
      if (oldGraph != null) {
        for (String project : oldGraph.namesInFileOrder()) {
          while (next != null && next.getKey().compareTo(project) < 0) {
            w.add(next.getValue());
            built++;
            next = fresh.hasNext() ? fresh.next() : null;
          }
          if (!changed.contains(project)) {
            w.addBlob(project, oldGraph.blob(project));
            copied++;
          }
        }
      } else {
        try (ShardReader r = new ShardReader(previous, GRAPH_TABLES, index, shards)) {
          while (r.next()) {
            String project = r.project();
            while (next != null && next.getKey().compareTo(project) < 0) {
              w.add(next.getValue());
              built++;
              next = fresh.hasNext() ? fresh.next() : null;
            }
            if (!changed.contains(project)) {
              w.add(ProjectGraph.build(project, r.rows(Table.RELEASES), r.rows(Table.FILES),
                  r.rows(Table.REQUIREMENTS), r.rows(Table.SDIST_METADATA)));
              built++;
            }
          }
        }
      }
      while (next != null) {
        w.add(next.getValue());
        built++;
        next = fresh.hasNext() ? fresh.next() : null;
      }
    } finally {
      if (oldGraph != null) {
        oldGraph.close();
      }
    }
    return new long[] {copied, built};
  }

  /**
   * The boundary rule the previous output's files of {@code table} were written with, read from
   * the first shard that has one (an empty shard has none); the default when every shard is
   * empty. Only asked for when the shard being patched was empty.
   */
  private int previousGroupProjects(TableFiles before, Table table) {
    try {
      for (int s = 0; s < shards; s++) {
        try (ProjectRowGroups f = ProjectRowGroups.open(before.shard(table, s, shards))) {
          if (f.groupProjects() > 0) {
            return f.groupProjects();
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ProjectRowGroupWriter.DEFAULT_GROUP_PROJECTS;
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
    TreeMap<String, ProjectData> graphs = new TreeMap<>();
    try {
      TableFiles before = TableFiles.of(previous);
      Map<String, Long> accepted = normalizer.normalize(scratch, records, project -> {
        project.rows().forEach((table, list) -> {
          if (!list.isEmpty() && rows.containsKey(table)) {
            rows.get(table).put(project.name(), list);
          }
        });
        graphs.put(project.name(), NormalizeProjects.graphOf(project));
        project.deadLetters().forEach(d -> c.output(DEAD_LETTERS, d));
      });
      accepted.forEach((input, n) -> c.output(ACCEPTED, KV.of(input, n)));
      for (Table t : NormalizeProjects.PROJECT_TABLES) {
        String part = WrittenShard.partName(index, shards);
        String target = Storage.resolve(Storage.resolve(Storage.resolve(output, t.dirName()), attempt), part);
        Map<String, List<GenericRecord>> replaced = new TreeMap<>();
        ShardFilePatch.Stats s = ShardFilePatch.apply(before.shard(t, index, shards), target, t,
            changed, rows.get(t), () -> previousGroupProjects(before, t),
            t == Table.RELEASES ? (name, old) -> replaced.put(name, List.copyOf(old)) : (name, old) -> { });
        if (t == Table.RELEASES) {
          releaseChanges(changed, replaced, rows.get(t)).forEach((k, n) -> c.output(STATS, KV.of(k, n)));
        }
        c.output(new WrittenShard(t.dirName(), index, shards, target, s.rows()));
        c.output(STATS, KV.of("update row groups copied", (long) s.groupsCopied()));
        c.output(STATS, KV.of("update row groups rewritten", (long) s.groupsRewritten()));
      }
      String graph = Storage.resolve(Storage.resolve(Storage.resolve(output, ResolverGraphFiles.DIR), attempt),
          ResolverGraphFiles.partName(index, shards));
      long[] copied = patchGraph(before, index, changed, graphs, graph);
      c.output(new WrittenShard(ResolverGraphFiles.DIR, index, shards, graph, copied[0] + copied[1]));
      c.output(STATS, KV.of("update resolver graph projects copied", copied[0]));
      c.output(STATS, KV.of("update resolver graph projects built", copied[1]));
      Progress.add(UpdatePipeline.PROGRESS, 1);
    } finally {
      FinalizeOutput.deleteRecursively(scratch.toString()); // scratch only: the written files are elsewhere
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
