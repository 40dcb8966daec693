package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.abistats.report.Tags.ArchGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;

/**
 * Section 4: architecture coverage. Heat maps from {@code by_platform} (family, libc/OS version x
 * architecture group) and projects per architecture from {@code project_latest}.
 */
final class ArchSection {
  private ArchSection() {}

  /** One by_platform row. */
  record Row(String platform, String family, Integer libcMajor, Integer libcMinor, Integer osMajor,
      Integer osMinor, String arch, long projects, long releases, long files) {
    ArchGroup group() {
      return Tags.archGroup(arch);
    }

    /** The row of the family's heat map: its libc or OS version (or the tag itself when it has neither). */
    String versionLabel() {
      if (libcMajor != null && libcMinor != null) {
        return family.equals("manylinux") ? "glibc " + Tags.glibcLabel(libcMajor + "." + libcMinor)
            : (family.equals("musllinux") ? "musl " : "") + libcMajor + "." + libcMinor;
      }
      if (osMajor != null) {
        return family.equals("android") ? "API " + osMajor
            : (family.equals("macosx") ? "macOS " : family.equals("ios") ? "iOS " : "") + osMajor
                + (osMinor == null ? "" : "." + osMinor);
      }
      return arch == null ? platform : "all";
    }

    long versionKey() {
      long a = libcMajor != null ? libcMajor : osMajor != null ? osMajor : 0;
      long b = libcMinor != null ? libcMinor : osMinor != null ? osMinor : 0;
      return a * 100_000 + b;
    }
  }

  static String render(List<GenericRecord> records, ProducerStats producers) {
    String lead = "Which architectures wheels are built for, per platform family. Architecture spellings are "
        + "grouped: x86-64 = x86_64, amd64 (Windows), intel (macOS); arm64 = aarch64 (Linux), arm64 (macOS, "
        + "Windows); x86 32-bit = i686, win32; fat = old macOS multi-architecture builds.";
    List<Row> rows = new ArrayList<>();
    for (GenericRecord r : records) {
      rows.add(new Row(ReportTables.text(r, "platform"), ReportTables.text(r, "platform_family"),
          ReportTables.integer(r, "libc_major"), ReportTables.integer(r, "libc_minor"),
          ReportTables.integer(r, "os_major"), ReportTables.integer(r, "os_minor"), ReportTables.str(r, "arch"),
          ReportTables.lng(r, "projects"), ReportTables.lng(r, "releases"), ReportTables.lng(r, "files")));
    }
    StringBuilder body = new StringBuilder();
    body.append(AbiReport.chartTitle("Releases per platform version and architecture",
        "Each cell: releases with a wheel for that platform tag (darker = more, log scale). A release is "
        + "distinct within a tag, so cells are not added up across versions; when one cell holds several "
        + "tags (legacy twins such as manylinux2014 and manylinux_2_17), it shows the largest. Hover for the tags."));
    if (rows.isEmpty()) {
      body.append(Charts.noData("by_platform"));
    } else {
      body.append(heatmaps(rows));
      body.append("<div class=\"numbers wide\">").append(platformTable(rows)).append("</div>\n");
    }
    body.append(projectArches(producers));
    return AbiReport.section("arch", "Architecture coverage", lead, body.toString());
  }

  private static String heatmaps(List<Row> rows) {
    Map<String, List<Row>> byFamily = new TreeMap<>(Tags.FAMILY_ORDER);
    long max = 1;
    for (Row r : rows) {
      byFamily.computeIfAbsent(r.family().isEmpty() ? "other" : r.family(), x -> new ArrayList<>()).add(r);
      max = Math.max(max, r.releases());
    }
    StringBuilder sb = new StringBuilder("<div class=\"flow\">\n");
    for (Map.Entry<String, List<Row>> e : byFamily.entrySet()) {
      sb.append("<div>").append(heatmap(e.getKey(), e.getValue(), max)).append("</div>\n");
    }
    return sb.append("</div>\n").toString();
  }

  /** A cell of a heat map: its tags. */
  private static final class Cell {
    final List<Row> rows = new ArrayList<>();

