package dev.pypidb.pipelines.abistats;

import dev.pypidb.pipelines.common.Popularity;
import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.common.TargetList;
import dev.pypidb.pipelines.options.AbiStatsOptions;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ManifestParts;
import dev.pypidb.pipelines.tables.ManifestSpec;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pypa.tags.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@code pypidb abi-stats}: wheel ABI adoption statistics from a normalize output. Each shard of
 * the normalize tables is read by one worker (a project lives in one shard, so distinct counts
 * are exact there), counts are summed across shards, and the tables plus the report are
 * written under {@code abi_stats/} and {@code report/}.
 */
public final class AbiStatsPipeline {
  public static final List<Table> TABLES = List.of(Table.ABI_BY_ABI, Table.ABI_BY_PLATFORM,
      Table.ABI_BY_MONTH, Table.ABI_PROJECT_LATEST, Table.ABI_READINESS, Table.ABI_SUMMARY);

  private static final TupleTag<KV<String, List<Long>>> COUNTS = new TupleTag<>() {};
  private static final TupleTag<RowBlock> ROWS = new TupleTag<>() {};
  private static final TupleTag<String> PRESENT = new TupleTag<>() {};

  /** Progress: projects counted. */
  static final String PROGRESS = "abi-stats";

  private AbiStatsPipeline() {}

  public static PCollection<String> build(Pipeline p, AbiStatsOptions options) throws IOException {
    String tables = options.getTables() != null ? options.getTables() : options.getOutput();
    if (tables == null) {
      throw new IllegalArgumentException("--tables is required: a normalize output directory");
    }
    int shards = ShardReader.shardCount(tables);
    List<Popularity.Entry> top = Popularity.readOrEmpty(options.getPopular()).top(options.getTop());
    TargetList targets = TargetList.readOrPopular(options.getTargets());
    return build(p, tables, options.getOutput(), shards, top, targets);
  }

