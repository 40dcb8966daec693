package dev.pypidb.pipelines.normalize;

import dev.pypidb.graph.GraphFileWriter;
import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.RawRecordCoder;
import dev.pypidb.pipelines.read.ReadRawRecords;
import dev.pypidb.pipelines.resolve.ProjectGraph;
import dev.pypidb.pipelines.storage.Scratch;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ProjectRowGroupWriter;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import dev.pypidb.pypa.resolver.ProjectData;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Normalizes every project and writes its rows, and its entry of the resolver graph
 * ({@link ResolverGraphFiles}). Records are grouped by output shard (a stable
 * hash of the project name), each shard regroups its records by project in name order
 * ({@link ShardNormalizer}) and feeds {@link ProjectNormalizer}'s rows straight into that shard's
 * Parquet files, one per table, in row groups cut at project boundaries
 * ({@link ProjectRowGroupWriter}). One shuffle, and every file sorted by project.
 */
public final class NormalizeProjects
    extends PTransform<PCollection<KV<String, RawRecord>>, PCollectionTuple> {
  public static final TupleTag<WrittenShard> WRITTEN = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> ACCEPTED = new TupleTag<>() {};

  /** The tables a project's rows go to. */
  public static final List<Table> PROJECT_TABLES = List.of(Table.RELEASES, Table.FILES,
      Table.WHEEL_TAGS, Table.REQUIREMENTS, Table.SDIST_METADATA, Table.FINGERPRINTS);

  /** Progress: records normalized, of those read. */
  public static final String PROGRESS = "normalize";

  private final String output;
  private final int shards;
  private final int groupProjects;

  private NormalizeProjects(String output, int shards, int groupProjects) {
    this.output = output;
    this.shards = shards;
    this.groupProjects = groupProjects;
  }

  /** Writes {@code shards} files per table, row groups of about {@code groupProjects} projects. */
  public static NormalizeProjects writingTo(String output, int shards, int groupProjects) {
    return new NormalizeProjects(output, shards, groupProjects);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, RawRecord>> records) {
    Progress.planAfter(PROGRESS, "records", ReadRawRecords.RECORDS_OUT, ReadRawRecords.PARSE);
    PCollectionTuple out = records
        .apply("AssignShard", ParDo.of(new AssignShardFn(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), RawRecordCoder.of())))
        .apply("GroupByShard", GroupByKey.create())
        .apply("NormalizeShard", ParDo.of(new NormalizeShardFn(output, shards, groupProjects))
            .withOutputTags(WRITTEN, TupleTagList.of(DEAD_LETTERS).and(ACCEPTED)));
    out.get(WRITTEN).setCoder(WrittenShard.Coder.of());
    out.get(DEAD_LETTERS).setCoder(DeadLetter.Coder.of());
    out.get(ACCEPTED).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return out;
  }

  /** The project as the resolver reads it (the resolver graph's entry), from its rows. */
  public static ProjectData graphOf(ProjectOutput project) {
    Map<Table, List<GenericRecord>> rows = project.rows();
    return ProjectGraph.build(project.name(), rows.get(Table.RELEASES), rows.get(Table.FILES),
        rows.get(Table.REQUIREMENTS), rows.get(Table.SDIST_METADATA));
  }

  static final class AssignShardFn extends DoFn<KV<String, RawRecord>, KV<Integer, KV<String, RawRecord>>> {
    private final int shards;

    AssignShardFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<String, RawRecord> r, OutputReceiver<KV<Integer, KV<String, RawRecord>>> out) {
      out.output(KV.of(WriteTables.shardOf(r.getKey(), shards), r));
    }
  }

  static final class NormalizeShardFn extends DoFn<KV<Integer, Iterable<KV<String, RawRecord>>>, WrittenShard> {
    private final String output;
    private final int shards;
    private final int groupProjects;
    private transient ShardNormalizer normalizer;

    NormalizeShardFn(String output, int shards, int groupProjects) {
      this.output = output;
      this.shards = shards;
      this.groupProjects = groupProjects;
    }

    @Setup
    public void setup() {
      normalizer = new ShardNormalizer();
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, RawRecord>>> shard, MultiOutputReceiver out)
        throws Exception {
      int index = shard.getKey();
      String attempt = FinalizeOutput.ATTEMPT_PREFIX + UUID.randomUUID();
      Map<Table, ProjectRowGroupWriter> writers = new EnumMap<>(Table.class);
      Map<Table, String> paths = new EnumMap<>(Table.class);
      String graphPath = Storage.resolve(Storage.resolve(Storage.resolve(output, ResolverGraphFiles.DIR), attempt),
          ResolverGraphFiles.partName(index, shards));
      GraphFileWriter graph = null;
      Map<String, Long> accepted;
      Path scratch = Scratch.directory(output, attempt);
      try {
        for (Table t : PROJECT_TABLES) {
          String p = Storage.resolve(Storage.resolve(Storage.resolve(output, t.dirName()), attempt),
              WrittenShard.partName(index, shards));
          paths.put(t, p);
          writers.put(t, new ProjectRowGroupWriter(p, t, groupProjects));
        }
        GraphFileWriter graphWriter = ResolverGraphFiles.writer(graphPath);
        graph = graphWriter;
        accepted = normalizer.normalize(scratch, shard.getValue(), project -> {
          for (Table t : PROJECT_TABLES) {
            writers.get(t).writeProject(project.name(), project.rows().get(t));
          }
          graphWriter.add(graphOf(project));
          project.deadLetters().forEach(d -> out.get(DEAD_LETTERS).output(d));
        });
      } finally {
        for (ProjectRowGroupWriter w : writers.values()) {
          w.close();
        }
        if (graph != null) {
          graph.close();
        }
        FinalizeOutputs.deleteQuietly(scratch);
      }
      out.get(WRITTEN).output(new WrittenShard(ResolverGraphFiles.DIR, index, shards,
          graphPath, graph.size()));
      for (Table t : PROJECT_TABLES) {
        long rows = writers.get(t).rows();
        out.get(WRITTEN).output(new WrittenShard(t.dirName(), index, shards, paths.get(t), rows));
        Progress.tally("write " + t.dirName() + " rows", rows);
      }
      accepted.forEach((input, n) -> out.get(ACCEPTED).output(KV.of(input, n)));
    }
  }
}
