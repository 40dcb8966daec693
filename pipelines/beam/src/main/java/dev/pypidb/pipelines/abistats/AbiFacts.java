package dev.pypidb.pipelines.abistats;

import dev.pypidb.pipelines.common.Popularity;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.tags.PlatformTag;
import dev.pypidb.pypa.tags.Tag;
import dev.pypidb.pypa.tags.Target;
import dev.pypidb.pypa.version.Version;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * What one project contributes to the ABI statistics: counts per (interpreter, ABI), platform
 * and upload month, its latest release's profile, and its readiness on each target. Counts are
 * exact per project (a project lives in one shard), so shards' counts just add up.
 */
public final class AbiFacts {
  /** Statistic keys: the table, then its key columns joined by {@code \u0001}. */
  static final String SEP = "\u0001";

  /** Accumulated counts per key: [projects, releases, files]. */
  final Map<String, long[]> counts = new HashMap<>();
  final List<GenericRecord> latestRows = new ArrayList<>();
  final List<GenericRecord> readinessRows = new ArrayList<>();
  final List<String> popularPresent = new ArrayList<>();

  private final Map<String, Popularity.Entry> popular;
  private final List<Target> targets;

  AbiFacts(Map<String, Popularity.Entry> popular, List<Target> targets) {
    this.popular = popular;
    this.targets = targets;
  }

  /** One wheel's parsed tags and the facts needed about its file. */
  private record Wheel(String version, String filename, Set<Tag> tags, Long uploadMicros) {}

  void add(String project, List<GenericRecord> releases, List<GenericRecord> files, List<GenericRecord> wheelTags) {
    count("summary" + SEP + "projects", 0, 0, 1);
    count("summary" + SEP + "releases", 0, 0, releases.size());
    Map<String, Long> upload = new HashMap<>();
    Map<String, List<Tag>> tagsByFile = new HashMap<>();
    for (GenericRecord t : wheelTags) {
      tagsByFile.computeIfAbsent(t.get("filename").toString(), f -> new ArrayList<>())
          .add(new Tag(t.get("interpreter").toString(), t.get("abi").toString(), t.get("platform").toString()));
    }
    List<Wheel> wheels = new ArrayList<>();
    Set<String> sdistVersions = new HashSet<>();
    for (GenericRecord f : files) {
      String filename = f.get("filename").toString();
      String type = f.get("packagetype").toString();
      count("summary" + SEP + "files", 0, 0, 1);
      if ("sdist".equals(type)) {
        sdistVersions.add(f.get("version").toString());
        count("summary" + SEP + "sdist_files", 0, 0, 1);
      }
      if (!"bdist_wheel".equals(type)) {
        continue;
      }
      count("summary" + SEP + "wheel_files", 0, 0, 1);
      if (!(Boolean) f.get("filename_valid")) {
        count("summary" + SEP + "invalid_wheel_filenames_excluded", 0, 0, 1);
        continue;
      }
      Long micros = (Long) f.get("upload_time");
      if (micros != null) {
        upload.put(filename, micros);
        count("summary" + SEP + "wheel_files_with_upload_time", 0, 0, 1);
      }
      wheels.add(new Wheel(f.get("version").toString(), filename,
          new java.util.LinkedHashSet<>(tagsByFile.getOrDefault(filename, List.of())), micros));
    }
    addDistinct(wheels);
    addLatest(project, releases, wheels, sdistVersions);
  }

