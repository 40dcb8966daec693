package dev.pypidb.pipelines.resolve;

import dev.pypidb.pypa.resolver.Distribution;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.ReleaseData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A project's graph as one compact, deflated byte array: every string (versions, filenames,
 * requirement strings) once in a per-project table and referred to by index, so the many wheels
 * of a release that share one Requires-Dist cost a few bytes each. This is what travels to the
 * workers; they inflate a project only when a resolution consults it.
 */
final class ProjectBlob {
  private ProjectBlob() {}

  static byte[] encode(ProjectData project) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      varint(out, project.releases().size());
      for (ReleaseData r : project.releases()) {
        ref(out, ids, r.version());
        out.writeBoolean(r.yanked());
        ref(out, ids, r.requiresPython());
        varint(out, r.distributions().size());
        for (Distribution d : r.distributions()) {
          out.writeBoolean(d.kind() == Distribution.Kind.WHEEL);
          ref(out, ids, d.filename());
          ref(out, ids, d.requiresPython());
          out.writeBoolean(d.yanked());
          refs(out, ids, d.requirements());
          varint(out, d.requirementsByPythonKey().size());
          for (Map.Entry<String, List<String>> e : d.requirementsByPythonKey().entrySet()) {
            ref(out, ids, e.getKey());
            refs(out, ids, e.getValue());
          }
          varint(out, d.failedPythonKeys().size());
          for (Map.Entry<String, String> e : d.failedPythonKeys().entrySet()) {
            ref(out, ids, e.getKey());
            ref(out, ids, e.getValue());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream(body.size() / 2 + 64);
    try (DataOutputStream out = new DataOutputStream(
        new DeflaterOutputStream(all, new Deflater(Deflater.BEST_SPEED)))) {
      out.writeUTF(project.name());
      varint(out, ids.size());
      for (String s : ids.keySet()) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        varint(out, b.length);
        out.write(b);
      }
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toByteArray();
  }

  static ProjectData decode(byte[] blob) {
    try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(blob)))) {
      String name = in.readUTF();
      int n = varint(in);
      String[] strings = new String[n];
      for (int i = 0; i < n; i++) {
        byte[] b = new byte[varint(in)];
        in.readFully(b);
        strings[i] = new String(b, java.nio.charset.StandardCharsets.UTF_8);
      }
      int releases = varint(in);
      List<ReleaseData> out = new ArrayList<>(releases);
      for (int i = 0; i < releases; i++) {
        String version = str(in, strings);
        boolean yanked = in.readBoolean();
        String requiresPython = str(in, strings);
        int dn = varint(in);
        List<Distribution> dists = new ArrayList<>(dn);
        for (int j = 0; j < dn; j++) {
          boolean wheel = in.readBoolean();
          String filename = str(in, strings);
          String rp = str(in, strings);
          boolean dy = in.readBoolean();
          List<String> reqs = strs(in, strings);
          int kn = varint(in);
          Map<String, List<String>> byKey = new TreeMap<>();
          for (int k = 0; k < kn; k++) {
            byKey.put(str(in, strings), strs(in, strings));
          }
          int fn = varint(in);
          Map<String, String> failed = new HashMap<>();
          for (int k = 0; k < fn; k++) {
            failed.put(str(in, strings), str(in, strings));
          }
          dists.add(wheel ? Distribution.wheel(filename, rp, dy, reqs)
              : new Distribution(filename, Distribution.Kind.SDIST, java.util.Set.of(), rp, dy, reqs, byKey, failed));
        }
        out.add(new ReleaseData(version, yanked, requiresPython, dists));
      }
      return new ProjectData(name, out);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt project blob", e);
    }
  }

  private static void ref(DataOutputStream out, Map<String, Integer> ids, String s) throws IOException {
    if (s == null) {
      varint(out, 0);
      return;
    }
    Integer id = ids.get(s);
    if (id == null) {
      id = ids.size();
      ids.put(s, id);
    }
    varint(out, id + 1);
  }

  private static void refs(DataOutputStream out, Map<String, Integer> ids, List<String> list) throws IOException {
    varint(out, list.size());
    for (String s : list) {
      ref(out, ids, s);
    }
  }

  private static String str(DataInputStream in, String[] strings) throws IOException {
    int id = varint(in);
    return id == 0 ? null : strings[id - 1];
  }

  private static List<String> strs(DataInputStream in, String[] strings) throws IOException {
    int n = varint(in);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(str(in, strings));
    }
    return out;
  }

  static void varint(DataOutputStream out, int v) throws IOException {
    while ((v & ~0x7f) != 0) {
      out.writeByte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  static int varint(DataInputStream in) throws IOException {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }
}
