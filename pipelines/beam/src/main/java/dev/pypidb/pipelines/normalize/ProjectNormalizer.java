package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.PackageTypes;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.SdistBuild;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.filenames.InvalidFilenameException;
import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns every raw record of one project into its rows: merges what different inputs say about
 * the same file, release or sdist build, ranks the versions, expands wheel tags and parses
 * requirements. Depends only on the records, never on where they sit in their inputs, so a
 * project's rows are the same whatever else the input holds.
 */
public final class ProjectNormalizer {
  private static final Comparator<RawRecord> PRIORITY = Comparator
      .comparingInt((RawRecord r) -> r.format().priority())
      .thenComparing(RawRecord::input)
      .thenComparingLong(RawRecord::position);

  private final ParsedRequirement.Cache requirements = new ParsedRequirement.Cache(100_000);

  public ProjectOutput normalize(String name, Iterable<RawRecord> input) {
    List<RawRecord> records = new ArrayList<>();
    input.forEach(records::add);
    records.sort(PRIORITY);
    List<DeadLetter> dead = new ArrayList<>();

    RecordMerger<String> files = new RecordMerger<>();
    RecordMerger<String> metadata = new RecordMerger<>();
    RecordMerger<String> releaseInfo = new RecordMerger<>();
    RecordMerger<String> builds = new RecordMerger<>();
    for (RawRecord r : records) {
      DeadLetter d = switch (r.kind()) {
        case FILE -> files.offer(r.filename(), r, "file");
        case FILE_METADATA -> metadata.offer(r.filename(), r, "metadata of");
        case RELEASE -> releaseInfo.offer(r.version(), r, "release");
        case SDIST_BUILD -> builds.offer(buildOwner(r) + " " + r.version() + " " + new TreeSet<>(r.sdistBuilds().keySet()), r, "sdist build");
      };
      if (d != null) {
        dead.add(d);
      }
    }

    // Files: merged fields, and the version each belongs to.
    Map<String, MergedFile> mergedFiles = new TreeMap<>();
    for (Map.Entry<String, List<RawRecord>> e : files.accepted().entrySet()) {
      List<RawRecord> meta = metadata.accepted().remove(e.getKey());
      MergedFile f = MergedFile.of(e.getKey(), e.getValue(), meta == null ? List.of() : meta);
      if (f.version == null) {
        for (RawRecord r : e.getValue()) {
          dead.add(new DeadLetter(r.input(), r.position(), DeadLetter.VALIDATE,
              "cannot tell the version of " + e.getKey() + " (no metadata, and the filename has none)", r.describe()));
        }
        if (meta != null) {
          meta.forEach(r -> dead.add(new DeadLetter(r.input(), r.position(), DeadLetter.MERGE,
              "its file " + e.getKey() + " has no usable record", r.describe())));
        }
        continue;
      }
      mergedFiles.put(e.getKey(), f);
    }
    for (List<RawRecord> orphans : metadata.accepted().values()) {
      for (RawRecord r : orphans) {
        dead.add(new DeadLetter(r.input(), r.position(), DeadLetter.MERGE,
            "metadata for " + r.filename() + ", which no input lists as a file of " + name, r.describe()));
      }
    }

    // Sdist builds: python key -> build, first claim wins; a record whose every key was taken
    // by an earlier, different build is a conflict.
    // pypi-deps-db may list one project under two keys (with and without dots), and record both
    // a result and an error for one python key (sdist/ and sdist-errors/): all are kept apart,
    // so an export can write each back.
    Map<String, Map<String, Map<String, String>>> buildsByVersion = new HashMap<>();
    for (List<RawRecord> claimants : builds.accepted().values()) {
      for (RawRecord r : claimants) {
        Map<String, String> byKey = buildsByVersion.computeIfAbsent(r.version(), v -> new TreeMap<>())
            .computeIfAbsent(buildOwner(r), k -> new TreeMap<>());
        boolean contributed = false;
        for (Map.Entry<String, String> b : r.sdistBuilds().entrySet()) {
          String had = byKey.putIfAbsent(b.getKey(), b.getValue());
          contributed |= had == null || had.equals(b.getValue());
        }
        if (!contributed) {
          dead.add(new DeadLetter(r.input(), r.position(), DeadLetter.MERGE,
              "every python key of " + r.project() + " " + r.version() + " already has a different sdist result; kept the first",
              r.describe()));
        }
      }
    }

    // Versions: every version any record names, ranked among the valid ones.
    Map<String, Version> versions = new TreeMap<>();
    mergedFiles.values().forEach(f -> versions.put(f.version, Version.tryParse(f.version)));
    releaseInfo.accepted().keySet().forEach(v -> versions.put(v, Version.tryParse(v)));
    buildsByVersion.keySet().forEach(v -> versions.put(v, Version.tryParse(v)));
    Map<String, Integer> order = VersionOrder.denseRanks(versions);
    Comparator<String> byVersion = VersionOrder.comparator(order);

    EnumMap<Table, List<GenericRecord>> rows = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      rows.put(t, new ArrayList<>());
    }
    RowBuilders out = new RowBuilders(name, requirements);
    String displayName = records.isEmpty() ? name : displayName(records);

