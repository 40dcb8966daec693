package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.common.Popularity;
import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.common.TargetList;
import dev.pypidb.pipelines.options.ResolveOptions;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ManifestPart;
import dev.pypidb.pipelines.tables.ManifestParts;
import dev.pypidb.pipelines.tables.ManifestSpec;
import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.resolver.Budget;
import dev.pypidb.pypa.resolver.Policy;
import dev.pypidb.pypa.resolver.Resolution;
import dev.pypidb.pypa.resolver.Resolver;
import dev.pypidb.pypa.tags.Target;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@code pypidb resolve}: every environment on every target (and policy), spread over the
 * workers. The workers of a JVM share one resolver over the tables' resolver graph, memory-mapped
 * ({@link WorkerIndex}: a binary search and one small decode per project consulted), or, for
 * tables written before the graph existed, over the tables' row groups ({@link TablesIndex});
 * either way a run costs what it consults. Results are cached with the fingerprints of what they consulted; a
 * cached result whose projects are unchanged is reused without touching the tables.
 */
public final class ResolvePipeline {
  public static final List<Table> TABLES = List.of(Table.RESOLUTIONS, Table.SUCCESS_RATE);

  private static final TupleTag<RowBlock> ROWS = new TupleTag<>() {};
  private static final TupleTag<RowBlock> CACHE_ROWS = new TupleTag<>() {};
  private static final TupleTag<KV<String, List<BigDecimal>>> RATES = new TupleTag<>() {};
  private static final TupleTag<KV<String, Long>> RUN_STATS = new TupleTag<>() {};

  /** Progress: resolutions done (cache hits included). */
  static final String PROGRESS = "resolve";

  private ResolvePipeline() {}

  /** One resolution to do. */
  record Work(String environment, List<String> requirements, String target, String policy,
      double weight) implements Serializable {}

  public static PCollection<String> build(Pipeline p, ResolveOptions o) throws IOException {
    String tables = o.getTables() != null ? o.getTables() : o.getOutput();
    if (o.getEnvironments() == null) {
      throw new IllegalArgumentException("--environments is required (JSON lines, a directory of *.txt, or top-pypi-packages JSON)");
    }
    int shards = ShardReader.shardCount(tables);
    List<Environments.Environment> envs = Environments.read(o.getEnvironments(), o.getTop());
    TargetList targets = TargetList.readOrPopular(o.getTargets());
    List<String> policies = new ArrayList<>();
    for (String s : o.getPolicy().split(",")) {
      String policy = s.strip();
      if (!policy.equals("wheels+sdist") && !policy.equals("wheels-only")) {
        throw new IllegalArgumentException("--policy must be wheels+sdist or wheels-only (or both, comma-separated), got '" + policy + "'");
      }
      policies.add(policy);
    }
    Map<String, Long> downloads = new HashMap<>();
    Popularity.readOrEmpty(o.getPopular()).entries().forEach(e -> downloads.put(e.name(), e.downloads()));
    List<Work> work = new ArrayList<>();
    for (Environments.Environment env : envs) {
      double envWeight = downloads.isEmpty() ? 1.0 : environmentDownloads(env, downloads);
      for (TargetList.WeightedTarget t : targets.targets()) {
        for (String policy : policies) {
          work.add(new Work(env.id(), env.requirements(), t.target(), policy, envWeight * t.weight()));
        }
      }
    }
    Map<String, ResolveCache.Entry> cache = ResolveCache.read(o.getCache());
    return build(p, tables, shards, o.getOutput(), work, new Budget(o.getStepBudget(), o.getTimeBudgetMs()),
        cache, o.getCache());
  }

  /** An environment's weight: the downloads of the projects it names (0 when none is popular). */
  static double environmentDownloads(Environments.Environment env, Map<String, Long> downloads) {
    double sum = 0;
    for (String r : env.requirements()) {
      try {
        sum += downloads.getOrDefault(ProjectNames.canonicalize(Requirement.parse(r).name()), 0L);
      } catch (IllegalArgumentException e) {
        // an unparsable requirement adds no weight
      }
    }
    return sum;
  }

