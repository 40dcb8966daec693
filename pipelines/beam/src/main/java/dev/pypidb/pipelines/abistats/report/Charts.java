package dev.pypidb.pipelines.abistats.report;

import static dev.pypidb.pipelines.abistats.report.Html.compact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/** The report's chart types, each rendered to one inline {@code <svg>}. */
final class Charts {
  private Charts() {}

  /** A placeholder for a chart or table without rows. */
  static String noData(String what) {
    return "<div class=\"nodata\">no data" + (what == null ? "" : ": " + Html.esc(what)) + "</div>";
  }

  // ---------------------------------------------------------------- colours

  static final String[] BLUES = {"#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6",
      "#2171b5", "#08519c", "#08306b"};
  static final String[] VIRIDIS = {"#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89",
      "#35b779", "#6ece58", "#b5de2b", "#fde725"};
  static final String[] ORANGES = {"#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#a63603",
      "#7f2704"};

  /** A colour at {@code t} in [0, 1] along a scale of stops. */
  static String scale(String[] stops, double t) {
    t = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
    double p = t * (stops.length - 1);
    int i = (int) Math.floor(p);
    if (i >= stops.length - 1) {
      return stops[stops.length - 1];
    }
    double f = p - i;
    int[] a = rgb(stops[i]);
    int[] b = rgb(stops[i + 1]);
    return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(a[0] + f * (b[0] - a[0])),
        Math.round(a[1] + f * (b[1] - a[1])), Math.round(a[2] + f * (b[2] - a[2])));
  }

  /** {@code n} ordered colours from a scale, between {@code from} and {@code to}. */
  static List<String> ramp(String[] stops, int n, double from, double to) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(scale(stops, n == 1 ? (from + to) / 2 : from + (to - from) * i / (n - 1)));
    }
    return out;
  }

  private static int[] rgb(String hex) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return new int[] {(v >> 16) & 255, (v >> 8) & 255, v & 255};
  }

  /** Dark or white text, whichever reads better on {@code fill}. */
  static String textOn(String fill) {
    int[] c = rgb(fill);
    double lum = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    return lum < 140 ? "#ffffff" : "#1d2330";
  }

  // ---------------------------------------------------------------- grouped vertical bars

  /** One bar of a group. */
  record Bar(String color, double value, String tooltip) {}

  /**
   * Vertical bars grouped by category: each category shows its bars side by side (only the ones
   * it has, centred), on a linear axis from zero.
   */
  static String groupedBars(String label, List<String> categories, List<String> subLabels,
      List<List<Bar>> bars, List<Svg.Key> legend, String yTitle, double width, double plotHeight) {
    double max = 0;
    int most = 1;
    for (List<Bar> g : bars) {
      most = Math.max(most, g.size());
      for (Bar b : g) {
        max = Math.max(max, b.value());
      }
    }
    List<Double> ticks = Svg.ticks(max, 5);
    double top = ticks.get(ticks.size() - 1);
    double tickW = 0;
    for (double t : ticks) {
      tickW = Math.max(tickW, Svg.textWidth(compact(t), 11));
    }
    double ml = 24 + tickW + 8;
    double mr = 10;
    double plotW = width - ml - mr;
    double legendH = Svg.legendHeight(width - 20, legend);
    double mt = legendH + 14;
    int n = Math.max(1, categories.size());
    double band = plotW / n;
    double labelW = 0;
    for (String c : categories) {
      labelW = Math.max(labelW, Svg.textWidth(c, 12));
    }
    boolean rotate = labelW > band - 4;
    boolean subs = subLabels != null && !rotate;
    double mb = rotate ? labelW * 0.72 + 18 : subs ? 36 : 22;
    double height = mt + plotHeight + mb;
    Svg s = new Svg();
    s.legend(10, 4, width - 20, legend);
    double y0 = mt + plotHeight;
    for (double t : ticks) {
      double y = y0 - plotHeight * t / top;
      s.line(ml, y, ml + plotW, y, t == 0 ? "axis" : "grid");
      s.text(ml - 6, y + 4, compact(t), "end", "tick");
    }
    s.rotatedText(14, mt + plotHeight / 2, -90, yTitle, "middle", "axt");
    double barW = Math.min(36, band * 0.86 / most);
    for (int i = 0; i < categories.size(); i++) {
      List<Bar> g = bars.get(i);
      double cx = ml + band * (i + 0.5);
      double x = cx - barW * g.size() / 2;
      for (Bar b : g) {
        double h = plotHeight * b.value() / top;
        if (b.value() > 0 && h < 1) {
          h = 1;
        }
        s.rect(x + 0.5, y0 - h, barW - 1, h, b.color(), b.tooltip());
        x += barW;
      }
      if (rotate) {
        s.rotatedText(cx + 4, y0 + 10, -45, categories.get(i), "end", "cat");
      } else {
        s.text(cx, y0 + 16, categories.get(i), "middle", "cat");
        if (subs && subLabels.get(i) != null) {
          s.text(cx, y0 + 30, subLabels.get(i), "middle", "tick");
        }
      }
    }
    return s.toSvg(width, height, label);
  }

  // ---------------------------------------------------------------- 100% stacked horizontal bars

  /** A part of a share bar. */
  record Segment(String color, double value, String tooltip) {}

  /** A row of a share chart: a label, its parts, and text right of the bar. */
  record ShareRow(String label, List<Segment> segments, String right) {}

  /** One horizontal bar per row, its parts as shares of the row's total (percent labels inside). */
  static String shareBars(String label, List<ShareRow> rows, List<Svg.Key> legend, double width) {
    double labelW = 0;
    double rightW = 0;
    for (ShareRow r : rows) {
      labelW = Math.max(labelW, Svg.textWidth(r.label(), 12));
      rightW = Math.max(rightW, Svg.textWidth(r.right(), 11));
    }
    double x0 = labelW + 14;
    double x1 = width - rightW - 14;
    double plotW = Math.max(50, x1 - x0);
    double legendH = Svg.legendHeight(width - 20, legend);
    double mt = legendH + 24;
    double rowH = 22;
    double height = mt + rows.size() * rowH + 8;
    Svg s = new Svg();
    s.legend(10, 4, width - 20, legend);
    for (int p = 0; p <= 100; p += 25) {
      double x = x0 + plotW * p / 100.0;
      s.line(x, mt - 4, x, mt + rows.size() * rowH, p == 0 ? "axis" : "grid");
      s.text(x, mt - 8, p + "%", "middle", "tick");
    }
    for (int i = 0; i < rows.size(); i++) {
      ShareRow r = rows.get(i);
      double y = mt + i * rowH + 3;
      s.text(x0 - 8, y + 12, r.label(), "end", "cat");
      double total = 0;
      for (Segment g : r.segments()) {
        total += Math.max(0, g.value());
      }
      double x = x0;
      for (Segment g : r.segments()) {
        if (total <= 0 || g.value() <= 0) {
          continue;
        }
        double w = plotW * g.value() / total;
        s.rect(x, y, w, 16, g.color(), g.tooltip());
        double share = g.value() / total;
        String pct = share >= 0.095 ? Math.round(share * 100) + "%" : String.format(Locale.ROOT, "%.1f%%", share * 100);
        if (w >= Svg.textWidth(pct, 10) + 6) {
          s.raw("<text x=\"" + Html.n(x + w / 2) + "\" y=\"" + Html.n(y + 12)
              + "\" text-anchor=\"middle\" class=\"in\" style=\"fill:" + textOn(g.color()) + "\">" + pct + "</text>");
        }
        x += w;
      }
      s.text(x0 + plotW + 8, y + 12, r.right(), "start", "tick");
    }
    return s.toSvg(width, height, label);
  }

  // ---------------------------------------------------------------- monthly stacked areas

  /** A series of a stacked area chart, one value per month. */
  record AreaSeries(String label, String color, double[] values) {}

  /**
   * Stacked areas over consecutive months (first series at the bottom); with {@code share} each
   * month is scaled to 100%. Each month has an invisible column whose tooltip lists its values.
   */
  static String stackedArea(String label, List<String> months, List<AreaSeries> series, boolean share,
      String yTitle, double width, double plotHeight) {
    int n = months.size();
    double[] totals = new double[n];
    for (AreaSeries a : series) {
      for (int i = 0; i < n; i++) {
        totals[i] += a.values()[i];
      }
    }
    double max = 0;
    for (double t : totals) {
      max = Math.max(max, t);
    }
    List<Double> ticks = share ? List.of(0.0, 0.25, 0.5, 0.75, 1.0) : Svg.ticks(max, 5);
    double top = ticks.get(ticks.size() - 1);
    DoubleFunction<String> tickLabel = share ? t -> Math.round(t * 100) + "%" : Html::compact;
    double tickW = 0;
    for (double t : ticks) {
      tickW = Math.max(tickW, Svg.textWidth(tickLabel.apply(t), 11));
    }
    List<Svg.Key> legend = new ArrayList<>();
    for (int k = series.size() - 1; k >= 0; k--) {
      legend.add(new Svg.Key(series.get(k).label(), series.get(k).color()));
    }
    double ml = 24 + tickW + 8;
    double mr = 16;
    double plotW = width - ml - mr;
    double legendH = Svg.legendHeight(width - 20, legend);
    double mt = legendH + 14;
    double mb = 26;
    double height = mt + plotHeight + mb;
    double y0 = mt + plotHeight;
    Svg s = new Svg();
    s.legend(10, 4, width - 20, legend);
    for (double t : ticks) {
      double y = y0 - plotHeight * t / top;
      s.line(ml, y, ml + plotW, y, t == 0 ? "axis" : "grid");
      s.text(ml - 6, y + 4, tickLabel.apply(t), "end", "tick");
    }
    s.rotatedText(14, mt + plotHeight / 2, -90, yTitle, "middle", "axt");
    // up to three years: one stacked column per month; longer: stacked areas through the months
    boolean columns = n <= 36;
    double step = columns ? plotW / Math.max(1, n) : plotW / (n - 1);
    DoubleUnaryOperator xAt = i -> columns ? ml + step * (i + 0.5) : ml + i * step;
    double barW = Math.min(48, step * 0.78);
    double[] base = new double[n];
    for (AreaSeries a : series) {
      double[] v = new double[n];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        double d = totals[i] > 0 && share ? totals[i] : 1;
        v[i] = a.values()[i] / d;
        any |= a.values()[i] > 0;
      }
      if (!any) {
        continue;
      }
      if (columns) {
        for (int i = 0; i < n; i++) {
          if (v[i] > 0) {
            double yb = y0 - plotHeight * base[i] / top;
            double yt = y0 - plotHeight * (base[i] + v[i]) / top;
            s.rect(xAt.applyAsDouble(i) - barW / 2, yt, barW, Math.max(yb - yt, 0.5), a.color(), null);
          }
        }
      } else {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          pts.add(new double[] {xAt.applyAsDouble(i), y0 - plotHeight * (base[i] + v[i]) / top});
        }
        for (int i = n - 1; i >= 0; i--) {
          pts.add(new double[] {xAt.applyAsDouble(i), y0 - plotHeight * base[i] / top});
        }
        s.polygon(pts, a.color(), a.label());
      }
      for (int i = 0; i < n; i++) {
        base[i] += v[i];
      }
    }
    // x axis: label every k-th month, k chosen so labels do not touch (years only from k = 12)
    int[] choices = {1, 2, 3, 6, 12, 24, 36, 60, 120};
    int k = choices[choices.length - 1];
    for (int c : choices) {
      double w = Svg.textWidth(c >= 12 ? "2020" : "2020-01", 11) + 10;
      if (c * step >= w) {
        k = c > 3 ? Math.max(12, c) : c;
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      String m = months.get(i);
      int monthIndex = monthNumber(m);
      boolean shown = k >= 12 ? monthIndex == 1 && yearOf(m) % (k / 12) == 0 : (monthIndex - 1) % k == 0;
      if (!shown && n > 1) {
        continue;
      }
      double x = xAt.applyAsDouble(i);
      s.line(x, y0, x, y0 + 4, "axis");
      s.text(x, y0 + 16, k >= 12 && n > 1 ? m.substring(0, Math.min(4, m.length())) : m, "middle", "tick");
    }
    // hover columns
    for (int i = 0; i < n; i++) {
      StringBuilder tip = new StringBuilder(months.get(i)).append(": ")
          .append(Html.num(Math.round(totals[i]))).append(" in all");
      for (int j = series.size() - 1; j >= 0; j--) {
        double v = series.get(j).values()[i];
        if (v > 0) {
          tip.append('\n').append(series.get(j).label()).append(": ").append(Html.num(Math.round(v)));
          if (share) {
            tip.append(" (").append(Html.pct(Math.round(v), Math.round(totals[i]))).append(')');
          }
        }
      }
      double x0 = Math.max(ml, xAt.applyAsDouble(i) - step / 2);
      double x1 = Math.min(ml + plotW, xAt.applyAsDouble(i) + step / 2);
      s.rect(x0, mt, x1 - x0, plotHeight, "transparent", tip.toString());
    }
    return s.toSvg(width, height, label);
  }

  static int monthNumber(String yyyyMm) {
    try {
      return Integer.parseInt(yyyyMm.substring(5, 7));
    } catch (RuntimeException e) {
      return 1;
    }
  }

  static int yearOf(String yyyyMm) {
    try {
      return Integer.parseInt(yyyyMm.substring(0, 4));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  // ---------------------------------------------------------------- horizontal bars

  /** One bar: label, value, colour, text right of the bar, tooltip. */
  record HBar(String label, double value, String color, String right, String tooltip) {}

  /** Labelled horizontal bars on a shared scale from 0 to {@code max}. */
  static String hbars(String label, List<HBar> bars, double max, double width) {
    double labelW = 0;
    double rightW = 0;
    for (HBar b : bars) {
      labelW = Math.max(labelW, Svg.textWidth(b.label(), 12));
      rightW = Math.max(rightW, Svg.textWidth(b.right(), 11));
    }
    double x0 = labelW + 14;
    double plotW = Math.max(60, width - x0 - rightW - 16);
    double rowH = 22;
    double height = bars.size() * rowH + 10;
    Svg s = new Svg();
    s.line(x0, 2, x0, bars.size() * rowH + 4, "axis");
    for (int i = 0; i < bars.size(); i++) {
      HBar b = bars.get(i);
      double y = 4 + i * rowH;
      double w = max > 0 ? plotW * b.value() / max : 0;
      if (b.value() > 0 && w < 1) {
        w = 1;
      }
      s.text(x0 - 8, y + 13, b.label(), "end", "cat");
      s.rect(x0, y + 2, w, 14, b.color(), b.tooltip());
      s.text(x0 + w + 6, y + 13, b.right(), "start", "tick");
    }
    return s.toSvg(width, height, label);
  }
}