  /** by_abi, by_platform and by_month: each key counted once per project/release/file. */
  private void addDistinct(List<Wheel> wheels) {
    Map<String, Set<String>> releasesByKey = new HashMap<>();
    Map<String, Integer> filesByKey = new HashMap<>();
    for (Wheel w : wheels) {
      Set<String> keys = new TreeSet<>();
      for (Tag t : w.tags()) {
        keys.add("by_abi" + SEP + t.interpreter() + SEP + t.abi());
        keys.add("by_platform" + SEP + t.platform());
        if (w.uploadMicros() != null) {
          PlatformTag p = PlatformTag.of(t.platform());
          keys.add("by_month" + SEP + month(w.uploadMicros()) + SEP + p.family() + SEP + policy(p));
        }
      }
      for (String k : keys) {
        releasesByKey.computeIfAbsent(k, x -> new HashSet<>()).add(w.version());
        filesByKey.merge(k, 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Set<String>> e : releasesByKey.entrySet()) {
      count(e.getKey(), 1, e.getValue().size(), filesByKey.get(e.getKey()));
    }
    if (!wheels.isEmpty()) {
      Set<String> withWheels = new HashSet<>();
      wheels.forEach(w -> withWheels.add(w.version()));
      count("summary" + SEP + "releases_with_wheels", 0, 0, withWheels.size());
    }
  }

  private void count(String key, long projects, long releases, long files) {
    long[] c = counts.computeIfAbsent(key, k -> new long[3]);
    c[0] += projects;
    c[1] += releases;
    c[2] += files;
  }

  static String month(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atOffset(ZoneOffset.UTC).toString().substring(0, 7);
  }

  /** A platform's policy: family plus libc or OS version when it has one. */
  static String policy(PlatformTag p) {
    if (p.libcMajor() != null) {
      return p.family() + "_" + p.libcMajor() + "_" + p.libcMinor();
    }
    if (p.osMajor() != null) {
      return p.family() + "_" + p.osMajor() + (p.osMinor() == null ? "" : "_" + p.osMinor());
    }
    return p.family();
  }

  /**
   * The newest valid, non-yanked release with files (a final release when there is one), its
   * profile row, and its readiness rows when the project is popular.
   */
  private void addLatest(String project, List<GenericRecord> releases, List<Wheel> wheels, Set<String> sdists) {
    GenericRecord latest = null;
    for (GenericRecord r : releases) {
      if (!(Boolean) r.get("version_valid") || (Boolean) r.get("yanked") || (Integer) r.get("n_files") == 0) {
        continue;
      }
      if (latest == null || better(r, latest)) {
        latest = r;
      }
    }
    Popularity.Entry entry = popular.get(project);
    if (entry != null) {
      popularPresent.add(project);
    }
    if (latest == null) {
      if (entry != null) {
        for (Target t : targets) {
          readinessRows.add(readiness(entry, t, null, "none", null, null));
        }
      }
      return;
    }
    String version = latest.get("version").toString();
    List<Wheel> mine = new ArrayList<>();
    for (Wheel w : wheels) {
      if (w.version().equals(version)) {
        mine.add(w);
      }
    }
    latestRows.add(profile(project, latest, mine, sdists.contains(version)));
    if (entry != null) {
      for (Target t : targets) {
        Wheel best = null;
        int bestRank = -1;
        for (Wheel w : mine) {
          int r = t.bestRank(w.tags());
          if (r >= 0 && (bestRank < 0 || r < bestRank)) {
            best = w;
            bestRank = r;
          }
        }
        if (best != null) {
          Tag tag = t.tags().get(bestRank);
          String via = tag.abi().startsWith("abi3") ? "abi3"
              : tag.abi().equals("none") && tag.platform().equals("any") ? "pure" : "native";
          readinessRows.add(readiness(entry, t, version, "wheel", via, best.filename()));
        } else {
          readinessRows.add(readiness(entry, t, version, sdists.contains(version) ? "sdist-only" : "none", null, null));
        }
      }
    }
  }

  /** Final releases beat pre-releases; then the higher version. */
  private static boolean better(GenericRecord a, GenericRecord b) {
    boolean preA = Boolean.TRUE.equals(a.get("is_prerelease"));
    boolean preB = Boolean.TRUE.equals(b.get("is_prerelease"));
    if (preA != preB) {
      return !preA;
    }
    return (Integer) a.get("version_order") > (Integer) b.get("version_order");
  }

  private static GenericRecord profile(String project, GenericRecord release, List<Wheel> wheels, boolean sdist) {
    GenericRecord r = new GenericData.Record(Table.ABI_PROJECT_LATEST.schema());
    r.put("name", project);
    r.put("version", release.get("version").toString());
    Long first = (Long) release.get("first_upload_time");
    r.put("upload_month", first == null ? null : month(first));
    r.put("n_wheels", wheels.size());
    r.put("has_sdist", sdist);
    boolean pure = !wheels.isEmpty();
    boolean binary = false;
    boolean abi3 = false;
    boolean freeThreaded = false;
    TreeSet<String> interpreters = new TreeSet<>();
    TreeSet<String> abis = new TreeSet<>();
    TreeSet<String> arches = new TreeSet<>();
    TreeSet<String> families = new TreeSet<>();
    Map<String, Version[]> ranges = new TreeMap<>();
    for (Wheel w : wheels) {
      for (Tag t : w.tags()) {
        PlatformTag p = PlatformTag.of(t.platform());
        pure &= t.abi().equals("none") && t.platform().equals("any");
        binary |= !t.platform().equals("any");
        abi3 |= t.abi().startsWith("abi3");
        freeThreaded |= t.abi().matches("cp3\\d+t.*") || t.abi().equals("abi3t");
        interpreters.add(t.interpreter());
        abis.add(t.abi());
        families.add(p.family());
        if (p.arch() != null) {
          arches.add(p.arch());
        }
        String family = p.family();
        Integer major = p.libcMajor() != null ? p.libcMajor() : p.osMajor();
        Integer minor = p.libcMinor() != null ? p.libcMinor() : p.osMinor();
        if (major != null && (family.equals("manylinux") || family.equals("musllinux") || family.equals("macosx"))) {
          Version v = Version.parse(major + "." + (minor == null ? 0 : minor));
          Version[] range = ranges.computeIfAbsent(family, f -> new Version[] {v, v});
          if (v.compareTo(range[0]) < 0) {
            range[0] = v;
          }
          if (v.compareTo(range[1]) > 0) {
            range[1] = v;
          }
        }
      }
    }
    r.put("pure", pure);
    r.put("binary", binary);
    r.put("abi3", abi3);
    r.put("free_threaded", freeThreaded);
    r.put("min_glibc", text(ranges.get("manylinux"), 0));
    r.put("max_glibc", text(ranges.get("manylinux"), 1));
    r.put("min_musl", text(ranges.get("musllinux"), 0));
    r.put("max_musl", text(ranges.get("musllinux"), 1));
    r.put("min_macos", text(ranges.get("macosx"), 0));
    r.put("interpreters", new ArrayList<>(interpreters));
    r.put("abis", new ArrayList<>(abis));
    r.put("arches", new ArrayList<>(arches));
    r.put("platform_families", new ArrayList<>(families));
    return r;
  }

  private static String text(Version[] range, int i) {
    return range == null ? null : range[i].toString();
  }

  static GenericRecord readiness(Popularity.Entry entry, Target target, String version, String status,
      String via, String filename) {
    GenericRecord r = new GenericData.Record(Table.ABI_READINESS.schema());
    r.put("name", entry.name());
    r.put("rank", entry.rank());
    r.put("downloads", entry.downloads());
    r.put("target", target.text());
    r.put("version", version);
    r.put("status", status);
    r.put("via", via);
    r.put("filename", filename);
    return r;
  }

}
