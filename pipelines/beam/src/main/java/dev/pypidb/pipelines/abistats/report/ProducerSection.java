package dev.pypidb.pipelines.abistats.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Section 5: what each project's latest release ships (from {@code project_latest}). */
final class ProducerSection {
  private ProducerSection() {}

  static final String BINARY = "#4e79a7";
  static final String PURE = "#59a14f";
  static final String OTHER = "#edc948";
  static final String NO_WHEELS = "#bab0ac";
  static final String MIN = "#4e79a7";
  static final String MAX = "#f28e2b";

  static String render(ProducerStats p) {
    String lead = "One row per project: its newest valid, non-yanked release that has files. Pure = all its wheels "
        + "are <code>*-none-any</code>; binary = it has a platform-specific wheel.";
    if (p.projects == 0) {
      return AbiReport.section("producers", "Producer metrics (latest releases)", lead,
          Charts.noData("project_latest"));
    }
    StringBuilder body = new StringBuilder();
    // what the latest releases ship
    List<Svg.Key> legend = List.of(new Svg.Key("binary wheels", BINARY), new Svg.Key("pure wheels only", PURE),
        new Svg.Key("other wheels", OTHER), new Svg.Key("no wheels (sdist only)", NO_WHEELS));
    List<Charts.ShareRow> rows = new ArrayList<>();
    rows.add(new Charts.ShareRow("all projects", List.of(
        seg(BINARY, p.binary, "binary wheels", p.projects), seg(PURE, p.pure, "pure wheels only", p.projects),
        seg(OTHER, p.otherWheels, "other wheels", p.projects),
        seg(NO_WHEELS, p.noWheels, "no wheels (sdist only)", p.projects)), Html.num(p.projects)));
    rows.add(new Charts.ShareRow("with wheels", List.of(
        seg(BINARY, p.binary, "binary wheels", p.withWheels), seg(PURE, p.pure, "pure wheels only", p.withWheels),
        seg(OTHER, p.otherWheels, "other wheels", p.withWheels)), Html.num(p.withWheels)));
    List<Charts.HBar> feats = new ArrayList<>();
    feats.add(feature("abi3 wheel", p.abi3Binary, p.binary, "#2ca02c"));
    feats.add(feature("free-threaded wheel", p.freeThreadedBinary, p.binary, "#d62728"));
    for (Map.Entry<String, Long> e : p.binaryFamilies.entrySet()) {
      if (!e.getKey().equals("any")) {
        feats.add(feature(Tags.familyTitle(e.getKey()) + " wheel", e.getValue(), p.binary, "#6b8fb8"));
      }
    }
    String chart = AbiReport.chartTitle("What the latest release ships", null)
        + Charts.shareBars("What the latest releases ship", rows, legend, AbiReport.CHART_W)
        + AbiReport.chartTitle("Among the " + Html.num(p.binary) + " binary projects",
            "Share of binary projects whose latest release has such a wheel.")
        + Charts.hbars("Features of binary projects", feats, Math.max(1, p.binary), AbiReport.CHART_W);
    HtmlTable t = new HtmlTable("projects whose latest release \u2026", "projects", "share").numeric(1, 2);
    t.row("(all)", p.projects, Html.pct(p.projects, p.projects));
    t.row("has a wheel", p.withWheels, Html.pct(p.withWheels, p.projects));
    t.row("\u2003has a binary wheel", p.binary, Html.pct(p.binary, p.projects));
    t.row("\u2003has pure wheels only", p.pure, Html.pct(p.pure, p.projects));
    t.row("\u2003has other wheels", p.otherWheels, Html.pct(p.otherWheels, p.projects));
    t.row("has no wheel", p.noWheels, Html.pct(p.noWheels, p.projects));
    t.row("has an sdist", p.hasSdist, Html.pct(p.hasSdist, p.projects));
    t.groupRow(true, "has an abi3 wheel", p.abi3, Html.pct(p.abi3, p.projects));
    t.row("has a free-threaded wheel", p.freeThreaded, Html.pct(p.freeThreaded, p.projects));
    t.groupRow(true, "binary, with abi3 (share of binary)", p.abi3Binary, Html.pct(p.abi3Binary, p.binary));
    t.row("binary, free-threaded (share of binary)", p.freeThreadedBinary, Html.pct(p.freeThreadedBinary, p.binary));
    for (Map.Entry<String, Long> e : p.binaryFamilies.entrySet()) {
      if (!e.getKey().equals("any")) {
        t.row("binary, " + e.getKey() + " (share of binary)", e.getValue(), Html.pct(e.getValue(), p.binary));
      }
    }
    body.append(AbiReport.chartWithTable(chart, t.html(null)));
    body.append(glibc(p));
    body.append(macos(p));
    return AbiReport.section("producers", "Producer metrics (latest releases)", lead, body.toString());
  }

