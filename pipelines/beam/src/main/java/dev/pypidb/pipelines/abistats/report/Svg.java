package dev.pypidb.pipelines.abistats.report;

import static dev.pypidb.pipelines.abistats.report.Html.esc;
import static dev.pypidb.pipelines.abistats.report.Html.n;

import java.util.ArrayList;
import java.util.List;

/** A small inline-SVG builder: shapes, text, tooltips ({@code <title>}), legends and axes. */
final class Svg {
  /** Average glyph width as a fraction of the font size (sans-serif), for layout estimates. */
  static final double CHAR_WIDTH = 0.6;

  private final StringBuilder sb = new StringBuilder();

  static double textWidth(String s, double fontSize) {
    return (s == null ? 0 : s.length()) * fontSize * CHAR_WIDTH;
  }

  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
        .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h)))
        .append("\" fill=\"").append(fill).append('"');
    return close("rect", tooltip);
  }

  Svg line(double x1, double y1, double x2, double y2, String cls) {
    sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
        .append(n(x2)).append("\" y2=\"").append(n(y2)).append("\" class=\"").append(cls).append("\"/>");
    return this;
  }

  Svg polygon(List<double[]> points, String fill, String tooltip) {
    sb.append("<polygon points=\"");
    for (double[] p : points) {
      sb.append(n(p[0])).append(',').append(n(p[1])).append(' ');
    }
    sb.append("\" fill=\"").append(fill).append('"');
    return close("polygon", tooltip);
  }

  Svg circle(double cx, double cy, double r, String fill) {
    sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"")
        .append(n(r)).append("\" fill=\"").append(fill).append("\" pointer-events=\"none\"/>");
    return this;
  }

  /** Text; {@code cls} is a CSS class list (may be null), anchor start/middle/end. */
  Svg text(double x, double y, String text, String anchor, String cls) {
    sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"');
    if (anchor != null && !anchor.equals("start")) {
      sb.append(" text-anchor=\"").append(anchor).append('"');
    }
    if (cls != null) {
      sb.append(" class=\"").append(cls).append('"');
    }
    sb.append('>').append(esc(text)).append("</text>");
    return this;
  }

  /** Text rotated by {@code degrees} around its anchor point. */
  Svg rotatedText(double x, double y, double degrees, String text, String anchor, String cls) {
    sb.append("<text transform=\"translate(").append(n(x)).append(',').append(n(y))
        .append(") rotate(").append(n(degrees)).append(")\"");
    if (anchor != null && !anchor.equals("start")) {
      sb.append(" text-anchor=\"").append(anchor).append('"');
    }
    if (cls != null) {
      sb.append(" class=\"").append(cls).append('"');
    }
    sb.append('>').append(esc(text)).append("</text>");
    return this;
  }

  /** Opens a group carrying a tooltip; close with {@link #endGroup()}. */
  Svg group(String tooltip) {
    sb.append("<g>");
    if (tooltip != null) {
      sb.append("<title>").append(esc(tooltip)).append("</title>");
    }
    return this;
  }

  Svg endGroup() {
    sb.append("</g>");
    return this;
  }

  Svg raw(String markup) {
    sb.append(markup);
    return this;
  }

  private Svg close(String tag, String tooltip) {
    if (tooltip == null) {
      sb.append("/>");
    } else {
      sb.append("><title>").append(esc(tooltip)).append("</title></").append(tag).append('>');
    }
    return this;
  }

  /** One legend entry. */
  record Key(String label, String color) {}

  /**
   * A legend laid out left to right, wrapping at {@code width}; returns the height it took.
   */
  double legend(double x, double y, double width, List<Key> keys) {
    double cx = x;
    double cy = y;
    double row = 18;
    for (Key k : keys) {
      double w = 16 + textWidth(k.label(), 12) + 18;
      if (cx > x && cx + w > x + width) {
        cx = x;
        cy += row;
      }
      rect(cx, cy + 2, 11, 11, k.color(), null);
      text(cx + 16, cy + 12, k.label(), "start", "lg");
      cx += w;
    }
    return keys.isEmpty() ? 0 : cy - y + row;
  }

  /** Height {@link #legend} would take. */
  static double legendHeight(double width, List<Key> keys) {
    return new Svg().legend(0, 0, width, keys);
  }

  /** Round tick values from 0 to at least {@code max}: steps of 1, 2, 2.5 or 5 times a power of ten. */
  static List<Double> ticks(double max, int target) {
    if (!(max > 0)) {
      max = 1;
    }
    double raw = max / Math.max(1, target);
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = mag;
    for (double s : new double[] {1, 2, 2.5, 5, 10}) {
      if (s * mag >= raw) {
        step = s * mag;
        break;
      }
    }
    step = Math.max(step, 1);
    List<Double> out = new ArrayList<>();
    double top = Math.ceil(max / step - 1e-9) * step;
    for (int i = 0; i * step <= top + 1e-9; i++) {
      out.add(i * step);
    }
    return out;
  }

  /** The finished {@code <svg>} element. */
  String toSvg(double width, double height, String label) {
    return "<svg width=\"" + n(Math.ceil(width)) + "\" height=\"" + n(Math.ceil(height))
        + "\" viewBox=\"0 0 " + n(Math.ceil(width)) + " " + n(Math.ceil(height))
        + "\" role=\"img\" aria-label=\"" + esc(label) + "\">" + sb + "</svg>";
  }
}
