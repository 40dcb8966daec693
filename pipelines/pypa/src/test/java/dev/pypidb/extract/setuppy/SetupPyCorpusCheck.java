package dev.pypidb.extract.setuppy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Compares the setup-py method with what mach-nix's crawler recorded, over the real sdists of a
 * corpus directory ({@code archives/*.tar.gz} and {@code oracle.jsonl}, see its README). Not a
 * unit test: run by hand,
 * {@code java -cp ... dev.pypidb.extract.setuppy.SetupPyCorpusCheck /work/shared/corpus/sdists}.
 *
 * <p>The corpus archives keep only the files that carry dependencies; documentation, code and
 * data files were left out. So a file setup.py opens that is not in the archive is read here as
 * present with unknown content (it existed in the real upload), not as missing.
 *
 * <p>Values are compared as the crawler recorded them: setuptools moved requirements with markers
 * from install_requires to {@code extras_require[":marker"]} (and from an extra to
 * {@code "extra:marker"}), and printed each requirement normalised; both sides are canonicalised
 * (name, sorted extras, specifier set, marker) and compared as sets.
 */
public final class SetupPyCorpusCheck {
  private SetupPyCorpusCheck() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/corpus/sdists");
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> oracle = new TreeMap<>();
    for (String line : Files.readAllLines(corpus.resolve("oracle.jsonl"))) {
      JsonNode n = json.readTree(line);
      oracle.put(n.get("filename").asText(), n);
    }
    Map<String, Integer> totals = new TreeMap<>();
    long start = System.nanoTime();
    for (Map.Entry<String, JsonNode> e : oracle.entrySet()) {
      Path archive = corpus.resolve("archives").resolve(e.getKey());
      Map<String, byte[]> members = new TreeMap<>();
      String top = readTarGz(archive, members);
      if (!members.containsKey("setup.py")) {
        continue;
      }
      SetupPyReader reader = SetupPyReader.of(new CorpusTree(members), top);
      JsonNode row = e.getValue();
      boolean fromSetupPy = false;
      for (JsonNode k : row.get("source_kinds")) {
        fromSetupPy |= k.asText().equals("setup.py");
      }
      System.out.println("== " + e.getKey() + (fromSetupPy ? "  [deps from setup.py]" : "  [deps from "
          + row.get("source_kinds") + "]") + " " + row.get("deps_db_source").asText());
      Map<String, List<String>> lines = new LinkedHashMap<>();
      for (PythonKey key : PythonKey.ALL) {
        JsonNode recorded = row.get("deps_db").get(key.key());
        if (recorded == null && !List.of("27", "36", "37", "38", "39", "310").contains(key.key())) {
          continue;
        }
        MethodAnswer answer = reader.answer(key);
        String verdict = compare(answer, recorded, row.get("deps_db_source").asText());
        String kind = verdict.substring(0, verdict.indexOf(':'));
        totals.merge((fromSetupPy ? "setup.py-sourced " : "other ") + kind, 1, Integer::sum);
        lines.computeIfAbsent(verdict, v -> new ArrayList<>()).add(key.key());
      }
      lines.forEach((verdict, keys) -> System.out.println("   " + keys + " " + verdict));
    }
    System.out.println();
    totals.forEach((k, v) -> System.out.println(k + ": " + v));
    System.out.println("time: " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }

  private static String compare(MethodAnswer answer, JsonNode recorded, String source) {
    if (answer.error() != null) {
      if (recorded == null) {
        return "AGREE: both fail (ours: " + answer.error() + "; the crawler's error is not in the " + source + " snapshot)";
      }
      if (recorded.has("error")) {
        String theirs = recorded.get("error").asText().strip();
        String ours = answer.error().replaceAll(" \\(setup\\.py, line \\d+\\)$", "").strip();
        boolean same = theirs.equals(ours) || theirs.replace("#PKG_VER#", "").equals(ours.replaceAll("\\d+(\\.\\d+)+\\w*", ""));
        return (same ? "AGREE" : "ERROR-TEXT") + ": both fail; ours " + answer.error() + " | theirs " + theirs;
      }
      return "DIFFER: ours fails (" + answer.error() + "), the crawler recorded " + recorded;
    }
    List<String> unresolved = new ArrayList<>();
    for (Map.Entry<SetupField, FieldAnswer> f : answer.fields().entrySet()) {
      if (f.getValue() instanceof FieldAnswer.Unresolved u) {
        unresolved.add(f.getKey() + ": " + u.reason());
      }
    }
    if (recorded == null) {
      return "DIFFER: the crawler failed (not recorded), ours " + (unresolved.isEmpty() ? "answers " + answer.fields()
          : "unresolved " + unresolved);
    }
    if (recorded.has("error")) {
      return "DIFFER: the crawler failed with " + recorded.get("error").asText() + ", ours " + answer.fields();
    }
    if (!unresolved.isEmpty()) {
      return "UNRESOLVED: " + unresolved.get(0);
    }
    Map<String, TreeSet<String>> ours = canonical(answer);
    Map<String, TreeSet<String>> theirs = canonical(recorded);
    List<String> diffs = new ArrayList<>();
    for (String field : new TreeSet<>(union(ours.keySet(), theirs.keySet()))) {
      TreeSet<String> a = ours.getOrDefault(field, new TreeSet<>());
      TreeSet<String> b = theirs.getOrDefault(field, new TreeSet<>());
      if (!a.equals(b)) {
        diffs.add(field + ": ours " + a + " theirs " + b);
      }
    }
    return diffs.isEmpty() ? "AGREE: " + ours : "DIFFER: " + diffs;
  }

  private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    TreeSet<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  /** Our answer, as setuptools would have recorded it, canonicalised per field. */
  private static Map<String, TreeSet<String>> canonical(MethodAnswer answer) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (Map.Entry<SetupField, FieldAnswer> f : answer.fields().entrySet()) {
      FieldAnswer.Known k = (FieldAnswer.Known) f.getValue();
      switch (f.getKey()) {
        case PYTHON_REQUIRES -> put(out, "python_requires", specifiers(k.text()));
        case EXTRAS_REQUIRE -> k.extras().forEach((extra, reqs) -> {
          for (String r : reqs) {
            Requirement req = parse(r);
            String section = req != null && req.marker() != null ? extra.split(":")[0] + ":" + req.marker() : extra;
            put(out, "extras_require[" + section + "]", req == null ? r : withoutMarker(req));
          }
        });
        case INSTALL_REQUIRES -> {
          for (String r : k.strings()) {
            Requirement req = parse(r);
            if (req != null && req.marker() != null) {
              put(out, "extras_require[:" + req.marker() + "]", withoutMarker(req));
            } else {
              put(out, "install_requires", req == null ? r : withoutMarker(req));
            }
          }
        }
        default -> k.strings().forEach(r -> put(out, f.getKey().keyword(), canonicalRequirement(r)));
      }
    }
    return out;
  }

  /** The crawler's record, canonicalised per field. */
  private static Map<String, TreeSet<String>> canonical(JsonNode recorded) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = recorded.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      switch (f.getKey()) {
        case "python_requires" -> f.getValue().forEach(v -> put(out, "python_requires", specifiers(v.asText())));
        case "extras_require" -> f.getValue().fields().forEachRemaining(x -> x.getValue().forEach(r ->
            put(out, "extras_require[" + section(x.getKey()) + "]", canonicalRequirement(r.asText()))));
        default -> f.getValue().forEach(r -> put(out, f.getKey(), canonicalRequirement(r.asText())));
      }
    }
    return out;
  }

  private static String section(String key) {
    int colon = key.indexOf(':');
    if (colon < 0) {
      return key;
    }
    try {
      return key.substring(0, colon) + ":" + dev.pypidb.pypa.markers.Marker.parse(key.substring(colon + 1));
    } catch (RuntimeException e) {
      return key;
    }
  }

  private static void put(Map<String, TreeSet<String>> out, String field, String value) {
    out.computeIfAbsent(field, f -> new TreeSet<>()).add(value);
  }

  private static String specifiers(String text) {
    try {
      return SpecifierSet.parse(text).toString();
    } catch (RuntimeException e) {
      return text.replace(" ", "");
    }
  }

  private static Requirement parse(String text) {
    try {
      return Requirement.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String canonicalRequirement(String text) {
    Requirement r = parse(text);
    return r == null ? text : withoutMarker(r) + (r.marker() == null ? "" : ";" + r.marker());
  }

  private static String withoutMarker(Requirement r) {
    return r.canonicalName() + (r.extras().isEmpty() ? "" : r.extras().toString()) + r.specifier()
        + (r.url() == null ? "" : "@" + r.url());
  }

  /** A gzip'd tar's regular files, with the top-level directory stripped; returns that directory. */
  static String readTarGz(Path archive, Map<String, byte[]> out) throws IOException {
    String top = null;
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512) {
        if (header[0] == 0) {
          break;
        }
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        byte[] data = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (type == 'x' || type == 'g') {
          continue;
        }
        String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
        longName = null;
        if (type != '0' && type != 0) {
          continue;
        }
        int slash = full.indexOf('/');
        if (slash < 0) {
          continue;
        }
        top = full.substring(0, slash);
        out.put(full.substring(slash + 1), data);
      }
    }
    return top;
  }

  private static String field(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  /** The corpus view: any file not in the re-packed archive may have been in the upload. */
  private static final class CorpusTree implements SourceTree {
    private final Map<String, byte[]> files;
    private final List<String> paths;

    CorpusTree(Map<String, byte[]> files) {
      this.files = files;
      this.paths = new ArrayList<>(files.keySet());
    }

    @Override
    public List<String> paths() {
      return paths;
    }

    @Override
    public boolean exists(String path) {
      return true;
    }

    @Override
    public byte[] bytes(String path) {
      byte[] b = files.get(path);
      return b == null ? null : b.clone();
    }

    @Override
    public String unavailable(String path) {
      return files.containsKey(path) ? null
          : "not in the corpus re-pack, which left out documentation, code and data files";
    }
  }
}
