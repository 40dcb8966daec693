package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.read.DeadLetter;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;

/** Dead letters as {@code dead_letter} rows, ordered by input and position. */
public final class DeadLetterRows extends DoFn<DeadLetter, RowBlock> {

  @ProcessElement
  public void process(@Element DeadLetter d, OutputReceiver<RowBlock> out) {
    out.output(RowBlock.of(Table.DEAD_LETTER, sortKey(d), List.of(row(d))));
  }

  public static GenericRecord row(DeadLetter d) {
    GenericRecord r = new GenericData.Record(Table.DEAD_LETTER.schema());
    r.put("input", d.input());
    r.put("position", d.position());
    r.put("stage", d.stage());
    r.put("reason", d.reason());
    r.put("raw", d.raw());
    return r;
  }

  /** Input, then position (zero-padded so text order is numeric order), then the reason. */
  static String sortKey(DeadLetter d) {
    return d.input() + '\u0000' + String.format("%020d", d.position()) + '\u0000' + d.stage() + '\u0000' + d.reason();
  }
}