  static PCollection<String> build(Pipeline p, String tables, String output, int shards,
      List<Popularity.Entry> top, TargetList targets) {
    Progress.plan(PROGRESS, dev.pypidb.pipelines.tables.Manifests.projects(tables), "projects");
    PCollectionTuple facts = p
        .apply("Shards", Create.of(IntStream.range(0, shards).boxed().toList()).withCoder(VarIntCoder.of()))
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("ShardFacts", ParDo.of(new ShardFactsFn(tables, shards, top, targets))
            .withOutputTags(COUNTS, TupleTagList.of(ROWS).and(PRESENT)));
    facts.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(VarLongCoder.of())));
    facts.get(ROWS).setCoder(RowBlock.Coder.of());
    facts.get(PRESENT).setCoder(StringUtf8Coder.of());

    PCollectionView<List<String>> present = facts.get(PRESENT).apply("PresentPopular", View.asList());
    PCollection<RowBlock> missing = p
        .apply("Once", Create.of(1).withCoder(VarIntCoder.of()))
        .apply("MissingPopular", ParDo.of(new MissingFn(present, top, targets)).withSideInputs(present))
        .setCoder(RowBlock.Coder.of());
    PCollection<RowBlock> rows = PCollectionList.of(facts.get(ROWS)).and(missing)
        .apply("PerProjectRows", Flatten.pCollections());
    return write(facts.get(COUNTS).apply("SumShards", Combine.perKey(new SumCounts())), rows,
        tables, output, inputsDigest(top, targets));
  }

  /**
   * abi-stats for an update output: from the previous output's statistics and the projects
   * the update recomputed ({@link AbiStatsUpdate}); a full run when the previous output has no
   * statistics or they were computed for other popular projects or targets.
   */
  public static PCollection<String> buildUpdate(Pipeline p, AbiStatsOptions options, String previous,
      SortedSet<String> changed) throws IOException {
    String tables = options.getTables() != null ? options.getTables() : options.getOutput();
    List<Popularity.Entry> top = Popularity.readOrEmpty(options.getPopular()).top(options.getTop());
    TargetList targets = TargetList.readOrPopular(options.getTargets());
    String digest = inputsDigest(top, targets);
    if (changed == null || !AbiStatsUpdate.usable(previous, digest)) {
      return build(p, options);
    }
    Progress.plan(PROGRESS, 2L * changed.size(), "project reads"); // in the previous tables and the new
    PCollectionTuple facts = p
        .apply("Once", Create.of(1).withCoder(VarIntCoder.of()))
        .apply("UpdateFacts", ParDo.of(new UpdateFactsFn(previous, tables, new TreeSet<>(changed), top, targets))
            .withOutputTags(COUNTS, TupleTagList.of(ROWS)));
    facts.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(VarLongCoder.of())));
    facts.get(ROWS).setCoder(RowBlock.Coder.of());
    return write(facts.get(COUNTS), facts.get(ROWS), tables, options.getOutput(), digest);
  }

  /** Writes the count rows and per-project rows, the manifest, then the report. */
  private static PCollection<String> write(PCollection<KV<String, List<Long>>> counts, PCollection<RowBlock> rows,
      String tables, String output, String digest) {
    PCollection<RowBlock> countRows = counts
        .apply("CountRows", ParDo.of(new CountRowsFn()))
        .setCoder(RowBlock.Coder.of());
    PCollection<dev.pypidb.pipelines.tables.WrittenShard> written = PCollectionList.of(countRows).and(rows)
        .apply("AllRows", Flatten.pCollections())
        .apply("WriteTables", WriteTables.to(output, 1));
    List<String> names = new ArrayList<>();
    TABLES.forEach(t -> names.add(t.dirName()));
    ManifestSpec spec = new ManifestSpec("abi-stats", output, 1, names, Map.of(), List.of(),
        Map.of("tables_from", Storage.display(tables), "popular_and_targets", digest));
    return ManifestParts.shards(written)
        .apply("FinalizeOutput", FinalizeOutput.of(spec))
        .apply("WriteReport", ParDo.of(new ReportFn(output)))
        .setCoder(StringUtf8Coder.of());
  }

  /** Identifies the popular projects and targets the readiness rows were computed for. */
  static String inputsDigest(List<Popularity.Entry> top, TargetList targets) {
    StringBuilder s = new StringBuilder();
    top.forEach(e -> s.append(e.name()).append(' ').append(e.rank()).append(' ').append(e.downloads()).append('\n'));
    targets.targets().forEach(t -> s.append(t.target()).append(' ').append(t.weight()).append('\n'));
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@link AbiStatsUpdate} on one worker. */
  static final class UpdateFactsFn extends DoFn<Integer, KV<String, List<Long>>> {
    private final String previous;
    private final String tables;
    private final TreeSet<String> changed;
    private final List<Popularity.Entry> top;
    private final TargetList targets;

    UpdateFactsFn(String previous, String tables, TreeSet<String> changed, List<Popularity.Entry> top,
        TargetList targets) {
      this.previous = previous;
      this.tables = tables;
      this.changed = changed;
      this.top = top;
      this.targets = targets;
    }

    @ProcessElement
    public void process(MultiOutputReceiver out) throws IOException {
      Map<String, List<Long>> counts = new java.util.TreeMap<>();
      List<RowBlock> rows = new ArrayList<>();
      new AbiStatsUpdate(previous, tables, changed, top, targets).compute(counts, rows);
      counts.forEach((k, v) -> out.get(COUNTS).output(KV.of(k, v)));
      rows.forEach(r -> out.get(ROWS).output(r));
    }
  }

  /** Renders report/ from the committed tables (runs once, after FinalizeOutput). */
  static final class ReportFn extends DoFn<String, String> {
    private final String output;

    ReportFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element String manifest, OutputReceiver<String> out) {
      out.output(dev.pypidb.pipelines.abistats.report.AbiReport.write(output));
    }
  }

  /** Reads one shard of releases, files and wheel_tags and emits its facts. */
  static final class ShardFactsFn extends DoFn<Integer, KV<String, List<Long>>> {
    private final String tables;
    private final int shards;
    private final List<Popularity.Entry> top;
    private final TargetList targets;

    ShardFactsFn(String tables, int shards, List<Popularity.Entry> top, TargetList targets) {
      this.tables = tables;
      this.shards = shards;
      this.top = top;
      this.targets = targets;
    }

    @ProcessElement
    public void process(@Element Integer shard, MultiOutputReceiver out) throws IOException {
      Map<String, Popularity.Entry> popular = new LinkedHashMap<>();
      top.forEach(e -> popular.put(e.name(), e));
      List<Target> parsed = new ArrayList<>();
      targets.targets().forEach(t -> parsed.add(t.parsed()));
      AbiFacts facts = new AbiFacts(popular, parsed);
      try (ShardReader r = new ShardReader(tables,
          List.of(Table.RELEASES, Table.FILES, Table.WHEEL_TAGS), shard, shards)) {
        while (r.next()) {
          facts.add(r.project(), r.rows(Table.RELEASES), r.rows(Table.FILES), r.rows(Table.WHEEL_TAGS));
          Progress.add(PROGRESS, 1);
        }
      }
      facts.counts.forEach((k, c) -> out.get(COUNTS).output(KV.of(k, List.of(c[0], c[1], c[2]))));
      for (GenericRecord row : facts.latestRows) {
        out.get(ROWS).output(RowBlock.of(Table.ABI_PROJECT_LATEST, row.get("name").toString(), List.of(row)));
      }
      for (GenericRecord row : facts.readinessRows) {
        out.get(ROWS).output(RowBlock.of(Table.ABI_READINESS, readinessKey(row), List.of(row)));
      }
      facts.popularPresent.forEach(n -> out.get(PRESENT).output(n));
    }
  }

  static String readinessKey(GenericRecord row) {
    return String.format("%08d", (Integer) row.get("rank")) + AbiFacts.SEP + row.get("target");
  }

  /** Element-wise sum of [projects, releases, files]. */
  static final class SumCounts implements SerializableFunction<Iterable<List<Long>>, List<Long>> {
    @Override
    public List<Long> apply(Iterable<List<Long>> input) {
      long[] sum = new long[3];
      for (List<Long> c : input) {
        for (int i = 0; i < 3; i++) {
          sum[i] += c.get(i);
        }
      }
      return List.of(sum[0], sum[1], sum[2]);
    }
  }

  /** Turns a summed statistic into its table row. */
  static final class CountRowsFn extends DoFn<KV<String, List<Long>>, RowBlock> {
    @ProcessElement
    public void process(@Element KV<String, List<Long>> e, OutputReceiver<RowBlock> out) {
      String[] key = e.getKey().split(AbiFacts.SEP, -1);
      List<Long> c = e.getValue();
      Table table;
      GenericRecord r;
      switch (key[0]) {
        case "by_abi" -> {
          table = Table.ABI_BY_ABI;
          r = new GenericData.Record(table.schema());
          r.put("interpreter", key[1]);
          r.put("abi", key[2]);
        }
        case "by_platform" -> {
          table = Table.ABI_BY_PLATFORM;
          r = new GenericData.Record(table.schema());
          dev.pypidb.pypa.tags.PlatformTag p = dev.pypidb.pypa.tags.PlatformTag.of(key[1]);
          r.put("platform", key[1]);
          r.put("platform_family", p.family());
          r.put("libc_major", p.libcMajor());
          r.put("libc_minor", p.libcMinor());
          r.put("os_major", p.osMajor());
          r.put("os_minor", p.osMinor());
          r.put("arch", p.arch());
        }
        case "by_month" -> {
          table = Table.ABI_BY_MONTH;
          r = new GenericData.Record(table.schema());
          r.put("month", key[1]);
          r.put("platform_family", key[2]);
          r.put("policy", key[3]);
        }
        default -> {
          table = Table.ABI_SUMMARY;
          r = new GenericData.Record(table.schema());
          r.put("metric", key[1]);
          r.put("value", c.get(2));
          out.output(RowBlock.of(table, e.getKey(), List.of(r)));
          return;
        }
      }
      r.put("projects", c.get(0));
      r.put("releases", c.get(1));
      r.put("files", c.get(2));
      out.output(RowBlock.of(table, e.getKey(), List.of(r)));
    }
  }

  /** Readiness rows for popular projects the tables do not have. */
  static final class MissingFn extends DoFn<Integer, RowBlock> {
    private final PCollectionView<List<String>> present;
    private final List<Popularity.Entry> top;
    private final TargetList targets;

    MissingFn(PCollectionView<List<String>> present, List<Popularity.Entry> top, TargetList targets) {
      this.present = present;
      this.top = top;
      this.targets = targets;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Set<String> seen = new HashSet<>(c.sideInput(present));
      for (Popularity.Entry e : top) {
        if (seen.contains(e.name())) {
          continue;
        }
        for (TargetList.WeightedTarget t : targets.targets()) {
          GenericRecord row = AbiFacts.readiness(e, t.parsed(), null, "missing", null, null);
          c.output(RowBlock.of(Table.ABI_READINESS, readinessKey(row), List.of(row)));
        }
      }
    }
  }
}
