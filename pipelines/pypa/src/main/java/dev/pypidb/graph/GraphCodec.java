package dev.pypidb.graph;

import dev.pypidb.pypa.resolver.Distribution;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.ReleaseData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One project's {@link ProjectData} as bytes (docs/graph-format.md, "Project blob"): a table of
 * the project's distinct strings, a table of its distinct requirement lists (the same list
 * recurs across a release's files and python keys, and across releases), then the releases.
 * The encoding is a function of the project alone, so equal projects give equal bytes.
 */
final class GraphCodec {
  private static final int SDIST = 1;
  private static final int YANKED = 2;
  private static final int REQUIRES_PYTHON = 4;

  private GraphCodec() {}

  static byte[] encode(ProjectData project) {
    Map<String, Integer> strings = new LinkedHashMap<>();
    Map<List<String>, Integer> lists = new LinkedHashMap<>();
    Out body = new Out();
    body.varint(project.releases().size());
    for (ReleaseData r : project.releases()) {
      body.varint(index(strings, r.version()));
      body.u8((r.yanked() ? YANKED : 0) | (r.requiresPython() != null ? REQUIRES_PYTHON : 0));
      if (r.requiresPython() != null) {
        body.varint(index(strings, r.requiresPython()));
      }
      body.varint(r.distributions().size());
      for (Distribution d : r.distributions()) {
        body.u8((d.kind() == Distribution.Kind.SDIST ? SDIST : 0) | (d.yanked() ? YANKED : 0)
            | (d.requiresPython() != null ? REQUIRES_PYTHON : 0));
        body.varint(index(strings, d.filename()));
        if (d.requiresPython() != null) {
          body.varint(index(strings, d.requiresPython()));
        }
        body.varint(listIndex(lists, strings, d.requirements()));
        body.varint(d.requirementsByPythonKey().size());
        for (Map.Entry<String, List<String>> e : d.requirementsByPythonKey().entrySet()) {
          body.varint(index(strings, e.getKey()));
          body.varint(listIndex(lists, strings, e.getValue()));
        }
        body.varint(d.failedPythonKeys().size());
        for (Map.Entry<String, String> e : d.failedPythonKeys().entrySet()) {
          body.varint(index(strings, e.getKey()));
          body.varint(index(strings, e.getValue()));
        }
      }
    }
    Out out = new Out();
    out.varint(strings.size());
    for (String s : strings.keySet()) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.varint(b.length);
      out.bytes(b);
    }
    out.varint(lists.size());
    for (List<String> l : lists.keySet()) {
      out.varint(l.size());
      for (String s : l) {
        out.varint(strings.get(s));
      }
    }
    out.bytes(body.toByteArray());
    return out.toByteArray();
  }

  private static int index(Map<String, Integer> strings, String s) {
    return strings.computeIfAbsent(s, k -> strings.size());
  }

  private static int listIndex(Map<List<String>, Integer> lists, Map<String, Integer> strings,
      List<String> list) {
    Integer i = lists.get(list);
    if (i == null) {
      list.forEach(s -> index(strings, s));
      i = lists.size();
      lists.put(list, i);
    }
    return i;
  }

  /** Decodes the blob at {@code [offset, offset + length)} of {@code buf} (read-only, shared). */
  static ProjectData decode(String name, ByteBuffer buf, int offset, int length, String where) {
    In in = new In(buf, offset, offset + length, where);
    int nStrings = in.count();
    String[] strings = new String[nStrings];
    for (int i = 0; i < nStrings; i++) {
      strings[i] = in.string();
    }
    int nLists = in.count();
    List<List<String>> lists = new ArrayList<>(nLists);
    for (int i = 0; i < nLists; i++) {
      String[] l = new String[in.count()];
      for (int j = 0; j < l.length; j++) {
        l[j] = strings[in.index(nStrings)];
      }
      lists.add(List.of(l));
    }
    int nReleases = in.count();
    List<ReleaseData> releases = new ArrayList<>(nReleases);
    for (int i = 0; i < nReleases; i++) {
      String version = strings[in.index(nStrings)];
      int flags = in.u8();
      String requiresPython = (flags & REQUIRES_PYTHON) != 0 ? strings[in.index(nStrings)] : null;
      int nDists = in.count();
      List<Distribution> dists = new ArrayList<>(nDists);
      for (int j = 0; j < nDists; j++) {
        int f = in.u8();
        String filename = strings[in.index(nStrings)];
        String rp = (f & REQUIRES_PYTHON) != 0 ? strings[in.index(nStrings)] : null;
        List<String> reqs = lists.get(in.index(nLists));
        int nByKey = in.count();
        Map<String, List<String>> byKey = nByKey == 0 ? null : new HashMap<>();
        for (int k = 0; k < nByKey; k++) {
          byKey.put(strings[in.index(nStrings)], lists.get(in.index(nLists)));
        }
        int nFailed = in.count();
        Map<String, String> failed = nFailed == 0 ? null : new HashMap<>();
        for (int k = 0; k < nFailed; k++) {
          failed.put(strings[in.index(nStrings)], strings[in.index(nStrings)]);
        }
        boolean yanked = (f & YANKED) != 0;
        dists.add((f & SDIST) != 0
            ? new Distribution(filename, Distribution.Kind.SDIST, Set.of(), rp, yanked, reqs, byKey,
                failed)
            : Distribution.wheel(filename, rp, yanked, reqs));
      }
      releases.add(new ReleaseData(version, (flags & YANKED) != 0, requiresPython, dists));
    }
    if (!in.atEnd()) {
      throw in.corrupt("unexpected bytes after the last release");
    }
    return new ProjectData(name, releases);
  }

  /** A growing byte array with the format's primitives. */
  static final class Out {
    private byte[] buf = new byte[256];
    private int size;

    private void ensure(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    void u8(int v) {
      ensure(1);
      buf[size++] = (byte) v;
    }

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        u8((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      u8((int) v);
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  /** Bounds-checked reads from a shared buffer (absolute gets: safe for concurrent readers). */
  static final class In {
    private final ByteBuffer buf;
    private final int end;
    private final String where;
    private int pos;

    In(ByteBuffer buf, int pos, int end, String where) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
      this.where = where;
    }

    GraphFormatException.Unchecked corrupt(String message) {
      return new GraphFormatException.Unchecked(
          new GraphFormatException("corrupt " + where + ": " + message));
    }

    boolean atEnd() {
      return pos == end;
    }

    int u8() {
      if (pos >= end) {
        throw corrupt("unexpected end of data");
      }
      return buf.get(pos++) & 0xFF;
    }

    int varint() {
      long v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = u8();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (v > Integer.MAX_VALUE) {
            throw corrupt("value " + v + " too large");
          }
          return (int) v;
        }
      }
      throw corrupt("varint longer than 5 bytes");
    }

    /** A count of items that take at least one byte each (so bounded by what is left). */
    int count() {
      int n = varint();
      if (n > end - pos) {
        throw corrupt("count " + n + " exceeds the " + (end - pos) + " bytes left");
      }
      return n;
    }

    int index(int size) {
      int i = varint();
      if (i >= size) {
        throw corrupt("index " + i + " out of range (" + size + " entries)");
      }
      return i;
    }

    String string() {
      int n = count();
      byte[] b = new byte[n];
      buf.get(pos, b);
      pos += n;
      return new String(b, StandardCharsets.UTF_8);
    }
  }
}
