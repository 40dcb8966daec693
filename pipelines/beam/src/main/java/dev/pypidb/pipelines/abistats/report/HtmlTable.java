package dev.pypidb.pipelines.abistats.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A numbers table: a header row, escaped cells, numeric columns right-aligned. */
final class HtmlTable {
  private final List<String> headers;
  private final Set<Integer> numeric = new HashSet<>();
  private final StringBuilder body = new StringBuilder();
  private int rows;

  HtmlTable(String... headers) {
    this.headers = List.of(headers);
  }

  /** Marks columns (0-based) as numeric: right-aligned. Longs and ints are always formatted. */
  HtmlTable numeric(int... columns) {
    for (int c : columns) {
      numeric.add(c);
    }
    return this;
  }

  HtmlTable row(Object... cells) {
    return add(null, cells);
  }

  /** A row that starts a new group (a rule above it). */
  HtmlTable groupRow(boolean startsGroup, Object... cells) {
    return add(startsGroup && rows > 0 ? "sep" : null, cells);
  }

  private HtmlTable add(String cls, Object[] cells) {
    body.append(cls == null ? "<tr>" : "<tr class=\"" + cls + "\">");
    for (int i = 0; i < cells.length; i++) {
      Object v = cells[i];
      boolean num = numeric.contains(i) || v instanceof Long || v instanceof Integer;
      body.append(num ? "<td class=\"num\">" : "<td>").append(cell(v)).append("</td>");
    }
    body.append("</tr>\n");
    rows++;
    return this;
  }

  static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Long || v instanceof Integer) {
      return Html.num(((Number) v).longValue());
    }
    if (v instanceof Html.Raw r) {
      return r.html();
    }
    return Html.esc(v);
  }

  /** The table, with an optional caption (escaped). */
  String html(String caption) {
    StringBuilder sb = new StringBuilder("<table>");
    if (caption != null) {
      sb.append("<caption>").append(Html.esc(caption)).append("</caption>");
    }
    sb.append("<thead><tr>");
    for (int i = 0; i < headers.size(); i++) {
      sb.append(numeric.contains(i) ? "<th class=\"num\">" : "<th>").append(Html.esc(headers.get(i))).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n").append(body).append("</tbody></table>");
    return sb.toString();
  }
}
