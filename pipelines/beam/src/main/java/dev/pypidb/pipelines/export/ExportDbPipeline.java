package dev.pypidb.pipelines.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.compact.CompactDbBuilder;
import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.export.compact.CompactDbWriter;
import dev.pypidb.pipelines.options.ExportOptions;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.ProjectLookup;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pypidb export-db}: the normalize tables as mach-nix's pypi-deps-db
 * ({@code mach-nix/wheel/XX.json}, {@code sdist/XX.json}, {@code sdist-errors/XX.json}, the
 * nix-pypi-fetcher index {@code pypi/XX.json}, {@code UNIX_TIMESTAMP}) and as pypidb's compact
 * database ({@code compact/}). Buckets are written into an attempt directory and moved into
 * place together once all are written; their text depends only on the tables.
 */
public final class ExportDbPipeline {
  private static final TupleTag<KV<String, KV<String, String>>> ENTRIES = new TupleTag<>() {};
  private static final TupleTag<Long> NEWEST = new TupleTag<>() {};

  /** The compact database's file name under {@code compact/}. */
  public static final String COMPACT_FILE = "pypidb.db";
  private static final Logger LOG = LoggerFactory.getLogger(ExportDbPipeline.class);

  /** Progress: projects exported. */
  static final String PROGRESS = "export";

  private ExportDbPipeline() {}

  /** A written bucket file, not yet in place. */
  record Bucket(String path, String attempt) implements Serializable {}

  public static PCollection<String> build(Pipeline p, ExportOptions o) throws IOException {
    String tables = o.getTables() != null ? o.getTables() : o.getOutput();
    int shards = ShardReader.shardCount(tables);
    return build(p, tables, shards, o.getOutput(), snapshotTimestamp(tables));
  }

  /** The pypi-deps-db checkout's own UNIX_TIMESTAMP when normalize read one, else null. */
  static Long snapshotTimestamp(String tables) throws IOException {
    JsonNode m = Manifests.read(tables);
    if (m == null) {
      return null;
    }
    JsonNode t = m.get("deps_db_unix_timestamp");
    return t == null ? null : Long.valueOf(t.asText());
  }

  static PCollection<String> build(Pipeline p, String tables, int shards, String output, Long timestamp) {
    Progress.plan(PROGRESS, Manifests.projects(tables), "projects");
    PCollectionTuple entries = p
        .apply("Shards", Create.of(IntStream.range(0, shards).boxed().toList()).withCoder(VarIntCoder.of()))
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("Entries", ParDo.of(new EntriesFn(tables, shards))
            .withOutputTags(ENTRIES, TupleTagList.of(NEWEST)));
    entries.get(ENTRIES).setCoder(ENTRY_CODER);
    entries.get(NEWEST).setCoder(VarLongCoder.of());
    PCollection<Bucket> buckets = entries.get(ENTRIES)
        .apply("GroupByBucket", GroupByKey.create())
        .apply("WriteBucket", ParDo.of(new WriteBucketFn(output)))
        .setCoder(SerializableCoder.of(Bucket.class));
    return finish(p, buckets, entries.get(NEWEST), tables, output, timestamp);
  }

  private static final KvCoder<String, KV<String, String>> ENTRY_CODER =
      KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

