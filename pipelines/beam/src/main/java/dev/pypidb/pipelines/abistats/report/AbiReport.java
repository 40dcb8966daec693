package dev.pypidb.pipelines.abistats.report;

import static dev.pypidb.pipelines.abistats.report.Html.esc;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.ParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;

/**
 * The abi-stats report: reads the Parquet tables under {@code <out>/abi_stats/<table>/} and writes
 * a self-contained {@code <out>/report/index.html} (inline SVG charts, each with its numbers in a
 * table beside it; no scripts, fonts or links outside the page) and {@code <out>/report/csv/<table>.csv}.
 */
public final class AbiReport {
  private AbiReport() {}

  /** Page width the charts are laid out for (fits a 1280 px window). */
  static final double CHART_W = 760;
  static final double FULL_W = 1200;

  /** Writes the report for {@code outputRoot} (any store); returns where {@code report/index.html} is. */
  public static String write(String outputRoot) {
    try {
      return writeReport(outputRoot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code AbiReport OUTPUT_DIR}: writes the report of an abi-stats output directory. */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: AbiReport OUTPUT_DIR");
      System.exit(2);
    }
    System.out.println(write(args[0]));
  }

  private static String writeReport(String outputRoot) throws IOException {
    String abiStats = Storage.resolve(outputRoot, "abi_stats");
    String reportDir = Storage.resolve(outputRoot, "report");
    String csvDir = Storage.resolve(reportDir, "csv");
    for (String name : Storage.childNames(csvDir)) { // CSVs of an earlier run
      if (name.endsWith(".csv")) {
        Storage.delete(Storage.resolve(csvDir, name));
      }
    }

    Map<String, List<GenericRecord>> tables = new LinkedHashMap<>();
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    ProducerStats producers = new ProducerStats();
    for (String t : ReportTables.tableNames(outputRoot)) {
      String table = "abi_stats/" + t;
      long[] count = {0};
      try (Csv csv = new Csv(Storage.resolve(csvDir, t + ".csv"), ReportTables.schema(t))) {
        if (t.equals(ReportTables.PROJECT_LATEST) || !ReportTables.KNOWN.contains(t)) {
          // possibly large: streamed, never held in memory
          boolean latest = t.equals(ReportTables.PROJECT_LATEST);
          ParquetFiles.scanTable(outputRoot, table, r -> {
            count[0]++;
            if (latest) {
              producers.add(r);
            }
            csv.accept(r);
          });
        } else {
          List<GenericRecord> rows = new ArrayList<>(ParquetFiles.readTable(outputRoot, table));
          rows.sort(csvOrder(t));
          rows.forEach(csv);
          count[0] = rows.size();
          tables.put(t, rows);
        }
      }
      rowCounts.put(t, count[0]);
    }

    String html = page(tables, producers, rowCounts);
    String index = Storage.resolve(reportDir, "index.html");
    Storage.writeString(index, html);
    return index;
  }

  /** Row order of the small tables' CSVs (by their natural key); summary keeps its own order. */
  private static Comparator<GenericRecord> csvOrder(String table) {
    return switch (table) {
      case ReportTables.BY_ABI -> Comparator.comparing((GenericRecord r) -> ReportTables.text(r, "interpreter"))
          .thenComparing(r -> ReportTables.text(r, "abi"));
      case ReportTables.BY_MONTH -> Comparator.comparing((GenericRecord r) -> ReportTables.text(r, "month"))
          .thenComparing(r -> ReportTables.text(r, "platform_family"))
          .thenComparing(r -> ReportTables.text(r, "policy"));
      case ReportTables.BY_PLATFORM -> Comparator.comparing((GenericRecord r) -> ReportTables.text(r, "platform"));
      case ReportTables.READINESS -> Comparator.comparingLong((GenericRecord r) -> ReportTables.lng(r, "rank"))
          .thenComparing(r -> ReportTables.text(r, "name"))
          .thenComparing(r -> ReportTables.text(r, "target"));
      default -> (a, b) -> 0;
    };
  }

  // ---------------------------------------------------------------- the page

