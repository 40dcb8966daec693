package dev.pypidb.pipelines.abistats.report;

import java.util.Locale;

/**
 * Escaping and number formatting for the report. Everything the report writes is also
 * well-formed XML (void elements self-closed, only the five XML entities), so it can be checked
 * with an XML parser.
 */
final class Html {
  private Html() {}

  /** Markup that is already escaped. */
  record Raw(String html) {
    @Override
    public String toString() {
      return html;
    }
  }

  static Raw raw(String html) {
    return new Raw(html);
  }

  /**
   * Escapes text for element content and (double- or single-quoted) attribute values; characters
   * XML does not allow (controls, lone surrogates) become U+FFFD. {@code null} is the empty string.
   */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        case '\n' -> "&#10;";
        default -> null;
      };
      if (rep == null) {
        if (c < 0x20 && c != '\t' && c != '\r') {
          rep = "\uFFFD";
        } else if (c == '\r') {
          rep = "&#13;";
        } else if (c == 0xFFFE || c == 0xFFFF) {
          rep = "\uFFFD";
        } else if (Character.isHighSurrogate(c)) {
          if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            if (out != null) {
              out.append(c).append(s.charAt(i + 1));
            }
            i++;
            continue;
          }
          rep = "\uFFFD";
        } else if (Character.isLowSurrogate(c)) {
          rep = "\uFFFD";
        }
      }
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** 1234567 as {@code 1,234,567}. */
  static String num(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A fraction as a percentage with one decimal ({@code 0.4567 -> 45.7%}); "–" without a base. */
  static String pct(long part, long whole) {
    if (whole <= 0) {
      return "\u2013";
    }
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  /** Short axis labels: 950, 1.5k, 25k, 1.2M, 3B. */
  static String compact(double v) {
    double a = Math.abs(v);
    if (a < 1000) {
      return trim(v);
    }
    if (a < 1e6) {
      return trim(v / 1e3) + "k";
    }
    if (a < 1e9) {
      return trim(v / 1e6) + "M";
    }
    return trim(v / 1e9) + "B";
  }

  private static String trim(double v) {
    double a = Math.abs(v);
    String s = a >= 100 || v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : a >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** An SVG coordinate: at most one decimal, no exponent. */
  static String n(double v) {
    long r = Math.round(v * 10);
    if (r % 10 == 0) {
      return Long.toString(r / 10);
    }
    return String.format(Locale.ROOT, "%.1f", r / 10.0);
  }
}
