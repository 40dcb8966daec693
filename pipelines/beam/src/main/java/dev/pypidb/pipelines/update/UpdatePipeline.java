package dev.pypidb.pipelines.update;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.normalize.NormalizePipeline;
import dev.pypidb.pipelines.options.UpdateOptions;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.RawRecordCoder;
import dev.pypidb.pipelines.read.ReadRawRecords;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.DeadLetterRows;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ManifestPart;
import dev.pypidb.pipelines.tables.ManifestParts;
import dev.pypidb.pipelines.tables.ManifestSpec;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.ProjectRowGroups;
import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The table half of {@code pypidb update}: from the previous output and the new raw metadata,
 * writes exactly the tables normalize would write from the new metadata, recomputing only the
 * projects that were added, changed or removed ({@link DetectChanges}). Every input is still
 * read and fingerprinted; only changed projects' records are shuffled and normalized, and only
 * the row groups holding them are rewritten; every other row group is copied as bytes.
 */
public final class UpdatePipeline {
  private static final TupleTag<KV<Integer, KV<String, RawRecord>>> TO_RECOMPUTE = new TupleTag<>() {};
  private static final TupleTag<KV<String, Long>> KEPT = new TupleTag<>() {};

  /** Progress: shards patched (each shard's files of every project table). */
  static final String PROGRESS = "update";

  private UpdatePipeline() {}

  public static PCollection<String> build(Pipeline p, UpdateOptions o) throws IOException {
    if (o.getPrevious() == null) {
      throw new IllegalArgumentException("--previous is required: the output directory to update from");
    }
    if (o.getInput() == null || o.getInput().isEmpty()) {
      throw new IllegalArgumentException("--input is required: the new raw metadata");
    }
    if (o.getOutput() == null) {
      throw new IllegalArgumentException("--output is required: a new directory for the updated outputs");
    }
    String previous = Storage.absolute(o.getPrevious());
    String output = Storage.absolute(o.getOutput());
    if (previous.equals(output)) {
      throw new IllegalArgumentException("--output must differ from --previous: update reads the previous"
          + " tables while it writes (write to a new directory, then swap them; see README)");
    }
    if (Manifests.read(previous) == null) {
      throw new IllegalArgumentException(Storage.display(previous) + " has no manifest.json: --previous must be the"
          + " output of normalize, all or update");
    }
    int shards = ShardReader.shardCount(previous);
    try (ProjectRowGroups ignored = ProjectRowGroups.open(TableFiles.of(previous).shard(Table.RELEASES, 0, shards))) {
      // readable, and written with project-aligned row groups
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    Map<String, Long> feed = o.getChanges() == null ? Map.of() : ChangeFeed.read(o.getChanges());
    InputFormat forced = o.getFormat() == null ? null : InputFormat.fromLabel(o.getFormat());
    if (o.getChangedProjects() != null) {
      PartialInput partial = PartialInput.of(o.getInput(), o.getChangedProjects(), feed.keySet(), previous);
      return build(p, partial.resolve(forced), previous, output, shards, feed, partial);
    }
    InputResolver.Resolved inputs = InputResolver.resolve(o.getInput(), forced);
    return build(p, inputs, previous, output, shards, feed);
  }

  public static PCollection<String> build(Pipeline p, InputResolver.Resolved inputs, String previous,
      String output, int shards, Map<String, Long> feed) {
    return build(p, inputs, previous, output, shards, feed, null);
  }

  /**
   * @param partial when not null, {@code inputs} are only the changed projects' directories of a
   *     per-project raw tree; everything else is taken from {@code previous}
   */
  static PCollection<String> build(Pipeline p, InputResolver.Resolved inputs, String previous,
      String output, int shards, Map<String, Long> feed, PartialInput partial) {
    Progress.plan(PROGRESS, shards, "shards");
    PCollectionTuple read = p.apply("Read", ReadRawRecords.of(inputs.files()));
    PCollection<KV<String, RawRecord>> records = read.get(ReadRawRecords.RECORDS);
    PCollectionTuple changes = records.apply("DetectChanges", partial == null
        ? DetectChanges.against(previous, shards, feed)
        : DetectChanges.against(previous, shards, feed, partial.projects()));
    PCollectionView<Map<String, String>> changed = changes.get(DetectChanges.CHANGED).apply("ChangedView", View.asMap());

    KvCoder<Integer, KV<String, RawRecord>> shardRecords = KvCoder.of(VarIntCoder.of(),
        KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(RawRecordCoder.of())));
    PCollectionTuple split = records.apply("SplitByChange", ParDo.of(new SplitFn(changed, shards))
        .withSideInputs(changed).withOutputTags(TO_RECOMPUTE, TupleTagList.of(KEPT)));
    split.get(TO_RECOMPUTE).setCoder(shardRecords);
    split.get(KEPT).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    List<KV<Integer, KV<String, RawRecord>>> everyShard = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      everyShard.add(KV.of(i, KV.of("", null)));
    }
    PCollectionTuple updated = PCollectionList.of(split.get(TO_RECOMPUTE))
        .and(p.apply("EveryShard", Create.of(everyShard).withCoder(shardRecords)))
        .apply("AllShardRecords", Flatten.pCollections())
        .apply("GroupByShard", GroupByKey.create())
        .apply("UpdateShard", ParDo.of(new UpdateShardFn(previous, output, shards, changed)).withSideInputs(changed)
            .withOutputTags(UpdateShardFn.WRITTEN, TupleTagList.of(UpdateShardFn.DEAD_LETTERS)
                .and(UpdateShardFn.ACCEPTED).and(UpdateShardFn.STATS)));
    updated.get(UpdateShardFn.WRITTEN).setCoder(WrittenShard.Coder.of());
    updated.get(UpdateShardFn.DEAD_LETTERS).setCoder(DeadLetter.Coder.of());
    KvCoder<String, Long> counts = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    updated.get(UpdateShardFn.ACCEPTED).setCoder(counts);
    updated.get(UpdateShardFn.STATS).setCoder(counts);