  private static String page(Map<String, List<GenericRecord>> t, ProducerStats producers,
      Map<String, Long> rowCounts) {
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>PyPI wheels: ABIs, platforms and readiness</title>\n<style>\n").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    sb.append(header(t.getOrDefault(ReportTables.SUMMARY, List.of())));
    sb.append(AbiSection.render(t.getOrDefault(ReportTables.BY_ABI, List.of())));
    sb.append(PolicySection.render(t.getOrDefault(ReportTables.BY_MONTH, List.of())));
    sb.append(ArchSection.render(t.getOrDefault(ReportTables.BY_PLATFORM, List.of()), producers));
    sb.append(ProducerSection.render(producers));
    sb.append(ReadinessSection.render(t.getOrDefault(ReportTables.READINESS, List.of())));
    sb.append(footer(rowCounts));
    sb.append("</main>\n</body>\n</html>\n");
    return sb.toString();
  }

  /** Summary metrics shown first, in this order; the others follow in the table's order. */
  private static final List<String> FIRST_METRICS = List.of("projects", "releases", "releases_with_wheels",
      "files", "wheel_files", "sdist_files", "wheel_files_with_upload_time", "invalid_wheel_filenames_excluded",
      "invalid_wheel_filenames");

  private static final Pattern TIME_METRIC = Pattern.compile(".*(time|epoch|timestamp|_at|date).*");

  private static String header(List<GenericRecord> summary) {
    StringBuilder sb = new StringBuilder();
    sb.append("<header>\n<h1>PyPI wheels: ABIs, platforms and readiness</h1>\n")
        .append("<p class=\"sub\">What the wheels on PyPI are built for \u2013 from the pypidb abi-stats tables.</p>\n");
    List<GenericRecord> ordered = new ArrayList<>();
    for (String m : FIRST_METRICS) {
      for (GenericRecord r : summary) {
        if (m.equals(ReportTables.str(r, "metric"))) {
          ordered.add(r);
        }
      }
    }
    for (GenericRecord r : summary) {
      if (!FIRST_METRICS.contains(ReportTables.text(r, "metric"))) {
        ordered.add(r);
      }
    }
    if (ordered.isEmpty()) {
      sb.append(Charts.noData("summary"));
    } else {
      sb.append("<div class=\"cards\">\n");
      for (GenericRecord r : ordered) {
        String metric = ReportTables.text(r, "metric");
        long v = ReportTables.lng(r, "value");
        sb.append("<div class=\"card\"><div class=\"v\">").append(esc(metricValue(metric, v)))
            .append("</div><div class=\"k\">").append(esc(metric.replace('_', ' '))).append("</div></div>\n");
      }
      sb.append("</div>\n");
    }
    sb.append("<p class=\"rules\"><b>How things are counted.</b> A release counts for an ABI, platform or policy "
        + "when any of its wheels carries it, so one release can count under several. Compressed tag sets "
        + "(<code>cp38-cp38-manylinux_2_17_x86_64.manylinux2014_x86_64</code>) are expanded and count once per "
        + "distinct value. Wheels whose filename does not parse are left out everywhere and counted separately "
        + "(invalid wheel filenames). Monthly numbers use each file\u2019s upload time, where it is known.</p>\n");
    sb.append("<nav><a href=\"#abi\">ABI per Python version</a> \u00b7 <a href=\"#manylinux\">manylinux over time</a>"
        + " \u00b7 <a href=\"#arch\">architectures</a> \u00b7 <a href=\"#producers\">latest releases</a>"
        + " \u00b7 <a href=\"#readiness\">readiness board</a> \u00b7 <a href=\"#csv\">CSV</a></nav>\n");
    sb.append("</header>\n");
    return sb.toString();
  }

  /** A summary value; metrics named like a time are shown as a UTC date when they look like one. */
  static String metricValue(String metric, long v) {
    if (TIME_METRIC.matcher(metric).matches() && v > 100_000_000L) {
      long millis = v > 100_000_000_000_000L ? v / 1000 : v > 100_000_000_000L ? v : v * 1000;
      return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
          .format(Instant.ofEpochMilli(millis));
    }
    return Html.num(v);
  }

  private static String footer(Map<String, Long> rowCounts) {
    StringBuilder sb = new StringBuilder();
    sb.append("<section id=\"csv\">\n<h2>The tables as CSV</h2>\n<p class=\"lead\">Every table of this report, "
        + "every row: RFC 4180, header row, arrays joined with <code>;</code>.</p>\n<ul class=\"csv\">\n");
    for (Map.Entry<String, Long> e : rowCounts.entrySet()) {
      sb.append("<li><a href=\"csv/").append(esc(e.getKey())).append(".csv\">").append(esc(e.getKey()))
          .append(".csv</a> \u2013 ").append(Html.num(e.getValue())).append(e.getValue() == 1 ? " row" : " rows")
          .append("</li>\n");
    }
    sb.append("</ul>\n</section>\n");
    return sb.toString();
  }

