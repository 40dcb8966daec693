package dev.pypidb.pipelines.update;

import dev.pypidb.pipelines.normalize.Fingerprint;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Which projects an update must recompute, and why: the new raw records' fingerprints against
 * the {@code fingerprints} table of the previous output, plus the projects a change feed names.
 * Records are never shuffled: digests are combined into fingerprints before the shuffle.
 */
public final class DetectChanges extends PTransform<PCollection<KV<String, RawRecord>>, PCollectionTuple> {
  /** Changed projects and the reason: one of {@link #REASONS}. */
  public static final TupleTag<KV<String, String>> CHANGED = new TupleTag<>() {};
  /** Projects per reason, {@code unchanged} included. */
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  public static final String ADDED = "added";
  public static final String CHANGED_RECORDS = "changed";
  public static final String REMOVED = "removed";
  public static final String FEED = "named by the change feed";
  public static final String DEAD_LETTERS = "had dead letters (their positions may have moved)";
  public static final String UNCHANGED = "unchanged";
  public static final List<String> REASONS = List.of(ADDED, CHANGED_RECORDS, REMOVED, FEED, DEAD_LETTERS);

  private final String previous;
  private final int shards;
  private final Map<String, Long> feed;
  private final java.util.Set<String> only;

  private DetectChanges(String previous, int shards, Map<String, Long> feed, java.util.Set<String> only) {
    this.previous = previous;
    this.shards = shards;
    this.feed = feed;
    this.only = only;
  }

  public static DetectChanges against(String previous, int shards, Map<String, Long> feed) {
    return new DetectChanges(previous, shards, feed, null);
  }

  /**
   * Compares only the projects {@code only} names (a partial update: the other projects were
   * not read and are unchanged); a record of any other project is an error.
   */
  public static DetectChanges against(String previous, int shards, Map<String, Long> feed, java.util.Set<String> only) {
    return new DetectChanges(previous, shards, feed, java.util.Set.copyOf(only));
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, RawRecord>> records) {
    KvCoder<String, String> pairs = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    java.util.Set<String> read = only;
    PCollection<KV<String, String>> now = records
        .apply("Digests", ParDo.of(new DoFn<KV<String, RawRecord>, KV<String, String>>() {
          @ProcessElement
          public void process(@Element KV<String, RawRecord> r, OutputReceiver<KV<String, String>> out) {
            if (read != null && !read.contains(r.getKey())) {
              throw new IllegalStateException(r.getValue().input() + " holds a record of project " + r.getKey()
                  + ", which is not one of the projects read again: a partial update needs every record of a"
                  + " project in its own directory (run update without --changedProjects)");
            }
            out.output(KV.of(r.getKey(), r.getValue().digest()));
          }
        }))
        .setCoder(pairs)
        .apply("Fingerprints", Combine.perKey(new Fingerprint.CombineFn()))
        .setCoder(pairs);
    PCollection<KV<String, String>> before = records.getPipeline()
        .apply("PreviousShards", Create.of(IntStream.range(0, shards).boxed().toList()).withCoder(VarIntCoder.of()))
        .apply("SpreadPreviousShards", Reshuffle.viaRandomKey())
        .apply("PreviousFingerprints", ParDo.of(new PreviousFingerprintsFn(previous, shards, only)))
        .setCoder(pairs);
    List<KV<String, Long>> feedEvents = new ArrayList<>();
    feed.forEach((k, v) -> feedEvents.add(KV.of(k, v)));
    PCollection<KV<String, Long>> named = records.getPipeline()
        .apply("ChangeFeed", Create.of(feedEvents).withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));

    TupleTag<String> nowTag = new TupleTag<>() {};
    TupleTag<String> beforeTag = new TupleTag<>() {};
    TupleTag<Long> feedTag = new TupleTag<>() {};
    PCollectionTuple out = KeyedPCollectionTuple.of(nowTag, now).and(beforeTag, before).and(feedTag, named)
        .apply("JoinFingerprints", CoGroupByKey.create())
        .apply("Compare", ParDo.of(new CompareFn(nowTag, beforeTag, feedTag))
            .withOutputTags(CHANGED, TupleTagList.of(COUNTS)));
    out.get(CHANGED).setCoder(pairs);
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return out;
  }

  /** The reason a project must be recomputed, or {@link #UNCHANGED}. */
  static String reason(String now, String before, boolean named) {
    if (now == null && before == null) {
      return UNCHANGED; // a feed event for a project neither snapshot has
    }
    if (now == null) {
      return REMOVED;
    }
    if (before == null) {
      return ADDED;
    }
    String oldFingerprint = before.substring(0, before.indexOf(' '));
    if (!oldFingerprint.equals(now)) {
      return CHANGED_RECORDS;
    }
    if (named) {
      return FEED;
    }
    return before.endsWith(" 0") ? UNCHANGED : DEAD_LETTERS;
  }

  static final class CompareFn extends DoFn<KV<String, CoGbkResult>, KV<String, String>> {
    private final TupleTag<String> nowTag;
    private final TupleTag<String> beforeTag;
    private final TupleTag<Long> feedTag;

    CompareFn(TupleTag<String> nowTag, TupleTag<String> beforeTag, TupleTag<Long> feedTag) {
      this.nowTag = nowTag;
      this.beforeTag = beforeTag;
      this.feedTag = feedTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> p, MultiOutputReceiver out) {
      String now = p.getValue().getOnly(nowTag, null);
      String before = p.getValue().getOnly(beforeTag, null);
      boolean named = p.getValue().getAll(feedTag).iterator().hasNext();
      String why = reason(now, before, named);
      if (!why.equals(UNCHANGED)) {
        out.get(CHANGED).output(KV.of(p.getKey(), why));
      }
      out.get(COUNTS).output(KV.of(why, 1L));
    }
  }

  /** Reads {@code name -> "fingerprint deadLetters"} from one shard of the previous output. */
  static final class PreviousFingerprintsFn extends DoFn<Integer, KV<String, String>> {
    private final String previous;
    private final int shards;
    private final java.util.Set<String> only;

    PreviousFingerprintsFn(String previous, int shards, java.util.Set<String> only) {
      this.previous = previous;
      this.shards = shards;
      this.only = only;
    }

    @ProcessElement
    public void process(@Element Integer shard, OutputReceiver<KV<String, String>> out) throws IOException {
      String file = TableFiles.of(previous).shard(Table.FINGERPRINTS, shard, shards);
      try (ParquetReader<GenericRecord> in = ParquetFiles.reader(file)) {
        GenericRecord r;
        while ((r = in.read()) != null) {
          if (r.getSchema().getField("dead_letters") == null) {
            throw new IOException(Storage.display(file) + " has no dead_letters column (written by an older pypidb):"
                + " run normalize again to update from it");
          }
          String name = r.get("name").toString();
          if (only == null || only.contains(name)) {
            out.output(KV.of(name, r.get("fingerprint") + " " + r.get("dead_letters")));
          }
        }
      }
    }
  }
}