    long value() {
      long v = 0;
      for (Row r : rows) {
        v = Math.max(v, r.releases());
      }
      return v;
    }
  }

  private static final int MAX_ROWS = 28;

  static String heatmap(String family, List<Row> rows, long globalMax) {
    // rows of the map: versions (ascending), or tags for families without versions; at most MAX_ROWS
    Map<String, Long> rowKeys = new LinkedHashMap<>();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(Row::versionKey).thenComparing(Row::versionLabel));
    for (Row r : sorted) {
      rowKeys.merge(r.versionLabel(), r.releases(), Math::max);
    }
    List<String> rowLabels = new ArrayList<>(rowKeys.keySet());
    int hidden = 0;
    if (rowLabels.size() > MAX_ROWS) {
      List<String> top = new ArrayList<>(rowLabels);
      top.sort(Comparator.comparingLong((String k) -> -rowKeys.get(k)));
      TreeSet<String> keep = new TreeSet<>(top.subList(0, MAX_ROWS));
      hidden = rowLabels.size() - MAX_ROWS;
      rowLabels.removeIf(k -> !keep.contains(k));
    }
    TreeMap<ArchGroup, Map<String, Cell>> cols = new TreeMap<>(Tags.GROUP_ORDER);
    Map<ArchGroup, TreeSet<String>> spell = new TreeMap<>(Tags.GROUP_ORDER);
    for (Row r : sorted) {
      if (!rowLabels.contains(r.versionLabel())) {
        continue;
      }
      cols.computeIfAbsent(r.group(), x -> new LinkedHashMap<>())
          .computeIfAbsent(r.versionLabel(), x -> new Cell()).rows.add(r);
      if (r.arch() != null) {
        spell.computeIfAbsent(r.group(), x -> new TreeSet<>()).add(r.arch());
      }
    }
    double rowLabelW = 40;
    for (String l : rowLabels) {
      rowLabelW = Math.max(rowLabelW, Svg.textWidth(l, 12) + 12);
    }
    List<ArchGroup> groups = new ArrayList<>(cols.keySet());
    double[] colW = new double[groups.size()];
    List<String> aliasLines = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      ArchGroup g = groups.get(i);
      TreeSet<String> sp = spell.getOrDefault(g, new TreeSet<>());
      String alias = sp.size() == 1 && sp.first().equals(g.name()) ? "" : String.join(" \u00b7 ", sp);
      aliasLines.add(alias);
      colW[i] = Math.max(52, Math.max(Svg.textWidth(g.name(), 12) * 1.05 + 12, Svg.textWidth(alias, 10) + 10));
    }
    double headH = 46;
    double titleH = 22;
    double cellH = 22;
    double width = rowLabelW;
    for (double w : colW) {
      width += w;
    }
    width = Math.max(width, Svg.textWidth(Tags.familyTitle(family), 13) + 10);
    double height = titleH + headH + rowLabels.size() * cellH + (hidden > 0 ? 18 : 4);
    Svg s = new Svg();
    s.text(0, 15, Tags.familyTitle(family), "start", "hd");
    double x = rowLabelW;
    for (int i = 0; i < groups.size(); i++) {
      double cx = x + colW[i] / 2;
      s.text(cx, titleH + 22, groups.get(i).name(), "middle", "hd");
      if (!aliasLines.get(i).isEmpty()) {
        s.text(cx, titleH + 37, aliasLines.get(i), "middle", "sm");
      }
      x += colW[i];
    }
    double y = titleH + headH;
    double logMax = Math.log1p(globalMax);
    for (String label : rowLabels) {
      s.text(rowLabelW - 8, y + 15, label, "end", "cat");
      x = rowLabelW;
      for (int i = 0; i < groups.size(); i++) {
        Cell c = cols.get(groups.get(i)).get(label);
        if (c == null) {
          s.rect(x + 1, y + 1, colW[i] - 2, cellH - 2, "#f6f7f9", null);
        } else {
          long v = c.value();
          String fill = Charts.scale(Charts.BLUES, 0.1 + 0.9 * Math.log1p(v) / logMax);
          StringBuilder tip = new StringBuilder(Tags.familyTitle(family)).append(" \u00b7 ").append(label)
              .append(" \u00b7 ").append(groups.get(i).name());
          for (Row r : c.rows) {
            tip.append('\n').append(r.platform()).append(": ").append(Html.num(r.releases())).append(" releases, ")
                .append(Html.num(r.projects())).append(" projects, ").append(Html.num(r.files())).append(" files");
          }
          s.group(tip.toString());
          s.rect(x + 1, y + 1, colW[i] - 2, cellH - 2, fill, null);
          String color = Charts.textOn(fill);
          s.raw("<text x=\"" + Html.n(x + colW[i] / 2) + "\" y=\"" + Html.n(y + 15)
              + "\" text-anchor=\"middle\" style=\"fill:" + color + "\">" + Html.compact(v) + "</text>");
          s.endGroup();
        }
        x += colW[i];
      }
      y += cellH;
    }
    if (hidden > 0) {
      s.text(0, y + 14, hidden + " smaller versions not shown (see the table)", "start", "sm");
    }
    return s.toSvg(width, height, "Releases per version and architecture: " + family);
  }

  private static String platformTable(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Row::family, Tags.FAMILY_ORDER)
        .thenComparing(Comparator.comparingLong(Row::releases).reversed()).thenComparing(Row::platform));
    HtmlTable t = new HtmlTable("platform tag", "family", "version", "arch", "arch group", "projects", "releases",
        "files").numeric(5, 6, 7);
    String family = null;
    for (Row r : sorted) {
      t.groupRow(!r.family().equals(family), r.platform(), r.family(), r.versionLabel(), r.arch(), r.group().name(),
          r.projects(), r.releases(), r.files());
      family = r.family();
    }
    return t.html("by_platform: every platform tag, by family, most releases first");
  }

  static final Map<String, String> GROUP_COLORS = Map.ofEntries(
      Map.entry("x86-64", "#4e79a7"), Map.entry("arm64", "#f28e2b"), Map.entry("x86 32-bit", "#76b7b2"),
      Map.entry("universal2", "#e15759"), Map.entry("fat (old macOS)", "#bab0ac"),
      Map.entry("arm 32-bit", "#59a14f"), Map.entry("ppc64le", "#edc948"), Map.entry("s390x", "#b07aa1"),
      Map.entry("ppc64", "#ff9da7"), Map.entry("riscv64", "#9c755f"), Map.entry("loongarch64", "#8cd17d"));

  static String groupColor(String group) {
    return GROUP_COLORS.getOrDefault(group, "#8c8c8c");
  }

  private static String projectArches(ProducerStats p) {
    String title = AbiReport.chartTitle("Projects whose latest release has a wheel for each architecture",
        "From project_latest: binary projects (those with a platform-specific wheel), each counted once per "
        + "architecture group. Shares are of the " + Html.num(p.binary) + " binary projects.");
    if (p.arches.isEmpty()) {
      return title + Charts.noData(p.projects == 0 ? "project_latest" : "no architectures in project_latest");
    }
    long max = 0;
    for (long v : p.arches.values()) {
      max = Math.max(max, v);
    }
    List<Charts.HBar> bars = new ArrayList<>();
    HtmlTable t = new HtmlTable("arch group", "spellings", "projects", "share of binary").numeric(2, 3);
    for (Map.Entry<ArchGroup, Long> e : p.arches.entrySet()) {
      String name = e.getKey().name();
      String sp = String.join(", ", p.spellingsOf(name));
      String share = Html.pct(e.getValue(), p.binary);
      bars.add(new Charts.HBar(name, e.getValue(), groupColor(name), Html.num(e.getValue()) + " \u00b7 " + share,
          name + " (" + sp + "): " + Html.num(e.getValue()) + " projects, " + share + " of binary projects"));
      t.row(name, sp, e.getValue(), share);
    }
    return AbiReport.chartWithTable(title + Charts.hbars("Projects per architecture", bars, max, AbiReport.CHART_W),
        t.html(null));
  }
}