    PCollection<DeadLetter> dead = PCollectionList.of(read.get(ReadRawRecords.DEAD_LETTERS))
        .and(updated.get(UpdateShardFn.DEAD_LETTERS))
        .apply("AllDeadLetters", Flatten.pCollections());
    PCollection<DeadLetter> tableDead = dead;
    if (partial != null) {
      // Dead letters of the directories not read again are the previous output's; they are
      // already counted in the manifest entries carried over.
      tableDead = PCollectionList.of(dead).and(p
          .apply("PreviousDeadLetterShards", Create.of(java.util.stream.IntStream.range(0,
              WriteTables.shardsFor(Table.DEAD_LETTER, shards)).boxed().toList()).withCoder(VarIntCoder.of()))
          .apply("CarriedDeadLetters", ParDo.of(new CarriedDeadLettersFn(previous, shards, partial.carried(previous))))
          .setCoder(DeadLetter.Coder.of()))
          .apply("AllTableDeadLetters", Flatten.pCollections());
    }
    PCollection<RowBlock> deadRows = tableDead.apply("DeadLetterRows", ParDo.of(new DeadLetterRows()))
        .setCoder(RowBlock.Coder.of());
    PCollection<RowBlock> changeRows = changes.get(DetectChanges.CHANGED)
        .apply("ChangeRows", ParDo.of(new ChangeRowFn()))
        .setCoder(RowBlock.Coder.of());
    PCollection<WrittenShard> written = PCollectionList.of(updated.get(UpdateShardFn.WRITTEN))
        .and(PCollectionList.of(deadRows).and(changeRows).apply("DeadAndChangeRows", Flatten.pCollections())
            .apply("WriteDeadLettersAndChanges", WriteTables.to(output, shards)))
        .apply("AllShards", Flatten.pCollections());
    PCollection<KV<String, Long>> accepted = PCollectionList.of(updated.get(UpdateShardFn.ACCEPTED))
        .and(split.get(KEPT))
        .apply("AllAccepted", Flatten.pCollections());
    PCollection<KV<String, Long>> stats = PCollectionList.of(updated.get(UpdateShardFn.STATS))
        .and(changes.get(DetectChanges.COUNTS).apply("ProjectsBy", ParDo.of(new DoFn<KV<String, Long>, KV<String, Long>>() {
          @ProcessElement
          public void process(@Element KV<String, Long> c, OutputReceiver<KV<String, Long>> out) {
            out.output(KV.of("update projects " + c.getKey(), c.getValue()));
          }
        })).setCoder(counts))
        .apply("AllStats", Flatten.pCollections());

