package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.abistats.report.Tags.AbiKind;
import dev.pypidb.pipelines.abistats.report.Tags.PyVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/** Section 2: which ABI the wheels of each CPython version carry (from {@code by_abi}). */
final class AbiSection {
  private AbiSection() {}

  /** One by_abi row. */
  record Row(String interpreter, String abi, long projects, long releases, long files) {}

  /** The rows of one ABI kind of one version: their releases added up, and the tags. */
  static final class Cell {
    long releases;
    long projects;
    long files;
    final List<Row> rows = new ArrayList<>();
  }

  static String render(List<GenericRecord> records) {
    String lead = "Releases with at least one wheel for each CPython version, split by the ABI tag those wheels "
        + "carry. Until 3.7 the default build was <code>cpXYm</code> (pymalloc); 3.8 dropped the <code>m</code> "
        + "flag, so from 3.8 on <code>cpXY</code> is the normal build. <code>abi3</code> counts stable-ABI wheels "
        + "tagged with that interpreter (their minimum version); <code>t</code> marks free-threaded builds.";
    List<Row> rows = new ArrayList<>();
    for (GenericRecord r : records) {
      rows.add(new Row(ReportTables.text(r, "interpreter"), ReportTables.text(r, "abi"),
          ReportTables.lng(r, "projects"), ReportTables.lng(r, "releases"), ReportTables.lng(r, "files")));
    }
    TreeMap<PyVersion, Map<AbiKind, Cell>> byVersion = new TreeMap<>();
    List<Row> others = new ArrayList<>();
    EnumSet<AbiKind> kinds = EnumSet.noneOf(AbiKind.class);
    for (Row r : rows) {
      PyVersion v = Tags.cpython(r.interpreter());
      if (v == null) {
        others.add(r);
        continue;
      }
      AbiKind k = Tags.abiKind(r.interpreter(), r.abi());
      kinds.add(k);
      Cell c = byVersion.computeIfAbsent(v, x -> new EnumMap<>(AbiKind.class)).computeIfAbsent(k, x -> new Cell());
      c.releases += r.releases();
      c.projects += r.projects();
      c.files += r.files();
      c.rows.add(r);
    }
    if (byVersion.isEmpty() && others.isEmpty()) {
      return AbiReport.section("abi", "ABI share per Python version", lead, Charts.noData("by_abi"));
    }
    StringBuilder body = new StringBuilder();
    if (byVersion.isEmpty()) {
      body.append(Charts.noData("no CPython interpreter tags (cpXY) in by_abi"));
    } else {
      List<Svg.Key> legend = new ArrayList<>();
      for (AbiKind k : kinds) {
        legend.add(new Svg.Key(k.legend(), k.color));
      }
      List<String> cats = new ArrayList<>();
      List<String> subs = new ArrayList<>();
      List<List<Charts.Bar>> bars = new ArrayList<>();
      List<Charts.ShareRow> shares = new ArrayList<>();
      for (Map.Entry<PyVersion, Map<AbiKind, Cell>> e : byVersion.entrySet()) {
        PyVersion v = e.getKey();
        cats.add(v.tag());
        subs.add(v.dotted());
        List<Charts.Bar> group = new ArrayList<>();
        List<Charts.Segment> segs = new ArrayList<>();
        long sum = 0;
        for (Map.Entry<AbiKind, Cell> c : e.getValue().entrySet()) {
          String tip = tooltip(v, c.getKey(), c.getValue());
          group.add(new Charts.Bar(c.getKey().color, c.getValue().releases, tip));
          segs.add(new Charts.Segment(c.getKey().color, c.getValue().releases, tip));
          sum += c.getValue().releases;
        }
        bars.add(group);
        shares.add(new Charts.ShareRow(v.tag() + " (" + v.dotted() + ")", segs, Html.num(sum)));
      }
      String bars1 = AbiReport.chartTitle("Releases per ABI kind, by CPython version",
          "Each bar: releases with at least one wheel of that interpreter and ABI. Hover a bar for the exact tags.")
          + Charts.groupedBars("Releases per ABI kind and CPython version", cats, subs, bars, legend, "releases",
              AbiReport.CHART_W, 300);
      body.append(AbiReport.chartWithTable(bars1, numbers(byVersion)));
      String share = AbiReport.chartTitle("The same, as shares of each version",
          "Each row adds up the version's release counts over its ABI kinds (a release with wheels of two kinds "
          + "counts in both); the number on the right is that sum.")
          + Charts.shareBars("Share of ABI kinds per CPython version", shares, legend, AbiReport.CHART_W);
      body.append(AbiReport.chartWithTable(share, otherTable(others)));
    }
    if (byVersion.isEmpty() && !others.isEmpty()) {
      body.append("<div class=\"numbers wide\">").append(otherTable(others)).append("</div>\n");
    }
    return AbiReport.section("abi", "ABI share per Python version", lead, body.toString());
  }

  private static String tooltip(PyVersion v, AbiKind k, Cell c) {
    StringBuilder sb = new StringBuilder(v.tag()).append(" \u00b7 ").append(k.legend()).append(": ")
        .append(Html.num(c.releases)).append(" releases");
    for (Row r : c.rows) {
      sb.append('\n').append(r.interpreter()).append('-').append(r.abi()).append(": ")
          .append(Html.num(r.releases())).append(" releases, ").append(Html.num(r.projects()))
          .append(" projects, ").append(Html.num(r.files())).append(" files");
    }
    return sb.toString();
  }

  private static String numbers(TreeMap<PyVersion, Map<AbiKind, Cell>> byVersion) {
    HtmlTable t = new HtmlTable("interpreter", "abi", "projects", "releases", "files").numeric(2, 3, 4);
    for (Map<AbiKind, Cell> kinds : byVersion.descendingMap().values()) {
      boolean first = true;
      for (Map.Entry<AbiKind, Cell> e : kinds.entrySet()) {
        List<Row> rs = new ArrayList<>(e.getValue().rows);
        rs.sort(Comparator.comparing(Row::abi));
        for (Row r : rs) {
          t.groupRow(first, r.interpreter(), r.abi(), r.projects(), r.releases(), r.files());
          first = false;
        }
      }
    }
    return t.html("CPython interpreter tags, newest first");
  }

  private static String otherTable(List<Row> others) {
    if (others.isEmpty()) {
      return Charts.noData("no other interpreter tags");
    }
    List<Row> top = new ArrayList<>(others);
    top.sort(Comparator.comparingLong(Row::releases).reversed().thenComparing(Row::interpreter)
        .thenComparing(Row::abi));
    int limit = 40;
    HtmlTable t = new HtmlTable("interpreter", "abi", "projects", "releases", "files").numeric(2, 3, 4);
    for (Row r : top.subList(0, Math.min(limit, top.size()))) {
      t.row(r.interpreter(), r.abi(), r.projects(), r.releases(), r.files());
    }
    String caption = top.size() > limit
        ? "Other interpreter tags (py3, pp310, \u2026): top " + limit + " of " + Html.num(top.size())
            + " by releases; all in by_abi.csv"
        : "Other interpreter tags (py3, pp310, \u2026)";
    return t.html(caption);
  }
}
