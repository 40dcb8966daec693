package dev.pypidb.pipelines.export;

import dev.pypidb.pipelines.normalize.PythonKeys;
import dev.pypidb.pipelines.normalize.SdistRows;
import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * One project's entries in mach-nix's pypi-deps-db buckets, rebuilt from the normalize tables:
 * the wheel entry ({@code python_version -> version -> filename -> data}), the sdist and
 * sdist-errors entries ({@code version -> python key -> data | error}), and the
 * nix-pypi-fetcher hash entry. Identical payloads are written once and referenced, one level
 * deep, the first in version order holding the data.
 */
final class MachNixEntries {
  /** Kind of bucket -> pypi-deps-db key -> entry. */
  final Map<String, Map<String, Object>> entries = new TreeMap<>();

  private MachNixEntries() {}

  /** mach-nix's name normalization: lower case, {@code _} to {@code -}, dots kept. */
  static String key(String name) {
    return name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static MachNixEntries of(String displayName, List<GenericRecord> releases, List<GenericRecord> files,
      List<GenericRecord> requirements, List<GenericRecord> sdistMetadata) {
    MachNixEntries out = new MachNixEntries();
    String defaultKey = key(displayName);
    Comparator<String> versions = versionOrder(releases);
    Map<String, List<GenericRecord>> reqs = new HashMap<>();
    for (GenericRecord r : requirements) {
      reqs.computeIfAbsent(requirementsKey(r.get("version"), r.get("source"), r.get("deps_db_name"),
          r.get("provenance"), r.get("sdist_filename")), k -> new ArrayList<>()).add(r);
    }
    reqs.values().forEach(l -> l.sort(Comparator.comparingInt(r -> (Integer) r.get("position"))));
    out.wheels(files, reqs, defaultKey, versions);
    out.sdists(sdistMetadata, reqs, defaultKey, versions);
    out.hashes(files, defaultKey, versions);
    return out;
  }

  /**
   * Rows of one file's Requires-Dist or of one sdist result: version, source, and for sdist
   * results the pypi-deps-db key, the input and the sdist file (results of different inputs or
   * files of a release can share a source).
   */
  static String requirementsKey(Object version, Object source, Object depsDbName, Object provenance,
      Object sdistFilename) {
    return version + "\u0000" + source + "\u0000" + depsDbName + "\u0000" + provenance + "\u0000" + sdistFilename;
  }

  /** PEP 440 order of the project's versions; invalid ones after, by text. */
  private static Comparator<String> versionOrder(List<GenericRecord> releases) {
    Map<String, Integer> order = new HashMap<>();
    for (GenericRecord r : releases) {
      Object o = r.get("version_order");
      if (o != null) {
        order.put(r.get("version").toString(), (Integer) o);
      }
    }
    return Comparator.<String>comparingInt(v -> order.getOrDefault(v, Integer.MAX_VALUE))
        .thenComparing(Comparator.naturalOrder());
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static List<String> raws(List<GenericRecord> rows, String kind) {
    List<String> out = new ArrayList<>();
    if (rows != null) {
      for (GenericRecord r : rows) {
        if (kind == null || kind.equals(r.get("kind").toString())) {
          out.add(r.get("raw").toString());
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void wheels(List<GenericRecord> files, Map<String, List<GenericRecord>> reqs, String defaultKey,
      Comparator<String> versions) {
    // key -> python_version -> version -> filename -> payload
    Map<String, Map<String, Map<String, Map<String, Object>>>> tree = new TreeMap<>();
    for (GenericRecord f : files) {
      if (!"bdist_wheel".equals(str(f.get("packagetype")))) {
        continue;
      }
      String k = f.get("deps_db_name") != null ? f.get("deps_db_name").toString() : defaultKey;
      String pv = f.get("python_version") != null ? f.get("python_version").toString() : pythonTag(f);
      String version = f.get("version").toString();
      String filename = f.get("filename").toString();
      Map<String, Object> payload = new LinkedHashMap<>();
      List<String> rd = raws(reqs.get(requirementsKey(version, filename, f.get("deps_db_name"), null, null)), null);
      if (rd.isEmpty()) {
        rd = raws(reqs.get(requirementsKey(version, filename, null, null, null)), null);
      }
      if (!rd.isEmpty()) {
        payload.put("requires_dist", rd);
      }
      if (f.get("requires_python") != null) {
        payload.put("requires_python", f.get("requires_python").toString());
      }
      List<Object> extras = (List<Object>) f.get("provides_extra");
      if (extras != null && !extras.isEmpty()) {
        List<String> e = new ArrayList<>();
        extras.forEach(x -> e.add(x.toString()));
        payload.put("provides_extras", e);
      }
      tree.computeIfAbsent(k, x -> new TreeMap<>())
          .computeIfAbsent(pv, x -> new TreeMap<>(versions))
          .computeIfAbsent(version, x -> new TreeMap<>())
          .put(filename, payload);
    }
    for (Map.Entry<String, Map<String, Map<String, Map<String, Object>>>> e : tree.entrySet()) {
      Map<String, Object> byPython = new LinkedHashMap<>();
      for (Map.Entry<String, Map<String, Map<String, Object>>> pv : e.getValue().entrySet()) {
        Map<Object, String> firstSeen = new HashMap<>();
        Map<String, Object> byVersion = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> v : pv.getValue().entrySet()) {
          Map<String, Object> byFile = new LinkedHashMap<>();
          for (Map.Entry<String, Object> file : v.getValue().entrySet()) {
            String ref = firstSeen.putIfAbsent(file.getValue(), v.getKey() + "@" + file.getKey());
            byFile.put(file.getKey(), ref != null ? ref : file.getValue());
          }
          byVersion.put(v.getKey(), byFile);
        }
        byPython.put(pv.getKey(), byVersion);
      }
      entries.computeIfAbsent("wheel", x -> new TreeMap<>()).put(e.getKey(), byPython);
    }
  }

  /** Without PyPI's python_version field, the wheel's python tag stands in. */
  private static String pythonTag(GenericRecord f) {
    Object tags = f.get("python_tags");
    return tags == null ? "py3" : String.join(".", ((List<?>) tags).stream().map(Object::toString).toList());
  }

  /**
   * The sdist and sdist-errors entries: for each python key, the results chosen for it
   * ({@code chosen_keys}: see the README on which sdist result wins). An ok result's keywords go
   * to sdist/, an error's text and an unresolved result's reason to sdist-errors/.
   */
  @SuppressWarnings("unchecked")
  private void sdists(List<GenericRecord> builds, Map<String, List<GenericRecord>> reqs, String defaultKey,
      Comparator<String> versions) {
    // kind (sdist | sdist-errors) -> key -> version -> python key -> payload
    Map<String, Map<String, Map<String, Map<String, Object>>>> tree = new TreeMap<>();
    for (GenericRecord b : builds) {
      List<String> keys = SdistRows.chosenKeys(b);
      if (keys.isEmpty()) {
        continue;
      }
      String k = b.get("deps_db_name") != null ? b.get("deps_db_name").toString() : defaultKey;
      String version = b.get("version").toString();
      String status = b.get("status").toString();
      Object payload;
      if ("error".equals(status)) {
        payload = b.get("error") != null ? b.get("error").toString() : "error: " + b.get("reason");
      } else if ("unresolved".equals(status)) {
        payload = "unresolved: " + b.get("reason");
      } else {
        List<GenericRecord> rows = reqs.get(requirementsKey(version, SdistRows.requirementsSource(b),
            b.get("deps_db_name"), b.get("provenance"), b.get("filename")));
        payload = keywords(b, rows);
      }
      Map<String, Object> byKey = tree.computeIfAbsent("ok".equals(status) ? "sdist" : "sdist-errors", x -> new TreeMap<>())
          .computeIfAbsent(k, x -> new TreeMap<>(versions))
          .computeIfAbsent(version, x -> new TreeMap<>(PythonKeys.ORDER));
      keys.forEach(pk -> byKey.put(pk, payload));
    }
    for (Map.Entry<String, Map<String, Map<String, Map<String, Object>>>> kind : tree.entrySet()) {
      for (Map.Entry<String, Map<String, Map<String, Object>>> project : kind.getValue().entrySet()) {
        Map<Object, String> firstSeen = new HashMap<>();
        Map<String, Object> byVersion = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> v : project.getValue().entrySet()) {
          // A python key whose payload equals an earlier key's refers to it, as mach-nix does.
          Map<Object, String> holders = new HashMap<>();
          Map<String, Object> byKey = new LinkedHashMap<>();
          for (Map.Entry<String, Object> pk : v.getValue().entrySet()) {
            String holder = holders.putIfAbsent(pk.getValue(), pk.getKey());
            byKey.put(pk.getKey(), holder != null ? holder : pk.getValue());
          }
          String ref = firstSeen.putIfAbsent(byKey, v.getKey());
          byVersion.put(v.getKey(), ref != null ? ref : byKey);
        }
        entries.computeIfAbsent(kind.getKey(), x -> new TreeMap<>()).put(project.getKey(), byVersion);
      }
    }
  }

  /** An ok result's setup() keywords in pypi-deps-db's order, those it reported only. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> keywords(GenericRecord b, List<GenericRecord> rows) {
    Map<String, Object> p = new LinkedHashMap<>();
    List<String> present = new ArrayList<>();
    ((List<Object>) b.get("keys_present")).forEach(x -> present.add(x.toString()));
    for (String kind : List.of("install_requires", "setup_requires", "extras_require", "tests_require", "python_requires")) {
      if (!present.contains(kind)) {
        continue;
      }
      switch (kind) {
        case "extras_require" -> {
          Map<String, Object> extras = new LinkedHashMap<>();
          ((List<Object>) b.get("extras_keys")).forEach(x -> extras.put(x.toString(), new ArrayList<String>()));
          if (rows != null) {
            for (GenericRecord r : rows) {
              if ("extras_require".equals(r.get("kind").toString())) {
                ((List<String>) extras.computeIfAbsent(r.get("extras_key").toString(), x -> new ArrayList<String>()))
                    .add(r.get("raw").toString());
              }
            }
          }
          p.put(kind, extras);
        }
        case "python_requires" -> {
          List<String> pr = new ArrayList<>();
          ((List<Object>) b.get("python_requires")).forEach(x -> pr.add(x.toString()));
          p.put(kind, pr);
        }
        default -> p.put(kind, raws(rows, kind));
      }
    }
    return p;
  }

  /** nix-pypi-fetcher: {@code version -> {sdist: [sha256, filename], wheels: {filename: [sha256, pyver]}}}. */
  private void hashes(List<GenericRecord> files, String defaultKey, Comparator<String> versions) {
    Map<String, Object> byVersion = new TreeMap<>(versions);
    for (GenericRecord f : files) {
      Object sha = f.get("sha256");
      if (sha == null || !sha.toString().matches("[0-9a-f]{64}")) {
        continue;
      }
      String b64 = Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(sha.toString()));
      @SuppressWarnings("unchecked")
      Map<String, Object> release = (Map<String, Object>) byVersion.computeIfAbsent(
          f.get("version").toString(), x -> new TreeMap<String, Object>());
      String filename = f.get("filename").toString();
      if ("sdist".equals(str(f.get("packagetype")))) {
        release.putIfAbsent("sdist", List.of(b64, filename));
      } else if ("bdist_wheel".equals(str(f.get("packagetype")))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> wheels = (Map<String, Object>) release.computeIfAbsent("wheels", x -> new TreeMap<String, Object>());
        String pv = f.get("python_version") != null ? f.get("python_version").toString() : pythonTag(f);
        wheels.put(filename, List.of(b64, pv));
      }
    }
    if (!byVersion.isEmpty()) {
      entries.computeIfAbsent("pypi", x -> new TreeMap<>()).put(defaultKey, byVersion);
    }
  }
}
