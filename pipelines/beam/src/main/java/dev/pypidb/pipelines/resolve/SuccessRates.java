package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.Table;
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
 * [1, resolved, weight, weight if resolved] under its scopes and failure category.
 */
final class SuccessRates {
  static final String SEP = "\u0001";
  static final String CATEGORY = "\u0002";

  private SuccessRates() {}

  static List<String> scopes(String target, String policy) {
    return List.of("overall", "target" + SEP + target, "policy" + SEP + policy,
        "target+policy" + SEP + target + SEP + policy);
  }

  /** (scope + category) sums to (scope, (category, sums)). */
  static final class ByScopeFn extends DoFn<KV<String, List<Double>>, KV<String, KV<String, List<Double>>>> {
    @ProcessElement
    public void process(@Element KV<String, List<Double>> e, OutputReceiver<KV<String, KV<String, List<Double>>>> out) {
      String key = e.getKey();
      int cut = key.indexOf(CATEGORY);
      String scope = cut < 0 ? key : key.substring(0, cut);
      String category = cut < 0 ? "" : key.substring(cut + 1);
      out.output(KV.of(scope, KV.of(category, e.getValue())));
    }
  }

  static final class RowsFn extends DoFn<KV<String, Iterable<KV<String, List<Double>>>>, RowBlock> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, List<Double>>>> e, OutputReceiver<RowBlock> out) {
      double n = 0;
      double ok = 0;
      double weight = 0;
      double okWeight = 0;
      Map<String, Long> failures = new TreeMap<>();
      for (KV<String, List<Double>> part : e.getValue()) {
        List<Double> s = part.getValue();
        n += s.get(0);
        ok += s.get(1);
        weight += s.get(2);
        okWeight += s.get(3);
        if (!part.getKey().isEmpty()) {
          failures.merge(part.getKey(), Math.round(s.get(0)), Long::sum);
        }
      }
      String[] scope = e.getKey().split(SEP, -1);
      GenericRecord r = new GenericData.Record(Table.SUCCESS_RATE.schema());
      r.put("scope", scope[0]);
      r.put("target", scope[0].startsWith("target") ? scope[1] : null);
      r.put("policy", scope[0].equals("policy") ? scope[1] : scope[0].equals("target+policy") ? scope[2] : null);
      r.put("resolutions", Math.round(n));
      r.put("resolved", Math.round(ok));
      r.put("failed", Math.round(n - ok));
      r.put("success_rate", n == 0 ? 0.0 : ok / n);
      r.put("weighted_success_rate", weight == 0 ? null : okWeight / weight);
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