  /**
   * export-db for an update output: every previous bucket keeps the text of its unchanged
   * projects' entries ({@link MachNixBucketSplice}) and gets the changed projects' entries from
   * the new tables, so only changed projects are rendered; byte for byte what a full export
   * writes. The compact database is rebuilt (its dictionaries depend on every project). A full
   * export when the previous output has none.
   */
  public static PCollection<String> buildUpdate(Pipeline p, ExportOptions o, String previous,
      SortedSet<String> changed) throws IOException {
    String before = Storage.resolve(previous, "mach-nix");
    List<KV<String, KV<String, String>>> everyBucket = new ArrayList<>();
    for (Storage.Entry f : Storage.walkFiles(before)) {
      String rel = relative(before, f.location());
      if (rel.endsWith(".json") && !rel.startsWith(".")) {
        everyBucket.add(KV.of(rel.substring(0, rel.length() - ".json".length()), KV.of("", "")));
      }
    }
    if (changed == null || everyBucket.isEmpty()) {
      return build(p, o);
    }
    String tables = o.getTables() != null ? o.getTables() : o.getOutput();
    int shards = ShardReader.shardCount(tables);
    Progress.plan(PROGRESS, changed.size(), "changed projects");
    PCollection<KV<String, KV<String, String>>> fresh = p
        .apply("Changed", Create.of(List.copyOf(changed)).withCoder(StringUtf8Coder.of()))
        .apply("ChangedEntries", ParDo.of(new ChangedEntriesFn(tables)))
        .setCoder(ENTRY_CODER);
    PCollection<Bucket> buckets = PCollectionList.of(fresh)
        .and(p.apply("PreviousBuckets", Create.of(everyBucket).withCoder(ENTRY_CODER)))
        .apply("AllBucketEntries", Flatten.pCollections())
        .apply("GroupByBucket", GroupByKey.create())
        .apply("SpliceBucket", ParDo.of(new SpliceBucketFn(previous, o.getOutput(), new TreeSet<>(changed))))
        .setCoder(SerializableCoder.of(Bucket.class));
    PCollection<Long> newest = p
        .apply("Shards", Create.of(IntStream.range(0, shards).boxed().toList()).withCoder(VarIntCoder.of()))
        .apply("NewestUploadPerShard", ParDo.of(new NewestUploadFn(tables, shards)))
        .setCoder(VarLongCoder.of());
    return finish(p, buckets, newest, tables, o.getOutput(), snapshotTimestamp(tables));
  }

