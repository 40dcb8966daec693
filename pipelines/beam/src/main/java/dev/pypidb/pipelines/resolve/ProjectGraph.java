package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.normalize.SdistRows;
import dev.pypidb.pypa.markers.InvalidMarkerException;
import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.resolver.Distribution;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.ReleaseData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * One project's dependency graph as the resolver needs it, built from its normalize rows: each
 * release with its files, each file with its Requires-Dist (or the release's, when the file has
 * none of its own), and pypi-deps-db sdist builds as an sdist whose requirements depend on the
 * Python version (failed builds included, so the resolver can say why an sdist is unusable).
 */
public final class ProjectGraph {
  private ProjectGraph() {}

  /**
   * The project from its rows of each table. When what this builds from the same rows changes,
   * raise {@link dev.pypidb.pipelines.tables.ResolverGraphFiles#BUILDER}.
   */
  public static ProjectData build(String name, List<GenericRecord> releases, List<GenericRecord> files,
      List<GenericRecord> requirements, List<GenericRecord> sdistMetadata) {
    Map<String, List<GenericRecord>> reqsBySource = new HashMap<>();
    for (GenericRecord r : requirements) {
      reqsBySource.computeIfAbsent(sourceKey(r.get("version"), r.get("source"), r.get("provenance"),
          r.get("sdist_filename")), k -> new ArrayList<>()).add(r);
    }
    reqsBySource.values().forEach(l -> l.sort(Comparator
        .comparing((GenericRecord r) -> String.valueOf(r.get("kind")))
        .thenComparing(r -> String.valueOf(r.get("extras_key")))
        .thenComparingInt(r -> (Integer) r.get("position"))));
    Map<String, List<GenericRecord>> filesByVersion = new HashMap<>();
    files.forEach(f -> filesByVersion.computeIfAbsent(f.get("version").toString(), v -> new ArrayList<>()).add(f));
    Map<String, List<GenericRecord>> buildsByVersion = new HashMap<>();
    sdistMetadata.forEach(s -> buildsByVersion.computeIfAbsent(s.get("version").toString(), v -> new ArrayList<>()).add(s));

    List<ReleaseData> out = new ArrayList<>();
    for (GenericRecord release : releases) {
      String version = release.get("version").toString();
      List<String> releaseLevel = raws(reqsBySource.get(sourceKey(version, "release", null, null)));
      List<Distribution> dists = new ArrayList<>();
      Map<String, List<String>> byKey = new TreeMap<>();
      Map<String, String> failed = new TreeMap<>();
      // Each python key uses the results chosen for it (see SdistChoice); when a chosen build
      // succeeded, the key builds (two crawls can leave a result and an error for one key).
      List<GenericRecord> builds = new ArrayList<>(buildsByVersion.getOrDefault(version, List.of()));
      builds.sort(Comparator.comparing(b -> !"ok".equals(String.valueOf(b.get("status")))));
      for (GenericRecord build : builds) {
        String status = String.valueOf(build.get("status"));
        for (String key : SdistRows.chosenKeys(build)) {
          if ("ok".equals(status)) {
            byKey.putIfAbsent(key, runtimeRequirements(reqsBySource.get(sourceKey(version,
                SdistRows.requirementsSource(build),
                build.get("provenance"), build.get("filename")))));
          } else if (!byKey.containsKey(key)) {
            failed.putIfAbsent(key, "error".equals(status) && build.get("error") != null
                ? String.valueOf(build.get("error")) : status + ": " + build.get("reason"));
          }
        }
      }
      boolean sdistFile = false;
      for (GenericRecord f : filesByVersion.getOrDefault(version, List.of())) {
        String filename = f.get("filename").toString();
        String type = f.get("packagetype").toString();
        String requiresPython = f.get("requires_python") == null ? null : f.get("requires_python").toString();
        boolean yanked = (Boolean) f.get("yanked");
        List<GenericRecord> own = reqsBySource.get(sourceKey(version, filename, null, null));
        List<String> reqs = own != null || f.get("metadata_source") != null ? raws(own) : releaseLevel;
        if ("bdist_wheel".equals(type)) {
          if ((Boolean) f.get("filename_valid")) {
            dists.add(Distribution.wheel(filename, requiresPython, yanked, reqs));
          }
        } else if ("sdist".equals(type)) {
          sdistFile = true;
          dists.add(new Distribution(filename, Distribution.Kind.SDIST, java.util.Set.of(), requiresPython,
              yanked, reqs, byKey, failed));
        }
      }
      if (!sdistFile && (!byKey.isEmpty() || !failed.isEmpty())) {
        // pypi-deps-db knows the sdist's builds but not its file name.
        dists.add(Distribution.sdistBuilds(name + "-" + version + " (sdist)", null, false, byKey, failed));
      }
      Object rp = release.get("requires_python");
      out.add(new ReleaseData(version, (Boolean) release.get("yanked"), rp == null ? null : rp.toString(), dists));
    }
    return new ProjectData(name, out);
  }

  /**
   * Requirement rows of one source: a file's, the release's, or one sdist result's (whose
   * source can be shared by results of other inputs and files of the release).
   */
  private static String sourceKey(Object version, Object source, Object provenance, Object sdistFilename) {
    return version + "\u0000" + source + "\u0000" + provenance + "\u0000" + sdistFilename;
  }

  private static List<String> raws(List<GenericRecord> rows) {
    List<String> out = new ArrayList<>();
    if (rows != null) {
      rows.forEach(r -> out.add(r.get("raw").toString()));
    }
    return out;
  }

  /**
   * What an sdist build needs at run time: install_requires, and extras_require as PEP 508
   * strings whose markers say which extra (and, for {@code extra:marker} keys, when).
   */
  static List<String> runtimeRequirements(List<GenericRecord> rows) {
    List<String> out = new ArrayList<>();
    if (rows == null) {
      return out;
    }
    Map<String, List<GenericRecord>> byKind = new LinkedHashMap<>();
    rows.forEach(r -> byKind.computeIfAbsent(r.get("kind").toString(), k -> new ArrayList<>()).add(r));
    for (GenericRecord r : byKind.getOrDefault("install_requires", List.of())) {
      out.add(r.get("raw").toString());
    }
    for (GenericRecord r : byKind.getOrDefault("extras_require", List.of())) {
      Object extra = r.get("for_extra");
      Object when = r.get("extra_marker");
      out.add(withMarker(r.get("raw").toString(),
          extra == null ? null : "extra == \"" + extra + "\"", when == null ? null : when.toString()));
    }
    return out;
  }

  /** The requirement with its own marker and {@code extra}/{@code when} conditions and-ed. */
  static String withMarker(String raw, String extra, String when) {
    if (extra == null && when == null) {
      return raw;
    }
    Requirement req;
    try {
      req = Requirement.parse(raw);
    } catch (InvalidRequirementException e) {
      return raw; // the resolver reports it
    }
    List<String> parts = new ArrayList<>();
    if (req.marker() != null) {
      parts.add("(" + req.marker() + ")");
    }
    if (when != null) {
      try {
        parts.add("(" + Marker.parse(when) + ")");
      } catch (InvalidMarkerException e) {
        return raw;
      }
    }
    if (extra != null) {
      parts.add(extra);
    }
    StringBuilder s = new StringBuilder(req.name());
    if (!req.extras().isEmpty()) {
      s.append('[').append(String.join(",", req.extras())).append(']');
    }
    if (req.url() != null) {
      s.append(" @ ").append(req.url()).append(' ');
    } else {
      s.append(req.specifier());
    }
    return s.append("; ").append(String.join(" and ", parts)).toString();
  }
}