  /** One section: heading, a lead paragraph (markup) and its body. */
  static String section(String id, String title, String leadHtml, String body) {
    return "<section id=\"" + id + "\">\n<h2>" + esc(title) + "</h2>\n"
        + (leadHtml == null ? "" : "<p class=\"lead\">" + leadHtml + "</p>\n") + body + "</section>\n";
  }

  /** A chart with its numbers table beside it. */
  static String chartWithTable(String chartHtml, String tableHtml) {
    return "<div class=\"row\">\n<div class=\"chart\">" + chartHtml + "</div>\n<div class=\"numbers\">" + tableHtml
        + "</div>\n</div>\n";
  }

  /** A chart title (h3) and an optional note under it. */
  static String chartTitle(String title, String note) {
    return "<h3>" + esc(title) + "</h3>" + (note == null ? "" : "<p class=\"note\">" + esc(note) + "</p>");
  }

  static final String CSS = """
      :root{--fg:#1d2330;--muted:#5b6472;--line:#d9dee6;--card:#f5f7fa}
      *{box-sizing:border-box}
      body{margin:0;background:#fff;color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Helvetica Neue",Arial,sans-serif}
      main{max-width:1240px;margin:0 auto;padding:20px 20px 48px}
      h1{font-size:26px;margin:0 0 2px}
      h2{font-size:21px;margin:36px 0 4px;padding-top:14px;border-top:2px solid var(--line)}
      h3{font-size:15px;margin:18px 0 2px}
      p{margin:4px 0 10px}
      .sub{color:var(--muted);margin-top:0}
      .lead,.note,.rules{color:var(--muted);max-width:1000px}
      .note{font-size:12px;margin:0 0 6px}
      .rules{font-size:13px}
      code{font-size:12px;background:#f0f2f5;padding:0 3px;border-radius:3px}
      nav{font-size:13px;margin:8px 0}
      a{color:#1f5fa8}
      .cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
      .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:150px}
      .card .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
      .card .k{color:var(--muted);font-size:12px}
      .row{display:flex;gap:20px;align-items:flex-start;margin:6px 0 14px}
      .chart{flex:0 1 760px;min-width:0}
      .numbers{flex:1 1 300px;min-width:260px;max-height:640px;overflow:auto;border:1px solid var(--line);border-radius:6px}
      .numbers.wide{max-height:420px;margin:6px 0 14px}
      .numbers.wide th{white-space:normal;vertical-align:bottom}
      .flow{display:flex;flex-wrap:wrap;gap:18px 28px;align-items:flex-start}
      .scroll-x{overflow-x:auto}
      table{border-collapse:collapse;font-size:12px;width:100%}
      caption{text-align:left;font-weight:600;padding:6px 8px;font-size:12px;color:var(--muted)}
      th,td{padding:2px 7px;border-bottom:1px solid #eef0f3;text-align:left;white-space:nowrap}
      th{position:sticky;top:0;background:#eef2f7;font-weight:600;z-index:1}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      tr.sep td{border-top:1px solid #aeb6c2}
      .nodata{border:1px dashed #b8c0cc;border-radius:6px;color:var(--muted);padding:22px;text-align:center;margin:8px 0;max-width:800px}
      svg{display:block;max-width:100%;height:auto;overflow:visible}
      .scroll-x svg{max-width:none}
      svg text{font-size:11px;fill:#2b3240}
      svg text.cat{font-size:12px}
      svg text.lg{font-size:12px}
      svg text.tick{fill:#4a5260}
      svg text.axt{font-size:12px;fill:#4a5260}
      svg text.hd{font-size:12px;font-weight:600}
      svg text.sm{font-size:10px;fill:#5b6472}
      svg text.in{font-size:10px}
      svg text.nm{font-size:10px}
      svg line.axis{stroke:#6b7280;stroke-width:1}
      svg line.grid{stroke:#e3e7ec;stroke-width:1}
      ul.csv{columns:3;font-size:13px}
      """;
}
