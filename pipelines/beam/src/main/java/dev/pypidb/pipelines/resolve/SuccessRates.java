package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.Table;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Success rates: overall, per target, per policy, per target and policy. Each resolution adds
 * [1, resolved, weight, weight if resolved] under its scopes and failure category, as exact
 * decimals so that no summing order changes a bit of the result. Rates count verdicts only: a
 * {@code time_limit} row (the solver's CPU-time safety net fired) is counted apart, in
 * {@code time_limited}, and left out of both rates.
 */
final class SuccessRates {
  static final String SEP = "\u0001";
  static final String CATEGORY = "\u0002";
  static final String TIME_LIMIT = "time_limit";

  private SuccessRates() {}

  static List<String> scopes(String target, String policy) {
    return List.of("overall", "target" + SEP + target, "policy" + SEP + policy,
        "target+policy" + SEP + target + SEP + policy);
  }

  /** (scope + category) sums to (scope, (category, sums)). */
  static final class ByScopeFn extends DoFn<KV<String, List<BigDecimal>>, KV<String, KV<String, List<BigDecimal>>>> {
    @ProcessElement
    public void process(@Element KV<String, List<BigDecimal>> e, OutputReceiver<KV<String, KV<String, List<BigDecimal>>>> out) {
      String key = e.getKey();
      int cut = key.indexOf(CATEGORY);
      String scope = cut < 0 ? key : key.substring(0, cut);
      String category = cut < 0 ? "" : key.substring(cut + 1);
      out.output(KV.of(scope, KV.of(category, e.getValue())));
    }
  }

  static final class RowsFn extends DoFn<KV<String, Iterable<KV<String, List<BigDecimal>>>>, RowBlock> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, List<BigDecimal>>>> e, OutputReceiver<RowBlock> out) {
      BigDecimal n = BigDecimal.ZERO;
      BigDecimal ok = BigDecimal.ZERO;
      BigDecimal weight = BigDecimal.ZERO;
      BigDecimal okWeight = BigDecimal.ZERO;
      long timeLimited = 0;
      Map<String, Long> failures = new TreeMap<>();
      for (KV<String, List<BigDecimal>> part : e.getValue()) {
        List<BigDecimal> s = part.getValue();
        if (part.getKey().equals(TIME_LIMIT)) {
          timeLimited += s.get(0).longValueExact();
          continue;
        }
        n = n.add(s.get(0));
        ok = ok.add(s.get(1));
        weight = weight.add(s.get(2));
        okWeight = okWeight.add(s.get(3));
        if (!part.getKey().isEmpty()) {
          failures.merge(part.getKey(), s.get(0).longValueExact(), Long::sum);
        }
      }
      String[] scope = e.getKey().split(SEP, -1);
      GenericRecord r = new GenericData.Record(Table.SUCCESS_RATE.schema());
      r.put("scope", scope[0]);
      r.put("target", scope[0].startsWith("target") ? scope[1] : null);
      r.put("policy", scope[0].equals("policy") ? scope[1] : scope[0].equals("target+policy") ? scope[2] : null);
      r.put("resolutions", n.longValueExact() + timeLimited);
      r.put("resolved", ok.longValueExact());
      r.put("failed", n.subtract(ok).longValueExact());
      r.put("time_limited", timeLimited);
      r.put("success_rate", n.signum() == 0 ? 0.0 : ok.doubleValue() / n.doubleValue());
      r.put("weighted_success_rate", weight.signum() == 0 ? null
          : okWeight.divide(weight, MathContext.DECIMAL64).doubleValue());
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(failures.entrySet());
      sorted.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
          : Long.compare(b.getValue(), a.getValue()));
      List<String> byCategory = new ArrayList<>();
      sorted.forEach(x -> byCategory.add(x.getKey() + "=" + x.getValue()));
      r.put("failures_by_category", byCategory);
      out.output(RowBlock.of(Table.SUCCESS_RATE, e.getKey(), List.of(r)));
    }
  }
}
