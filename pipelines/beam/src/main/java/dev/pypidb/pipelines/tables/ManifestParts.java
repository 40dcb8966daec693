package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.read.DeadLetter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/** Turns per-input counts, dead letters and written shards into {@link ManifestPart}s. */
public final class ManifestParts {
  private ManifestParts() {}

  /** Sums counts per input (combined before the single manifest group). */
  public static PCollection<ManifestPart> counts(String name, PCollection<KV<String, Long>> counts,
      ManifestPart.Kind kind) {
    return counts
        .apply(name + "Sum", Sum.longsPerKey())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply(name + "AsParts", ParDo.of(new DoFn<KV<String, Long>, ManifestPart>() {
          @ProcessElement
          public void process(@Element KV<String, Long> c, OutputReceiver<ManifestPart> out) {
            out.output(ManifestPart.count(kind, c.getKey(), c.getValue()));
          }
        }))
        .setCoder(ManifestPart.Coder.of());
  }

  /** Dead letters counted per input. */
  public static PCollection<ManifestPart> deadLetters(PCollection<DeadLetter> dead) {
    PCollection<KV<String, Long>> ones = dead
        .apply("DeadPerInput", ParDo.of(new DoFn<DeadLetter, KV<String, Long>>() {
          @ProcessElement
          public void process(@Element DeadLetter d, OutputReceiver<KV<String, Long>> out) {
            out.output(KV.of(d.input(), 1L));
          }
        }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return counts("Dead", ones, ManifestPart.Kind.DEAD_LETTERED);
  }

  public static PCollection<ManifestPart> shards(PCollection<WrittenShard> shards) {
    return shards("", shards);
  }

  public static PCollection<ManifestPart> shards(String name, PCollection<WrittenShard> shards) {
    return shards
        .apply(name + "ShardsAsParts", ParDo.of(new DoFn<WrittenShard, ManifestPart>() {
          @ProcessElement
          public void process(@Element WrittenShard s, OutputReceiver<ManifestPart> out) {
            out.output(ManifestPart.shard(s));
          }
        }))
        .setCoder(ManifestPart.Coder.of());
  }

}
