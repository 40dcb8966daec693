package dev.pypidb.pypa.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Core metadata (PKG-INFO / METADATA / PEP 658 {@code .metadata}), Metadata-Version 1.0 to 2.5:
 * RFC 822 headers, folded continuation lines, multiple-use fields, and a body that is the
 * description. Field names are matched case-insensitively, values kept as written.
 */
public final class CoreMetadata {
  private final Map<String, List<String>> fields;
  private final String body;

  private CoreMetadata(Map<String, List<String>> fields, String body) {
    this.fields = fields;
    this.body = body;
  }

  /**
   * Parses {@code text}.
   *
   * @throws InvalidMetadataException for a header line that is neither {@code Name: value} nor
   *     a continuation, or when Metadata-Version, Name or Version is missing
   */
  public static CoreMetadata parse(String text) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    String currentKey = null;
    StringBuilder current = null;
    // Lines end at \r\n, \n or \r; the headers end at the first empty line, the body follows.
    int pos = 0;
    int lineNumber = 0;
    String body = null;
    while (pos <= text.length()) {
      int end = pos;
      while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      int next = end == text.length() ? end + 1
          : text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
      lineNumber++;
      if (end == pos) {
        body = next > text.length() ? "" : text.substring(next);
        break;
      }
      String line = text.substring(pos, end);
      pos = next;
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (current == null) {
          throw new InvalidMetadataException("metadata line " + lineNumber + " continues no header", false);
        }
        current.append('\n').append(line);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isFieldName(line.substring(0, colon))) {
        throw new InvalidMetadataException(
            "metadata line " + lineNumber + " is not a 'Name: value' header: " + shorten(line), false);
      }
      flush(fields, currentKey, current);
      currentKey = line.substring(0, colon).toLowerCase(Locale.ROOT);
      current = new StringBuilder(line.substring(colon + 1).strip());
    }
    flush(fields, currentKey, current);
    if (body != null && body.indexOf('\r') >= 0) {
      body = body.replace("\r\n", "\n").replace('\r', '\n');
    }
    CoreMetadata m = new CoreMetadata(fields, body == null || body.isEmpty() ? null : body);
    for (String required : new String[] {"Metadata-Version", "Name", "Version"}) {
      if (m.first(required) == null) {
        throw new InvalidMetadataException("metadata has no " + required + " field", true);
      }
    }
    return m;
  }

  private static void flush(Map<String, List<String>> fields, String key, StringBuilder value) {
    if (key != null) {
      fields.computeIfAbsent(key, k -> new ArrayList<>()).add(unfold(value.toString()));
    }
  }

  /** Folded values continue on indented lines; the indentation is a single fold. */
  private static String unfold(String value) {
    if (value.indexOf('\n') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder();
    for (String part : value.split("\n")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(p);
    }
    return out.toString();
  }

  private static boolean isFieldName(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** The first value of a field, or null. */
  public String first(String field) {
    List<String> v = fields.get(field.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of a multiple-use field, in order; empty when absent. */
  public List<String> all(String field) {
    return fields.getOrDefault(field.toLowerCase(Locale.ROOT), List.of());
  }

  public boolean has(String field) {
    return fields.containsKey(field.toLowerCase(Locale.ROOT));
  }

  /**
   * The Metadata-Version as {@code [major, minor]}, or null when it is not {@code N.N}.
   */
  public int[] metadataVersion() {
    String v = first("Metadata-Version");
    if (v == null || !v.strip().matches("[0-9]{1,3}\\.[0-9]{1,3}")) {
      return null;
    }
    String[] parts = v.strip().split("\\.");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  /** Whether the Metadata-Version is at least {@code major.minor}. */
  public boolean metadataVersionAtLeast(int major, int minor) {
    int[] v = metadataVersion();
    return v != null && (v[0] > major || (v[0] == major && v[1] >= minor));
  }

  /**
   * Whether {@code field} is declared Dynamic (PEP 643), matched case-insensitively as the
   * specification says field names are.
   */
  public boolean isDynamic(String field) {
    for (String d : all("Dynamic")) {
      if (d.strip().equalsIgnoreCase(field)) {
        return true;
      }
    }
    return false;
  }

  /**
   * PEP 643: the metadata of an sdist can be trusted for {@code field} when it is Metadata 2.2
   * or later and does not mark the field Dynamic.
   */
  public boolean isStatic(String field) {
    return metadataVersionAtLeast(2, 2) && !isDynamic(field);
  }

  /** The Description field, or the message body (Metadata-Version 2.1+ puts it there). */
  public String description() {
    return body != null ? body : first("Description");
  }
}
