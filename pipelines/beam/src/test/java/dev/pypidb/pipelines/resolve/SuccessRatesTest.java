package dev.pypidb.pipelines.resolve;

import static org.junit.Assert.assertEquals;

import dev.pypidb.pipelines.tables.RowBlock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.junit.Test;

/** Rates count verdicts: time_limit rows are counted apart and left out of both rates. */
public class SuccessRatesTest {
  private static List<BigDecimal> sums(long n, long ok, long weight, long okWeight) {
    return List.of(BigDecimal.valueOf(n), BigDecimal.valueOf(ok), BigDecimal.valueOf(weight),
        BigDecimal.valueOf(okWeight));
  }

  @Test
  public void timeLimitedRowsAreNotVerdicts() {
    List<RowBlock> out = new ArrayList<>();
    new SuccessRates.RowsFn().process(KV.of("overall", List.of(
        KV.of("", sums(3, 3, 30, 30)),
        KV.of("conflict", sums(1, 0, 10, 0)),
        KV.of(SuccessRates.TIME_LIMIT, sums(2, 0, 40, 0)))), new DoFn.OutputReceiver<RowBlock>() {
          @Override
          public void output(RowBlock b) {
            out.add(b);
          }

          @Override
          public void outputWithTimestamp(RowBlock b, Instant t) {
            out.add(b);
          }
        });
    GenericRecord r = out.get(0).records().get(0);
    assertEquals(6L, r.get("resolutions"));
    assertEquals(3L, r.get("resolved"));
    assertEquals(1L, r.get("failed"));
    assertEquals(2L, r.get("time_limited"));
    assertEquals(0.75, (Double) r.get("success_rate"), 1e-12);
    assertEquals(0.75, (Double) r.get("weighted_success_rate"), 1e-12);
    assertEquals("[conflict=1]", r.get("failures_by_category").toString());
  }
}
