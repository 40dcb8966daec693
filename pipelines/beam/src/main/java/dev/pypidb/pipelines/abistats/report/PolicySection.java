package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.abistats.report.Tags.Policy;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/** Section 3: manylinux and musllinux wheel files per month and policy (from {@code by_month}). */
final class PolicySection {
  private PolicySection() {}

  static String render(List<GenericRecord> records) {
    String lead = "Wheel files uploaded each month, by the libc policy their platform tag names. The legacy names are "
        + "the same policies as their PEP 600 twins: manylinux1 = glibc 2.5, manylinux2010 = 2.12, "
        + "manylinux2014 = 2.17. A file tagged for several policies counts under each.";
    // policy -> month -> files
    TreeMap<Policy, TreeMap<YearMonth, Long>> files = new TreeMap<>();
    YearMonth first = null;
    YearMonth last = null;
    for (GenericRecord r : records) {
      Policy p = Tags.policy(ReportTables.str(r, "policy"));
      if (p == null) {
        continue;
      }
      YearMonth m;
      try {
        m = YearMonth.parse(ReportTables.text(r, "month"));
      } catch (DateTimeParseException e) {
        continue;
      }
      if (m.getYear() < 2000 || m.getYear() > 2200) {
        continue; // not a real upload month; keeps the axis sane
      }
      files.computeIfAbsent(p, x -> new TreeMap<>()).merge(m, ReportTables.lng(r, "files"), Long::sum);
      first = first == null || m.isBefore(first) ? m : first;
      last = last == null || m.isAfter(last) ? m : last;
    }
    if (files.isEmpty()) {
      return AbiReport.section("manylinux", "manylinux policy over time", lead,
          Charts.noData(records.isEmpty() ? "by_month" : "no manylinux or musllinux rows in by_month"));
    }
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    List<String> monthLabels = months.stream().map(YearMonth::toString).toList();
    List<Policy> many = new ArrayList<>();
    List<Policy> musl = new ArrayList<>();
    for (Policy p : files.keySet()) {
      (p.family().equals("manylinux") ? many : musl).add(p);
    }
    Map<Policy, String> colors = new TreeMap<>();
    List<String> manyColors = Charts.ramp(Charts.VIRIDIS, many.size(), 0.0, 0.88);
    for (int i = 0; i < many.size(); i++) {
      colors.put(many.get(i), manyColors.get(i));
    }
    List<String> muslColors = Charts.ramp(Charts.ORANGES, musl.size(), 0.25, 1.0);
    for (int i = 0; i < musl.size(); i++) {
      colors.put(musl.get(i), muslColors.get(i));
    }
    StringBuilder body = new StringBuilder();
    if (many.isEmpty()) {
      body.append(AbiReport.chartTitle("manylinux wheel files per month", null)).append(Charts.noData("no manylinux rows"));
    } else {
      List<Charts.AreaSeries> series = series(many, files, months, colors);
      body.append(AbiReport.chartTitle("manylinux wheel files per month, by policy",
          "Stacked: the top edge is all manylinux wheel files of the month. Hover for the month's numbers."));
      body.append(Charts.stackedArea("manylinux wheel files per month by policy", monthLabels, series, false,
          "wheel files per month", AbiReport.FULL_W, 280));
      body.append(AbiReport.chartTitle("manylinux policies as shares of each month",
          "The same numbers scaled to 100% per month: how fast uploads move to newer glibc baselines."));
      body.append(Charts.stackedArea("manylinux policy share per month", monthLabels, series, true,
          "share of the month's files", AbiReport.FULL_W, 220));
    }
    if (musl.isEmpty()) {
      body.append(AbiReport.chartTitle("musllinux wheel files per month", null)).append(Charts.noData("no musllinux rows"));
    } else {
      body.append(AbiReport.chartTitle("musllinux wheel files per month, by policy", null));
      body.append(Charts.stackedArea("musllinux wheel files per month by policy", monthLabels,
          series(musl, files, months, colors), false, "wheel files per month", AbiReport.FULL_W, 180));
    }
    // numbers: months x policies, newest month first
    List<Policy> all = new ArrayList<>(many);
    all.addAll(musl);
    String[] head = new String[all.size() + 2];
    head[0] = "month";
    int[] numeric = new int[all.size() + 1];
    for (int i = 0; i < all.size(); i++) {
      head[i + 1] = all.get(i).label().replace("_", "_\u200b"); // may wrap after an underscore
      numeric[i] = i + 1;
    }
    head[all.size() + 1] = "all";
    numeric[all.size()] = all.size() + 1;
    HtmlTable t = new HtmlTable(head).numeric(numeric);
    for (int i = months.size() - 1; i >= 0; i--) {
      YearMonth m = months.get(i);
      Object[] cells = new Object[all.size() + 2];
      cells[0] = m.toString();
      long sum = 0;
      for (int j = 0; j < all.size(); j++) {
        long v = files.get(all.get(j)).getOrDefault(m, 0L);
        cells[j + 1] = v;
        sum += v;
      }
      cells[all.size() + 1] = sum;
      t.groupRow(m.getMonthValue() == 12, cells);
    }
    body.append("<div class=\"numbers wide\">")
        .append(t.html("Wheel files per month and policy (newest first; \u201call\u201d adds the columns)"))
        .append("</div>\n");
    return AbiReport.section("manylinux", "manylinux policy over time", lead, body.toString());
  }

  private static List<Charts.AreaSeries> series(List<Policy> policies, Map<Policy, TreeMap<YearMonth, Long>> files,
      List<YearMonth> months, Map<Policy, String> colors) {
    List<Charts.AreaSeries> out = new ArrayList<>();
    for (Policy p : policies) {
      double[] v = new double[months.size()];
      Map<YearMonth, Long> m = files.get(p);
      for (int i = 0; i < months.size(); i++) {
        v[i] = m.getOrDefault(months.get(i), 0L);
      }
      out.add(new Charts.AreaSeries(p.label(), colors.get(p), v));
    }
    return out;
  }
}