  /** Moves the buckets into place with UNIX_TIMESTAMP, beside the compact database. */
  private static PCollection<String> finish(Pipeline p, PCollection<Bucket> buckets, PCollection<Long> newestPerShard,
      String tables, String output, Long timestamp) {
    PCollectionView<Long> newest = newestPerShard
        .apply("NewestUpload", Combine.globally(Max.ofLongs()).withoutDefaults())
        .apply("NewestView", View.asSingleton());
    PCollection<String> machNix = buckets
        .apply("OneGroup", WithKeys.of("export"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Bucket.class)))
        .apply("GatherBuckets", GroupByKey.create())
        .apply("Finalize", ParDo.of(new FinalizeFn(output, tables, timestamp, newest)).withSideInputs(newest))
        .setCoder(StringUtf8Coder.of());
    // The compact file is one sequential write over all shards; it runs beside the buckets.
    PCollection<String> compact = p
        .apply("CompactTables", Create.of(tables).withCoder(StringUtf8Coder.of()))
        .apply("WriteCompactDb", ParDo.of(new WriteCompactFn(output)))
        .setCoder(StringUtf8Coder.of());
    return PCollectionList.of(machNix).and(compact).apply("Outputs", Flatten.pCollections());
  }

  /** The changed projects' entries, read from the new tables. */
  static final class ChangedEntriesFn extends DoFn<String, KV<String, KV<String, String>>> {
    private final String tables;
    private transient ProjectLookup lookup;

    ChangedEntriesFn(String tables) {
      this.tables = tables;
    }

    @Setup
    public void setup() throws IOException {
      lookup = new ProjectLookup(tables);
    }

    @Teardown
    public void teardown() throws IOException {
      if (lookup != null) {
        lookup.close();
      }
    }

    @ProcessElement
    public void process(@Element String project, OutputReceiver<KV<String, KV<String, String>>> out) throws IOException {
      List<GenericRecord> releases = lookup.rows(Table.RELEASES, project);
      List<GenericRecord> files = lookup.rows(Table.FILES, project);
      List<GenericRecord> requirements = lookup.rows(Table.REQUIREMENTS, project);
      List<GenericRecord> sdists = lookup.rows(Table.SDIST_METADATA, project);
      Progress.add(PROGRESS, 1);
      if (releases.isEmpty() && files.isEmpty() && requirements.isEmpty() && sdists.isEmpty()) {
        return; // removed: a shard walk would not see it either
      }
      projectEntries(project, releases, files, requirements, sdists, (bucket, entry) -> out.output(KV.of(bucket, entry)));
    }
  }

  /** One bucket: the previous text without changed projects' entries, plus their new ones. */
  static final class SpliceBucketFn extends DoFn<KV<String, Iterable<KV<String, String>>>, Bucket> {
    private final String previous;
    private final String output;
    private final TreeSet<String> changed;

    SpliceBucketFn(String previous, String output, TreeSet<String> changed) {
      this.previous = previous;
      this.output = output;
      this.changed = changed;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, String>>> bucket, OutputReceiver<Bucket> out)
        throws IOException {
      List<KV<String, String>> fresh = new ArrayList<>();
      for (KV<String, String> e : bucket.getValue()) {
        if (!e.getKey().isEmpty()) { // the empty key marks a bucket the previous output has
          fresh.add(e);
        }
      }
      String before = Storage.resolve(Storage.resolve(previous, "mach-nix"), bucket.getKey() + ".json");
      String text = Storage.isFile(before)
          ? MachNixBucketSplice.splice(Storage.readString(before), changed, fresh)
          : MachNixBucketSplice.text(fresh);
      if (!text.equals("{}")) { // a full export writes no bucket without entries
        out.output(writeAttempt(output, bucket.getKey(), text));
      }
    }
  }

  /** The newest first upload (seconds) among one shard's releases, reading only that column. */
  static final class NewestUploadFn extends DoFn<Integer, Long> {
    private final String tables;
    private final int shards;

    NewestUploadFn(String tables, int shards) {
      this.tables = tables;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element Integer shard, OutputReceiver<Long> out) throws IOException {
      long newest = 0;
      String file = TableFiles.of(tables).shard(Table.RELEASES, shard, shards);
      try (org.apache.parquet.hadoop.ParquetReader<GenericRecord> in =
          ParquetFiles.reader(file, Table.RELEASES, List.of("first_upload_time"))) {
        GenericRecord r;
        while ((r = in.read()) != null) {
          Object t = r.get("first_upload_time");
          if (t != null) {
            newest = Math.max(newest, (Long) t / 1_000_000L);
          }
        }
      }
      out.output(newest);
    }
  }

  /**
   * Writes {@code compact/pypidb.db}: built in a local file, then moved into place (an atomic
   * rename where the store has one; on an object store, one upload of the whole file).
   */
  static final class WriteCompactFn extends DoFn<String, String> {
    private final String output;

    WriteCompactFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element String tables, OutputReceiver<String> out) throws IOException {
      String dir = Storage.resolve(output, "compact");
      String target = Storage.resolve(dir, COMPACT_FILE);
      Path local = Storage.isLocal(output) ? Storage.localPath(dir) : Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(local);
      Path attempt = Files.createTempFile(local, FinalizeOutput.ATTEMPT_PREFIX, ".db");
      try {
        CompactDbBuilder.Stats stats = CompactDbWriter.write(tables, attempt);
        if (Storage.isLocal(output)) {
          Storage.rename(attempt.toString(), target);
        } else if (Storage.hasAtomicRename(output)) {
          String uploaded = Storage.resolve(dir, FinalizeOutput.ATTEMPT_PREFIX + UUID.randomUUID() + ".db");
          Storage.upload(attempt, uploaded);
          Storage.rename(uploaded, target);
        } else {
          Storage.upload(attempt, target);
        }
        for (String name : Storage.childNames(dir)) {
          if (name.startsWith(FinalizeOutput.ATTEMPT_PREFIX)) {
            Storage.delete(Storage.resolve(dir, name)); // left by an attempt that was killed
          }
        }
        LOG.info("compact database {}: {}", Storage.display(target), stats);
      } finally {
        Files.deleteIfExists(attempt);
      }
      out.output(target);
    }
  }

  /** pypi-deps-db's bucket of a key: the first two hex digits of its sha256. */
  static String bucket(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 1);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One project's entries: bucket ({@code wheel/ab}) to (pypi-deps-db key, value as text). */
  static void projectEntries(String project, List<GenericRecord> releases, List<GenericRecord> files,
      List<GenericRecord> requirements, List<GenericRecord> sdists, BiConsumer<String, KV<String, String>> out) {
    String display = releases.isEmpty() ? project : releases.get(0).get("display_name").toString();
    MachNixEntries e = MachNixEntries.of(display, releases, files, requirements, sdists);
    e.entries.forEach((kind, byKey) -> byKey.forEach((key, entry) ->
        out.accept(kind + "/" + bucket(key), KV.of(key, PythonJson.write(entry, 2)))));
  }

  static final class EntriesFn extends DoFn<Integer, KV<String, KV<String, String>>> {
    private final String tables;
    private final int shards;

    EntriesFn(String tables, int shards) {
      this.tables = tables;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element Integer shard, MultiOutputReceiver out) throws IOException {
      long newest = 0;
      try (ShardReader r = new ShardReader(tables, List.of(Table.RELEASES, Table.FILES,
          Table.REQUIREMENTS, Table.SDIST_METADATA), shard, shards)) {
        while (r.next()) {
          List<GenericRecord> releases = r.rows(Table.RELEASES);
          projectEntries(r.project(), releases, r.rows(Table.FILES), r.rows(Table.REQUIREMENTS),
              r.rows(Table.SDIST_METADATA), (bucket, entry) -> out.get(ENTRIES).output(KV.of(bucket, entry)));
          for (GenericRecord rel : releases) {
            Object t = rel.get("first_upload_time");
            if (t != null) {
              newest = Math.max(newest, (Long) t / 1_000_000L);
            }
          }
          Progress.add(PROGRESS, 1);
        }
      }
      out.get(NEWEST).output(newest);
    }
  }

  /** One bucket file: its entries sorted by key, as Python would indent them. */
  static final class WriteBucketFn extends DoFn<KV<String, Iterable<KV<String, String>>>, Bucket> {
    private final String output;

    WriteBucketFn(String output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, String>>> bucket, OutputReceiver<Bucket> out)
        throws IOException {
      List<KV<String, String>> entries = new ArrayList<>();
      bucket.getValue().forEach(entries::add);
      out.output(writeAttempt(output, bucket.getKey(), MachNixBucketSplice.text(entries)));
    }
  }

  /** Writes a bucket's text into an attempt directory; {@link FinalizeFn} moves it into place. */
  static Bucket writeAttempt(String output, String bucket, String text) throws IOException {
    String attempt = Storage.resolve(Storage.resolve(Storage.resolve(output, "mach-nix"),
        FinalizeOutput.ATTEMPT_PREFIX + UUID.randomUUID()), bucket + ".json");
    Storage.writeString(attempt, text);
    return new Bucket("mach-nix/" + bucket + ".json", attempt);
  }

  /** {@code file}'s path below {@code dir}. */
  static String relative(String dir, String file) {
    String prefix = Storage.resolve(dir, "x");
    return file.substring(prefix.length() - 1);
  }

  /**
   * Moves every bucket into place, removes stale ones, writes UNIX_TIMESTAMP. The buckets keep
   * pypi-deps-db's fixed names, so on an object store each is copied to its key (each object
   * replaced whole; see docs/deploy.md), where other stores rename it.
   */
  static final class FinalizeFn extends DoFn<KV<String, Iterable<Bucket>>, String> {
    private final String output;
    private final String tables;
    private final Long timestamp;
    private final PCollectionView<Long> newest;

    FinalizeFn(String output, String tables, Long timestamp, PCollectionView<Long> newest) {
      this.output = output;
      this.tables = tables;
      this.timestamp = timestamp;
      this.newest = newest;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      String machNix = Storage.resolve(output, "mach-nix");
      Set<String> keep = new TreeSet<>();
      for (Bucket b : c.element().getValue()) {
        Storage.rename(b.attempt(), Storage.resolve(output, b.path()));
        keep.add(b.path().substring("mach-nix/".length()));
      }
      keep.add(TIMESTAMP_FILE);
      for (Storage.Entry f : Storage.walkFiles(machNix)) {
        if (!keep.contains(relative(machNix, f.location()))) {
          Storage.delete(f.location());
        }
      }
      for (String name : Storage.childNames(machNix)) {
        String child = Storage.resolve(machNix, name);
        if (name.startsWith(FinalizeOutput.ATTEMPT_PREFIX)
            || !Storage.isObjectStore(child) && Storage.isDirectory(child) && Storage.walkFiles(child).isEmpty()) {
          Storage.deleteTree(child); // attempts' leftovers, and kinds of bucket no longer written
        }
      }
      long stamp = timestamp != null ? timestamp : c.sideInput(newest);
      Storage.writeString(Storage.resolve(machNix, TIMESTAMP_FILE), stamp + "\n");
      c.output(machNix);
    }
  }

  /** The snapshot's time in seconds, beside the buckets (as pypi-deps-db has it). */
  static final String TIMESTAMP_FILE = "UNIX_TIMESTAMP";
}
