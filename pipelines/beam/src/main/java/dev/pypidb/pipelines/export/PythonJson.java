package dev.pypidb.pipelines.export;

import java.util.List;
import java.util.Map;

/**
 * JSON text as Python's {@code json.dumps(obj, indent=2)} writes it (ASCII-only with
 * {@code \\uXXXX} escapes), for Maps, Lists, Strings and null; maps in their iteration order.
 * Deterministic by construction, and the same shape pypi-deps-db's own files have.
 */
final class PythonJson {
  private PythonJson() {}

  static String write(Object value) {
    return write(value, 0);
  }

  /** The value as it reads nested {@code indent} spaces deep. */
  static String write(Object value, int indent) {
    StringBuilder out = new StringBuilder(1024);
    write(out, value, indent);
    return out.toString();
  }

  private static void write(StringBuilder out, Object v, int indent) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(out, s);
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append(first ? "\n" : ",\n");
        first = false;
        pad(out, indent + 2);
        string(out, e.getKey().toString());
        out.append(": ");
        write(out, e.getValue(), indent + 2);
      }
      out.append('\n');
      pad(out, indent);
      out.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object x : l) {
        out.append(first ? "\n" : ",\n");
        first = false;
        pad(out, indent + 2);
        write(out, x, indent + 2);
      }
      out.append('\n');
      pad(out, indent);
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass());
    }
  }

  private static void pad(StringBuilder out, int n) {
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
  }

  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
