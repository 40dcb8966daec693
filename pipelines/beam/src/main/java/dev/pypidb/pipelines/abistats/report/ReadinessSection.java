package dev.pypidb.pipelines.abistats.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;

/** Section 6: the readiness board, popular projects x targets (from {@code readiness}). */
final class ReadinessSection {
  private ReadinessSection() {}

  /** One readiness row. */
  record Cell(String name, int rank, Long downloads, String target, String version, String status, String via,
      String filename) {}

  /** How a cell is drawn and counted. */
  enum State {
    NATIVE("wheel", "#1a9850"),
    ABI3("wheel (abi3)", "#66bd63"),
    PURE("wheel (pure)", "#a6d96a"),
    SDIST("sdist only", "#fdae61"),
    NONE("nothing installable", "#d73027"),
    MISSING("not in the tables", "#bdbdbd"),
    UNKNOWN("other status", "#8073ac"),
    NO_ROW("no row", "#ffffff");

    final String label;
    final String color;

    State(String label, String color) {
      this.label = label;
      this.color = color;
    }

    boolean ready() {
      return this == NATIVE || this == ABI3 || this == PURE;
    }
  }

  static State state(Cell c) {
    if (c == null) {
      return State.NO_ROW;
    }
    String status = c.status() == null ? "" : c.status().toLowerCase(Locale.ROOT);
    String via = c.via() == null ? "" : c.via().toLowerCase(Locale.ROOT);
    return switch (status) {
      case "wheel" -> via.equals("abi3") ? State.ABI3 : via.equals("pure") ? State.PURE : State.NATIVE;
      case "sdist-only", "sdist_only", "sdist" -> State.SDIST;
      case "none" -> State.NONE;
      case "missing" -> State.MISSING;
      default -> State.UNKNOWN;
    };
  }

  static String render(List<GenericRecord> records) {
    String lead = "For each of the most downloaded projects (rows, by rank) and each target (columns): does the "
        + "newest release have a wheel the target installs? Green = a wheel (light with a dot = abi3, pale with "
        + "a bar = pure Python), amber = only an sdist would fit, red = nothing installable, grey = project not in "
        + "the tables. Hover a square for the version and file.";
    Map<String, Integer> rank = new HashMap<>();
    Map<String, Map<String, Cell>> cells = new HashMap<>();
    TreeSet<String> targets = new TreeSet<>(Tags.TARGET_ORDER);
    for (GenericRecord r : records) {
      Cell c = new Cell(ReportTables.text(r, "name"), ReportTables.integer(r, "rank") == null ? Integer.MAX_VALUE
          : ReportTables.integer(r, "rank"), ReportTables.nullableLong(r, "downloads"), ReportTables.text(r, "target"),
          ReportTables.str(r, "version"), ReportTables.text(r, "status"), ReportTables.str(r, "via"),
          ReportTables.str(r, "filename"));
      rank.merge(c.name(), c.rank(), Math::min);
      cells.computeIfAbsent(c.name(), x -> new HashMap<>()).put(c.target(), c);
      targets.add(c.target());
    }
    if (records.isEmpty()) {
      return AbiReport.section("readiness", "Readiness board", lead, Charts.noData("readiness"));
    }
    List<String> projects = new ArrayList<>(rank.keySet());
    projects.sort((a, b) -> rank.get(a).equals(rank.get(b)) ? a.compareTo(b) : Integer.compare(rank.get(a), rank.get(b)));
    List<String> cols = new ArrayList<>(targets);
    int n = projects.size();

    // per-target counts
    Map<String, Map<State, Long>> counts = new LinkedHashMap<>();
    for (String t : cols) {
      Map<State, Long> m = new TreeMap<>();
      for (String p : projects) {
        m.merge(state(cells.get(p).get(t)), 1L, Long::sum);
      }
      counts.put(t, m);
    }
    List<Svg.Key> legend = new ArrayList<>();
    TreeSet<State> used = new TreeSet<>();
    counts.values().forEach(m -> used.addAll(m.keySet()));
    for (State s : used) {
      legend.add(new Svg.Key(s.label, s == State.NO_ROW ? "#eeeeee" : s.color));
    }
    List<Charts.ShareRow> rows = new ArrayList<>();
    HtmlTable t = new HtmlTable("target", "ready", "share", "wheel", "abi3", "pure", "sdist only", "none", "missing")
        .numeric(2, 3, 4, 5, 6, 7, 8);
    for (String target : cols) {
      Map<State, Long> m = counts.get(target);
      long ready = m.getOrDefault(State.NATIVE, 0L) + m.getOrDefault(State.ABI3, 0L) + m.getOrDefault(State.PURE, 0L);
      List<Charts.Segment> segs = new ArrayList<>();
      for (Map.Entry<State, Long> e : m.entrySet()) {
        segs.add(new Charts.Segment(e.getKey() == State.NO_ROW ? "#eeeeee" : e.getKey().color, e.getValue(),
            target + ": " + e.getKey().label + " " + Html.num(e.getValue()) + " of " + Html.num(n)));
      }
      rows.add(new Charts.ShareRow(target, segs, summaryLine(ready, n)));
      t.row(target, Html.num(ready) + " of " + Html.num(n), Html.pct(ready, n), m.getOrDefault(State.NATIVE, 0L),
          m.getOrDefault(State.ABI3, 0L), m.getOrDefault(State.PURE, 0L), m.getOrDefault(State.SDIST, 0L),
          m.getOrDefault(State.NONE, 0L), m.getOrDefault(State.MISSING, 0L));
    }
    StringBuilder body = new StringBuilder();
    String chart = AbiReport.chartTitle("Ready per target",
        "Of the " + Html.num(n) + " projects on the board, how many have a wheel for the target.")
        + Charts.shareBars("Readiness per target", rows, legend, 1000);
    body.append(chart).append("<div class=\"numbers wide\">").append(t.html(null)).append("</div>\n");
    body.append(AbiReport.chartTitle("The board: " + Html.num(n) + " projects \u00d7 " + cols.size() + " targets", null));
    body.append("<div class=\"scroll-x\">").append(board(projects, cols, cells, rank)).append("</div>\n");
    return AbiReport.section("readiness", "Readiness board", lead, body.toString());
  }