  private static Charts.Segment seg(String color, long v, String what, long of) {
    return new Charts.Segment(color, v, what + ": " + Html.num(v) + " projects (" + Html.pct(v, of) + ")");
  }

  private static Charts.HBar feature(String label, long v, long of, String color) {
    String share = Html.pct(v, of);
    return new Charts.HBar(label, v, color, share + " \u00b7 " + Html.num(v),
        label + ": " + Html.num(v) + " of " + Html.num(of) + " binary projects (" + share + ")");
  }

  private static String glibc(ProducerStats p) {
    String title = AbiReport.chartTitle("glibc required and offered (manylinux)",
        "min_glibc: the oldest glibc the latest release supports (its lowest manylinux policy); max_glibc: the "
        + "newest policy it offers. Out of the " + Html.num(p.withGlibc) + " projects with manylinux wheels.");
    TreeSet<String> versions = new TreeSet<>(Tags.VERSION_ORDER);
    versions.addAll(p.minGlibc.keySet());
    versions.addAll(p.maxGlibc.keySet());
    if (versions.isEmpty()) {
      return title + Charts.noData("no manylinux wheels in project_latest");
    }
    List<String> cats = new ArrayList<>();
    List<String> subs = new ArrayList<>();
    List<List<Charts.Bar>> bars = new ArrayList<>();
    HtmlTable t = new HtmlTable("glibc", "min_glibc", "installable", "max_glibc")
        .numeric(1, 2, 3);
    long cumulative = 0;
    for (String v : versions) {
      int[] parsed = Tags.version(v);
      cats.add(parsed == null ? v : parsed[0] + "." + parsed[1]);
      String label = Tags.glibcLabel(v);
      int paren = label.indexOf('(');
      subs.add(paren < 0 ? "" : label.substring(paren + 1, label.length() - 1));
      long lo = p.minGlibc.getOrDefault(v, 0L);
      long hi = p.maxGlibc.getOrDefault(v, 0L);
      cumulative += lo;
      bars.add(List.of(
          new Charts.Bar(MIN, lo, "min_glibc " + label + ": " + Html.num(lo) + " projects (" + Html.pct(lo, p.withGlibc) + ")"),
          new Charts.Bar(MAX, hi, "max_glibc " + label + ": " + Html.num(hi) + " projects (" + Html.pct(hi, p.withGlibc) + ")")));
      t.row(label, lo, Html.pct(cumulative, p.withGlibc), hi);
    }
    List<Svg.Key> legend = List.of(new Svg.Key("min_glibc (oldest supported)", MIN),
        new Svg.Key("max_glibc (newest offered)", MAX));
    String chart = title + Charts.groupedBars("Projects by min_glibc and max_glibc", cats, subs, bars, legend,
        "projects", AbiReport.CHART_W, 240);
    StringBuilder tables = new StringBuilder(t.html(
        "Projects; \u201cinstallable\u201d = share whose min_glibc is at most this version"));
    if (!p.minMusl.isEmpty() || !p.maxMusl.isEmpty()) {
      TreeSet<String> mv = new TreeSet<>(Tags.VERSION_ORDER);
      mv.addAll(p.minMusl.keySet());
      mv.addAll(p.maxMusl.keySet());
      HtmlTable m = new HtmlTable("musl", "min_musl", "max_musl").numeric(1, 2);
      for (String v : mv) {
        m.row(v, p.minMusl.getOrDefault(v, 0L), p.maxMusl.getOrDefault(v, 0L));
      }
      tables.append(m.html("musllinux: " + Html.num(p.withMusl) + " projects"));
    }
    return AbiReport.chartWithTable(chart, tables.toString());
  }

  private static String macos(ProducerStats p) {
    String title = AbiReport.chartTitle("Oldest macOS supported (min_macos)",
        "The lowest macOS version a wheel of the latest release targets, out of the " + Html.num(p.withMacos)
        + " projects with macOS wheels.");
    if (p.minMacos.isEmpty()) {
      return title + Charts.noData("no macOS wheels in project_latest");
    }
    List<String> cats = new ArrayList<>();
    List<List<Charts.Bar>> bars = new ArrayList<>();
    HtmlTable t = new HtmlTable("min_macos", "projects", "share").numeric(1, 2);
    for (Map.Entry<String, Long> e : p.minMacos.entrySet()) {
      cats.add(e.getKey());
      String share = Html.pct(e.getValue(), p.withMacos);
      bars.add(List.of(new Charts.Bar("#8c6bb1", e.getValue(),
          "min_macos " + e.getKey() + ": " + Html.num(e.getValue()) + " projects (" + share + ")")));
      t.row(e.getKey(), e.getValue(), share);
    }
    return AbiReport.chartWithTable(title + Charts.groupedBars("Projects by min_macos", cats, null, bars, List.of(),
        "projects", AbiReport.CHART_W, 200), t.html(null));
  }
}
