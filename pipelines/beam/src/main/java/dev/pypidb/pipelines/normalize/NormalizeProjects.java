package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.Table;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
 * Groups records by project and normalizes each project ({@link ProjectNormalizer}) into blocks
 * of table rows, plus merge-stage dead letters and the records accepted per input.
 */
public final class NormalizeProjects
    extends PTransform<PCollection<KV<String, RawRecord>>, PCollectionTuple> {
  public static final TupleTag<RowBlock> ROWS = new TupleTag<>() {};
  public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {};
  public static final TupleTag<KV<String, Long>> ACCEPTED = new TupleTag<>() {};

  public static NormalizeProjects create() {
    return new NormalizeProjects();
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, RawRecord>> records) {
    PCollectionTuple out = records
        .apply("GroupByProject", GroupByKey.create())
        .apply("NormalizeProject", ParDo.of(new NormalizeFn())
            .withOutputTags(ROWS, TupleTagList.of(DEAD_LETTERS).and(ACCEPTED)));
    out.get(ROWS).setCoder(RowBlock.Coder.of());
    out.get(DEAD_LETTERS).setCoder(DeadLetter.Coder.of());
    out.get(ACCEPTED).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return out;
  }

  static final class NormalizeFn extends DoFn<KV<String, Iterable<RawRecord>>, RowBlock> {
    private transient ProjectNormalizer normalizer;

    @Setup
    public void setup() {
      normalizer = new ProjectNormalizer();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<RawRecord>> project, MultiOutputReceiver out) {
      ProjectOutput result = normalizer.normalize(project.getKey(), project.getValue());
      for (Map.Entry<Table, List<GenericRecord>> e : result.rows().entrySet()) {
        if (!e.getValue().isEmpty()) {
          out.get(ROWS).output(RowBlock.of(e.getKey(), result.name(), e.getValue()));
        }
      }
      result.deadLetters().forEach(d -> out.get(DEAD_LETTERS).output(d));
      result.acceptedByInput().forEach((input, n) -> out.get(ACCEPTED).output(KV.of(input, n)));
      Progress.add("normalize projects", 1);
      Progress.add("normalize records", result.records());
    }
  }
}