  /** {@code 212 of 360 ready}. */
  static String summaryLine(long ready, long of) {
    return Html.num(ready) + " of " + Html.num(of) + " ready";
  }

  /** The grid: projects in columns of blocks (rank order, top to bottom), targets as small squares. */
  static String board(List<String> projects, List<String> targets, Map<String, Map<String, Cell>> cells,
      Map<String, Integer> rank) {
    int n = projects.size();
    int t = targets.size();
    double cell = n <= 40 ? 16 : n <= 120 ? 13 : 11;
    double pitch = cell + (n <= 40 ? 3 : 2);
    double font = n <= 40 ? 12 : 10;
    int maxName = 0;
    for (String p : projects) {
      maxName = Math.max(maxName, Math.min(24, (rank.get(p) + ". " + p).length()));
    }
    double labelW = maxName * font * Svg.CHAR_WIDTH + 10;
    double gap = 28;
    double blockW = labelW + t * pitch;
    double avail = AbiReport.FULL_W;
    int blocks = (int) Math.max(1, Math.min(Math.floor((avail + gap) / (blockW + gap)), Math.ceil(n / 40.0)));
    int perBlock = (int) Math.ceil(n / (double) blocks);
    double maxTarget = 0;
    for (String s : targets) {
      maxTarget = Math.max(maxTarget, Svg.textWidth(s, 10));
    }
    double legendH = 26;
    double headH = legendH + maxTarget + 12;
    double width = Math.max(blocks * blockW + (blocks - 1) * gap, 760);
    double height = headH + perBlock * pitch + 6;
    Svg s = new Svg();
    double lx = 0;
    for (State st : State.values()) {
      if (st == State.UNKNOWN) {
        continue;
      }
      square(s, lx, 4, 13, st);
      s.text(lx + 18, 15, st.label, "start", "lg");
      lx += 18 + Svg.textWidth(st.label, 12) + 16;
    }
    for (int b = 0; b < blocks; b++) {
      double bx = b * (blockW + gap);
      for (int j = 0; j < t; j++) {
        double cx = bx + labelW + j * pitch + cell / 2;
        s.rotatedText(cx + 3.5, headH - 6, -90, targets.get(j), "start", "nm");
      }
      for (int i = 0; i < perBlock; i++) {
        int k = b * perBlock + i;
        if (k >= n) {
          break;
        }
        String p = projects.get(k);
        double y = headH + i * pitch;
        String label = rank.get(p) + ". " + p;
        if (label.length() > 24) {
          label = label.substring(0, 23) + "\u2026";
        }
        s.group(rank.get(p) + ". " + p);
        s.raw("<text x=\"" + Html.n(bx + labelW - 6) + "\" y=\"" + Html.n(y + cell - 2)
            + "\" text-anchor=\"end\" style=\"font-size:" + Html.n(font) + "px\">" + Html.esc(label) + "</text>");
        s.endGroup();
        for (int j = 0; j < t; j++) {
          Cell c = cells.get(p).get(targets.get(j));
          State st = state(c);
          double x = bx + labelW + j * pitch;
          s.group(tooltip(p, rank.get(p), targets.get(j), c, st));
          square(s, x, y, cell, st);
          s.endGroup();
        }
      }
    }
    return s.toSvg(width, height, "Readiness board");
  }

  /** One square of the board: the state's colour, a dot for abi3, a bar for pure, an outline for no row. */
  private static void square(Svg s, double x, double y, double cell, State st) {
    if (st == State.NO_ROW) {
      s.raw("<rect x=\"" + Html.n(x + 0.5) + "\" y=\"" + Html.n(y + 0.5) + "\" width=\"" + Html.n(cell - 1)
          + "\" height=\"" + Html.n(cell - 1) + "\" fill=\"#ffffff\" stroke=\"#c4c9d0\"/>");
    } else {
      s.rect(x, y, cell, cell, st.color, null);
    }
    if (st == State.ABI3) {
      s.circle(x + cell / 2, y + cell / 2, cell * 0.2, "#ffffff");
    } else if (st == State.PURE) {
      s.raw("<rect x=\"" + Html.n(x + cell * 0.22) + "\" y=\"" + Html.n(y + cell * 0.42) + "\" width=\""
          + Html.n(cell * 0.56) + "\" height=\"" + Html.n(cell * 0.16) + "\" fill=\"#ffffff\" pointer-events=\"none\"/>");
    }
  }

  private static String tooltip(String project, int rank, String target, Cell c, State st) {
    StringBuilder sb = new StringBuilder().append(rank).append(". ").append(project).append(" \u00b7 ").append(target)
        .append('\n').append(st.label);
    if (c != null) {
      if (c.version() != null) {
        sb.append(" \u00b7 ").append(project).append(' ').append(c.version());
      }
      if (c.filename() != null) {
        sb.append('\n').append(c.filename());
      }
      if (c.downloads() != null) {
        sb.append('\n').append(Html.num(c.downloads())).append(" downloads");
      }
    }
    return sb.toString();
  }
}