  static PCollection<String> build(Pipeline p, String tables, int shards, String output,
      List<Work> work, Budget budget, Map<String, ResolveCache.Entry> cache, String cacheDir) {
    Progress.plan(PROGRESS, work.size(), "resolutions");
    List<KV<String, ResolveCache.Entry>> cached = new ArrayList<>();
    cache.forEach((k, v) -> cached.add(KV.of(k, v)));
    PCollectionView<Map<String, ResolveCache.Entry>> cacheView = p
        .apply("Cache", Create.of(cached).withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ResolveCache.Entry.class))))
        .apply("CacheView", View.asMap());

    // Work travels in batches: one bundle per element (what a random-key reshuffle gives the
    // DirectRunner) costs tens of milliseconds of evaluator setup, far more than a resolution
    // (a few batches per core suffice; a cluster gets up to 256).
    int batches = Math.max(8, Math.min(256, work.size() / 128));
    List<KV<Integer, Work>> keyed = new ArrayList<>(work.size());
    for (int i = 0; i < work.size(); i++) {
      keyed.add(KV.of(i % batches, work.get(i)));
    }
    PCollectionTuple resolved = p
        .apply("Work", Create.of(keyed).withCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(Work.class))))
        .apply("BatchWork", GroupByKey.create())
        .apply("Unbatch", ParDo.of(new UnbatchFn()))
        .setCoder(SerializableCoder.of(Work.class))
        .apply("Resolve", ParDo.of(new ResolveFn(tables, cacheView, budget, cacheDir != null))
            .withSideInputs(cacheView)
            .withOutputTags(ROWS, TupleTagList.of(CACHE_ROWS).and(RATES).and(RUN_STATS)));
    resolved.get(ROWS).setCoder(RowBlock.Coder.of());
    resolved.get(CACHE_ROWS).setCoder(RowBlock.Coder.of());
    resolved.get(RATES).setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(BigDecimalCoder.of())));
    resolved.get(RUN_STATS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

    PCollection<RowBlock> rates = resolved.get(RATES)
        .apply("SumRates", Combine.perKey(new SumRates()))
        .apply("ByScope", ParDo.of(new SuccessRates.ByScopeFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), ListCoder.of(BigDecimalCoder.of()))))
        .apply("GroupScopes", GroupByKey.create())
        .apply("RateRows", ParDo.of(new SuccessRates.RowsFn()))
        .setCoder(RowBlock.Coder.of());
    PCollection<WrittenShard> written = PCollectionList.of(resolved.get(ROWS)).and(rates)
        .apply("AllRows", Flatten.pCollections())
        .apply("WriteTables", WriteTables.to(output, 1));
    List<String> names = new ArrayList<>();
    TABLES.forEach(t -> names.add(t.dirName()));
    ManifestSpec spec = new ManifestSpec("resolve", output, 1, names, Map.of(), List.of(),
        Map.of("tables_from", Storage.display(tables)));
    PCollection<ManifestPart> stats = resolved.get(RUN_STATS)
        .apply("SumStats", Sum.longsPerKey())
        .apply("StatParts", ParDo.of(new DoFn<KV<String, Long>, ManifestPart>() {
          @ProcessElement
          public void process(@Element KV<String, Long> s, OutputReceiver<ManifestPart> out) {
            out.output(new ManifestPart(ManifestPart.Kind.STAT, s.getKey(), s.getValue(), null));
          }
        }))
        .setCoder(ManifestPart.Coder.of());
    PCollection<String> done = PCollectionList.of(ManifestParts.shards("Tables", written)).and(stats)
        .apply("AllManifestParts", Flatten.pCollections())
        .apply("FinalizeOutput", FinalizeOutput.of(spec));
    if (cacheDir != null) {
      // Entries for resolutions this run did not ask for stay in the cache.
      Set<String> asked = new HashSet<>();
      work.forEach(w -> asked.add(ResolveCache.key(w.policy(), w.target(), budget.maxSteps(), w.requirements())));
      List<RowBlock> kept = new ArrayList<>();
      cache.forEach((k, e) -> {
        if (!asked.contains(k)) {
          kept.add(RowBlock.of(Table.RESOLVE_CACHE, k, List.of(cacheRow(k, e))));
        }
      });
      PCollection<RowBlock> keptRows = p.apply("KeptCache", Create.of(kept).withCoder(RowBlock.Coder.of()));
      PCollection<WrittenShard> cacheWritten = PCollectionList.of(resolved.get(CACHE_ROWS)).and(keptRows)
          .apply("AllCacheRows", Flatten.pCollections())
          .apply("WriteCache", WriteTables.to(cacheDir, 1));
      ManifestParts.shards("Cache", cacheWritten).apply("FinalizeCache", FinalizeOutput.of(new ManifestSpec(
          "resolve-cache", cacheDir, 1, List.of(Table.RESOLVE_CACHE.dirName()), Map.of(), List.of(), Map.of())));
    }
    return done;
  }

  static GenericRecord cacheRow(String key, ResolveCache.Entry e) {
    GenericRecord r = new GenericData.Record(Table.RESOLVE_CACHE.schema());
    r.put("key", key);
    r.put("consulted", e.consulted());
    r.put("result", e.result());
    return r;
  }

  /** The work of one batch, in one bundle. */
  static final class UnbatchFn extends DoFn<KV<Integer, Iterable<Work>>, Work> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Work>> batch, OutputReceiver<Work> out) {
      batch.getValue().forEach(out::output);
    }
  }

  static final class ResolveFn extends DoFn<Work, RowBlock> {
    private final String tables;
    private final PCollectionView<Map<String, ResolveCache.Entry>> cache;
    private final long maxSteps;
    private final long maxMillis;
    private transient WorkerIndex worker;
    private transient Resolver resolver;
    private transient Map<String, Target> targets;
    /** Whether results go to a cache (which needs every consulted project's fingerprint). */
    private final boolean caching;
    private transient Map<String, String> fps;
    private transient Map<String, ResolveCache.Entry> cached;

    ResolveFn(String tables, PCollectionView<Map<String, ResolveCache.Entry>> cache, Budget budget,
        boolean caching) {
      this.caching = caching;
      this.tables = tables;
      this.cache = cache;
      this.maxSteps = budget.maxSteps();
      this.maxMillis = budget.maxSolverMillis();
    }

    @Setup
    public void setup() throws IOException {
      worker = WorkerIndex.acquire(tables);
      resolver = worker.resolver();
      fps = caching ? TablesIndex.fingerprints(tables) : Map.of();
      targets = new HashMap<>();
    }

    @Teardown
    public void teardown() throws Exception {
      if (worker != null) {
        worker.release();
        worker = null;
      }
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Work w = c.element();
      // The cache is the same for the whole (global) window: read it once per instance.
      if (cached == null) {
        cached = c.sideInput(cache);
      }
      String key = ResolveCache.key(w.policy(), w.target(), maxSteps, w.requirements());
      ResolveCache.Entry hit = cached.get(key);
      GenericRecord row;
      ResolveCache.Entry entry;
      if (hit != null && ResolveCache.valid(hit, fps)) {
        row = ResolutionRows.fromJson(hit.result(), w.environment());
        row.put("requirements", w.requirements()); // the key ignores order; show this environment's
        entry = hit;
        c.output(RUN_STATS, KV.of("cache_hits", 1L));
      } else {
        c.output(RUN_STATS, KV.of(hit == null ? "cache_misses" : "cache_invalidated", 1L));
        if (hit != null) {
          ResolveCache.changed(hit, fps).forEach(n -> c.output(RUN_STATS, KV.of("cache_invalidated_by " + n, 1L)));
        }
        long before = worker.readByThisThread();
        Target target = targets.computeIfAbsent(w.target(), Target::parse);
        Resolution r = resolver.resolve(w.requirements(), target,
            w.policy().equals("wheels-only") ? Policy.WHEELS_ONLY : Policy.WHEELS_AND_SDIST,
            new Budget(maxSteps, maxMillis));
        row = ResolutionRows.row(w.environment(), w.requirements(), w.target(), w.policy(), r, false);
        List<String> consulted = new ArrayList<>();
        r.consulted().forEach(n -> consulted.add(n + " " + fps.getOrDefault(n, "-")));
        GenericRecord stored = ResolutionRows.row(w.environment(), w.requirements(), w.target(), w.policy(), r, false);
        entry = new ResolveCache.Entry(consulted, ResolutionRows.toJson(stored));
        c.output(RUN_STATS, KV.of("resolver_steps", r.steps()));
        c.output(RUN_STATS, KV.of(worker.fromGraph() ? "projects_read_from_graph" : "projects_read_from_tables",
            worker.readByThisThread() - before));
      }
      boolean ok = "resolved".equals(row.get("status").toString());
      Object category = row.get("failure_category");
      boolean verdict = !SuccessRates.TIME_LIMIT.equals(String.valueOf(category));
      c.output(RUN_STATS, KV.of(ok ? "resolved" : verdict ? "failed" : "time_limited", 1L));
      c.output(RowBlock.of(Table.RESOLUTIONS, w.environment() + "\u0001" + w.target() + "\u0001" + w.policy(), List.of(row)));
      if (caching && verdict) { // a time_limit row says nothing about the environment: resolve it again
        c.output(CACHE_ROWS, RowBlock.of(Table.RESOLVE_CACHE, key, List.of(cacheRow(key, entry))));
      }
      BigDecimal weight = new BigDecimal(w.weight()); // exact: sums do not depend on their order
      for (String scope : SuccessRates.scopes(w.target(), w.policy())) {
        c.output(RATES, KV.of(scope + (category == null ? "" : "\u0002" + category),
            List.of(BigDecimal.ONE, ok ? BigDecimal.ONE : BigDecimal.ZERO, weight, ok ? weight : BigDecimal.ZERO)));
      }
      Progress.add(PROGRESS, 1);
    }
  }

  /** Exact sums, so the result is the same in any combining order (Direct, Flink, retries). */
  static final class SumRates implements SerializableFunction<Iterable<List<BigDecimal>>, List<BigDecimal>> {
    @Override
    public List<BigDecimal> apply(Iterable<List<BigDecimal>> in) {
      BigDecimal[] s = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
      for (List<BigDecimal> v : in) {
        for (int i = 0; i < 4; i++) {
          s[i] = s[i].add(v.get(i));
        }
      }
      return List.of(s);
    }
  }


}