    PCollection<ManifestPart> parts = PCollectionList
        .of(ManifestParts.counts("Read", read.get(ReadRawRecords.READ_COUNTS), ManifestPart.Kind.RECORDS_READ))
        .and(ManifestParts.counts("Blank", read.get(ReadRawRecords.BLANK_LINES), ManifestPart.Kind.BLANK_LINES))
        .and(ManifestParts.counts("Accepted", accepted, ManifestPart.Kind.RECORDS_ACCEPTED))
        .and(ManifestParts.deadLetters(dead))
        .and(ManifestParts.shards(written))
        .and(ManifestParts.counts("Stats", stats, ManifestPart.Kind.STAT))
        .apply("AllManifestParts", Flatten.pCollections());
    return parts.apply("FinalizeOutput", FinalizeOutput.of(spec(inputs, previous, output, shards, feed,
        partial == null ? null : partial.carried(previous))));
  }

  private static ManifestSpec spec(InputResolver.Resolved inputs, String previous, String output, int shards,
      Map<String, Long> feed, dev.pypidb.pipelines.tables.CarriedInputs carried) {
    ManifestSpec normalize = NormalizePipeline.spec(inputs, output, shards);
    Map<String, String> extra = new LinkedHashMap<>(normalize.extra());
    extra.put("updated_from", previous);
    feed.values().stream().max(Long::compare).filter(s -> s >= 0)
        .ifPresent(s -> extra.put("change_feed_serial", Long.toString(s)));
    List<String> tables = new ArrayList<>(normalize.tables());
    tables.add(Table.CHANGES.dirName());
    if (carried != null) {
      extra.put("partial_update_projects_read", Integer.toString(carried.changed().size()));
    }
    return new ManifestSpec(normalize.pipeline(), output, shards, tables, normalize.inputs(),
        normalize.skipped(), extra, carried);
  }

  /** The previous output's dead letters whose input lies in a directory that was not read again. */
  static final class CarriedDeadLettersFn extends DoFn<Integer, DeadLetter> {
    private final String previous;
    private final int shards;
    private final dev.pypidb.pipelines.tables.CarriedInputs carried;

    CarriedDeadLettersFn(String previous, int shards, dev.pypidb.pipelines.tables.CarriedInputs carried) {
      this.previous = previous;
      this.shards = shards;
      this.carried = carried;
    }

    @ProcessElement
    public void process(@Element Integer shard, OutputReceiver<DeadLetter> out) throws IOException {
      int n = WriteTables.shardsFor(Table.DEAD_LETTER, shards);
      String file = null;
      for (String f : TableFiles.of(previous).files(Table.DEAD_LETTER)) {
        if (Storage.name(f).equals(WrittenShard.partName(shard, n))) {
          file = f;
        }
      }
      if (file == null || Storage.sizeIfExists(file) < 0) {
        return;
      }
      try (org.apache.parquet.hadoop.ParquetReader<GenericRecord> in = ParquetFiles.reader(file)) {
        GenericRecord r;
        while ((r = in.read()) != null) {
          String input = String.valueOf(r.get("input"));
          if (carried.carries(input)) {
            out.output(new DeadLetter(input, (Long) r.get("position"), String.valueOf(r.get("stage")),
                String.valueOf(r.get("reason")), r.get("raw") == null ? null : r.get("raw").toString()));
          }
        }
      }
    }
  }

  /** The projects this update recomputes, as rows of the {@code changes} table. */
  static final class ChangeRowFn extends DoFn<KV<String, String>, RowBlock> {
    @ProcessElement
    public void process(@Element KV<String, String> c, OutputReceiver<RowBlock> out) {
      GenericRecord r = new GenericData.Record(Table.CHANGES.schema());
      r.put("name", c.getKey());
      r.put("reason", c.getValue());
      out.output(RowBlock.of(Table.CHANGES, c.getKey(), List.of(r)));
    }
  }

  /** The projects an update output recomputed (its {@code changes} table); null for other outputs. */
  public static java.util.SortedSet<String> changedProjects(String output) throws IOException {
    if (TableFiles.of(output).files(Table.CHANGES).isEmpty()) {
      return null;
    }
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    ParquetFiles.scanTable(output, Table.CHANGES.dirName(), r -> names.add(r.get("name").toString()));
    return names;
  }

  /** Sends changed projects' records to their shard; counts the others as accepted as they are. */
  static final class SplitFn extends DoFn<KV<String, RawRecord>, KV<Integer, KV<String, RawRecord>>> {
    private final PCollectionView<Map<String, String>> changed;
    private final int shards;

    SplitFn(PCollectionView<Map<String, String>> changed, int shards) {
      this.changed = changed;
      this.shards = shards;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      KV<String, RawRecord> r = c.element();
      if (c.sideInput(changed).containsKey(r.getKey())) {
        c.output(KV.of(WriteTables.shardOf(r.getKey(), shards), r));
      } else {
        c.output(KEPT, KV.of(r.getValue().input(), 1L));
      }
    }
  }
}