    Map<String, List<MergedFile>> filesByVersion = new TreeMap<>(byVersion);
    for (MergedFile f : mergedFiles.values()) {
      filesByVersion.computeIfAbsent(f.version, v -> new ArrayList<>()).add(f);
    }
    TreeMap<String, Version> sortedVersions = new TreeMap<>(byVersion);
    sortedVersions.putAll(versions);
    Map<String, TreeSet<String>> releaseSources = new HashMap<>();
    for (RawRecord r : records) {
      if (r.version() != null && r.kind() != RawRecord.Kind.FILE) {
        releaseSources.computeIfAbsent(r.version(), k -> new TreeSet<>()).add(r.format().label());
      }
    }
    for (Map.Entry<String, Version> v : sortedVersions.entrySet()) {
      String version = v.getKey();
      List<MergedFile> fs = filesByVersion.getOrDefault(version, List.of());
      List<RawRecord> info = releaseInfo.accepted().getOrDefault(version, List.of());
      Map<String, Map<String, String>> sdists = buildsByVersion.getOrDefault(version, Map.of());
      rows.get(Table.RELEASES).add(out.release(displayName, version, v.getValue(), order.get(version),
          fs, info, !sdists.isEmpty(), sources(releaseSources.get(version), fs)));
      for (MergedFile f : fs) {
        WheelFilename wheel = null;
        String wheelError = null;
        if (PackageTypes.WHEEL.equals(f.packagetype) || f.filename.endsWith(".whl")) {
          try {
            wheel = WheelFilename.parse(f.filename);
          } catch (InvalidFilenameException e) {
            wheelError = e.getMessage();
          }
        }
        rows.get(Table.FILES).add(out.file(version, f, wheel, wheelError));
        if (wheel != null) {
          rows.get(Table.WHEEL_TAGS).addAll(out.wheelTags(version, wheel));
        }
        if (f.requiresDist != null) {
          rows.get(Table.REQUIREMENTS).addAll(out.requirements(version, f.filename, "requires_dist",
              f.requiresDist, "deps-db".equals(f.metadataSource) ? f.depsDbName : null));
        }
      }
      for (RawRecord r : info) {
        if (r.requiresDist() != null) {
          rows.get(Table.REQUIREMENTS).addAll(out.requirements(version, "release", "requires_dist", r.requiresDist(), null));
          break;
        }
      }
      List<SdistResult> results = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> owner : sdists.entrySet()) {
        String depsDbName = owner.getKey().substring(0, owner.getKey().indexOf('\u0000'));
        for (Map.Entry<List<String>, String> group : SdistGroups.byPayload(owner.getValue()).entrySet()) {
          results.add(new SdistResult(SdistResult.DEPS_DB, null, depsDbName, group.getKey(),
              SdistBuild.fromJson(group.getValue()), "sdist:" + String.join(",", group.getKey())));
        }
      }
      for (MergedFile f : fs) {
        if (PackageTypes.SDIST.equals(f.packagetype)) {
          results.addAll(staticResults(f));
        }
      }
      List<List<String>> chosen = SdistChoice.choose(results);
      for (int i = 0; i < results.size(); i++) {
        SdistResult result = results.get(i);
        rows.get(Table.SDIST_METADATA).add(out.sdistMetadata(version, result, chosen.get(i)));
        if (!result.fromDepsDb() && i > 0 && sameRequirements(results.get(i - 1), result)) {
          continue; // keys with an identical static result share their requirement rows
        }
        rows.get(Table.REQUIREMENTS).addAll(out.sdistRequirements(version, result));
      }
    }

    Map<String, Long> accepted = new TreeMap<>();
    for (RawRecord r : records) {
      accepted.merge(r.input(), 1L, Long::sum);
    }
    for (DeadLetter d : dead) {
      accepted.merge(d.input(), -1L, Long::sum);
    }
    accepted.values().removeIf(n -> n == 0);
    String fingerprint = fingerprint(records);
    rows.get(Table.FINGERPRINTS).add(out.fingerprint(fingerprint, records.size(), dead.size()));
    return new ProjectOutput(name, rows, dead, accepted, fingerprint, records.size());
  }

  /**
   * The static results of an sdist file: its archive's extraction (one per python key), and,
   * from each other input whose core metadata of the file PEP 643 lets us trust
   * (Metadata-Version 2.2+, Requires-Dist not Dynamic), a {@code pkg-info} result for every key.
   * Keys with an identical result share a requirements source.
   */
  private static List<SdistResult> staticResults(MergedFile f) {
    List<SdistResult> out = new ArrayList<>();
    java.util.Set<InputFormat> seen = new java.util.HashSet<>();
    for (RawRecord r : f.records) {
      if (!seen.add(r.format())) {
        continue;
      }
      Map<String, String> byKey;
      if (r.format() == InputFormat.ARCHIVES) {
        byKey = r.sdistBuilds();
      } else if (r.requiresDist() != null && r.staticMetadata("Requires-Dist")) {
        byKey = TrustedMetadata.payloads(r);
      } else {
        byKey = null;
      }
      if (byKey == null || byKey.isEmpty()) {
        continue;
      }
      for (Map.Entry<List<String>, String> group : SdistGroups.byPayload(byKey).entrySet()) {
        String source = "sdist:" + String.join(",", group.getKey());
        SdistBuild build = SdistBuild.fromJson(group.getValue());
        for (String key : group.getKey()) {
          out.add(new SdistResult(r.format().label(), f.filename, null, List.of(key), build, source));
        }
      }
    }
    return out;
  }

  /** Whether two consecutive static results are keys of one group (one set of requirement rows). */
  private static boolean sameRequirements(SdistResult a, SdistResult b) {
    return !a.fromDepsDb() && a.provenance().equals(b.provenance()) && a.filename().equals(b.filename())
        && a.requirementsSource().equals(b.requirementsSource());
  }

  /** Whose builds a record holds: its pypi-deps-db key, and whether they are results or errors. */
  private static String buildOwner(RawRecord r) {
    boolean errors = r.sdistBuilds().values().stream().allMatch(p -> p.startsWith("{\"error\""));
    return r.project() + "\u0000" + (errors ? "error" : "ok");
  }

  /**
   * The project's name as the most authoritative format spells it: among the records of the
   * highest-priority format (pypi-deps-db only when nothing else names the project), the most
   * common spelling, ties to the smallest. Never where the records sit in their inputs, so an
   * update can keep an unchanged project's rows.
   */
  static String displayName(List<RawRecord> records) {
    int best = Integer.MAX_VALUE;
    for (RawRecord r : records) {
      if (r.format() != InputFormat.DEPS_DB) {
        best = Math.min(best, r.format().priority());
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (RawRecord r : records) {
      boolean eligible = best == Integer.MAX_VALUE || (r.format() != InputFormat.DEPS_DB && r.format().priority() == best);
      if (eligible) {
        counts.merge(r.project(), 1, Integer::sum);
      }
    }
    String name = null;
    int most = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > most) {
        name = e.getKey();
        most = e.getValue();
      }
    }
    return name;
  }

  /** Formats that say something about a release: its files' sources and release-level records. */
  private static List<String> sources(TreeSet<String> releaseLevel, List<MergedFile> files) {
    TreeSet<String> out = releaseLevel == null ? new TreeSet<>() : new TreeSet<>(releaseLevel);
    for (MergedFile f : files) {
      out.addAll(f.sources);
    }
    return List.copyOf(out);
  }

  /** The project's {@link Fingerprint}: what its records say, in any order. */
  static String fingerprint(List<RawRecord> records) {
    Fingerprint f = new Fingerprint();
    records.forEach(r -> f.add(r.digest()));
    return f.toString();
  }

  /** Sdist results grouped: python keys with an identical result share one row. */
  static final class SdistGroups {
    private SdistGroups() {}

    static Map<List<String>, String> byPayload(Map<String, String> byKey) {
      Map<String, List<String>> keysByPayload = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>(byKey.keySet());
      keys.sort(PythonKeys.ORDER);
      for (String key : keys) {
        keysByPayload.computeIfAbsent(byKey.get(key), p -> new ArrayList<>()).add(key);
      }
      Map<List<String>, String> out = new LinkedHashMap<>();
      keysByPayload.forEach((payload, ks) -> out.put(List.copyOf(ks), payload));
      return out;
    }
  }
}
