package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.PackageTypes;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.SdistBuild;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.markers.InvalidMarkerException;
import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.tags.PlatformTag;
import dev.pypidb.pypa.tags.Tag;
import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds the rows of each table for one project (schemas in {@code schemas/}). */
final class RowBuilders {
  private final String name;
  private final ParsedRequirement.Cache requirements;

  RowBuilders(String name, ParsedRequirement.Cache requirements) {
    this.name = name;
    this.requirements = requirements;
  }

  private GenericRecord row(Table table) {
    GenericRecord r = new GenericData.Record(table.schema());
    r.put("name", name);
    return r;
  }

  GenericRecord release(String displayName, String version, Version parsed, Integer order,
      List<MergedFile> files, List<RawRecord> info, boolean hasSdistBuild, List<String> sources) {
    GenericRecord r = row(Table.RELEASES);
    r.put("display_name", displayName);
    r.put("version", version);
    r.put("version_normalized", parsed == null ? null : parsed.toString());
    r.put("version_valid", parsed != null);
    r.put("version_order", order);
    r.put("is_prerelease", parsed == null ? null : parsed.isPrerelease());
    RawRecord releaseInfo = info.isEmpty() ? null : info.get(0);
    String requiresPython = releaseInfo != null && releaseInfo.requiresPython() != null
        ? releaseInfo.requiresPython() : mostCommonRequiresPython(files);
    r.put("requires_python", requiresPython);
    Boolean yanked = null;
    String reason = null;
    for (RawRecord i : info) {
      if (i.yanked() != null) {
        yanked = i.yanked();
        reason = i.yankedReason();
        break;
      }
    }
    if (yanked == null) {
      boolean all = !files.isEmpty();
      for (MergedFile f : files) {
        all &= f.yanked;
        if (f.yanked && reason == null) {
          reason = f.yankedReason;
        }
      }
      yanked = all;
    }
    r.put("yanked", yanked);
    r.put("yanked_reason", yanked ? reason : null);
    Long first = null;
    int wheels = 0;
    boolean sdist = hasSdistBuild;
    for (MergedFile f : files) {
      if (f.uploadTimeMicros != null && (first == null || f.uploadTimeMicros < first)) {
        first = f.uploadTimeMicros;
      }
      wheels += PackageTypes.WHEEL.equals(f.packagetype) ? 1 : 0;
      sdist |= PackageTypes.SDIST.equals(f.packagetype);
    }
    r.put("first_upload_time", first);
    r.put("n_files", files.size());
    r.put("n_wheels", wheels);
    r.put("has_sdist", sdist);
    r.put("sources", sources);
    return r;
  }

  /** The Requires-Python most files declare; ties go to the first file in name order. */
  private static String mostCommonRequiresPython(List<MergedFile> files) {
    Map<String, Integer> counts = new HashMap<>();
    String best = null;
    int bestCount = 0;
    for (MergedFile f : files) {
      if (f.requiresPython == null) {
        continue;
      }
      int c = counts.merge(f.requiresPython, 1, Integer::sum);
      if (c > bestCount) {
        best = f.requiresPython;
        bestCount = c;
      }
    }
    return best;
  }

  GenericRecord file(String version, MergedFile f, WheelFilename wheel, String wheelError) {
    GenericRecord r = row(Table.FILES);
    r.put("version", version);
    r.put("filename", f.filename);
    r.put("packagetype", f.packagetype);
    r.put("python_version", f.pythonVersion);
    r.put("size", f.size);
    r.put("sha256", f.sha256);
    r.put("upload_time", f.uploadTimeMicros);
    r.put("requires_python", f.requiresPython);
    r.put("yanked", f.yanked);
    r.put("yanked_reason", f.yankedReason);
    r.put("provides_extra", f.providesExtra);
    r.put("filename_valid", wheelError == null);
    r.put("filename_error", wheelError);
    if (wheel != null) {
      r.put("build_tag", wheel.buildNumber() == null ? null : wheel.buildNumber() + wheel.buildTail());
      r.put("python_tags", wheel.pythonTags());
      r.put("abi_tags", wheel.abiTags());
      r.put("platform_tags", wheel.platformTags());
    }
    r.put("metadata_source", f.metadataSource);
    r.put("deps_db_name", f.depsDbName);
    r.put("sources", f.sources);
    return r;
  }

  List<GenericRecord> wheelTags(String version, WheelFilename wheel) {
    List<GenericRecord> out = new ArrayList<>();
    for (Tag t : wheel.tags()) {
      PlatformTag p = PlatformTag.of(t.platform());
      GenericRecord r = row(Table.WHEEL_TAGS);
      r.put("version", version);
      r.put("filename", wheel.filename());
      r.put("interpreter", t.interpreter());
      r.put("abi", t.abi());
      r.put("platform", t.platform());
      r.put("platform_family", p.family());
      r.put("libc_major", p.libcMajor());
      r.put("libc_minor", p.libcMinor());
      r.put("os_major", p.osMajor());
      r.put("os_minor", p.osMinor());
      r.put("arch", p.arch());
      out.add(r);
    }
    return out;
  }

  List<GenericRecord> requirements(String version, String source, String kind, List<String> raws,
      String depsDbName) {
    List<GenericRecord> out = new ArrayList<>(raws.size());
    for (int i = 0; i < raws.size(); i++) {
      out.add(requirement(version, source, kind, i, raws.get(i), null, null, null, null, depsDbName));
    }
    return out;
  }

  private GenericRecord requirement(String version, String source, String kind, int position,
      String raw, String forExtra, String extrasKey, String extraMarker, List<String> pythonKeys,
      String depsDbName) {
    ParsedRequirement p = requirements.get(raw);
    GenericRecord r = row(Table.REQUIREMENTS);
    r.put("version", version);
    r.put("source", source);
    r.put("kind", kind);
    r.put("position", position);
    r.put("raw", raw);
    r.put("valid", p.valid());
    r.put("error", p.error());
    r.put("dependency", p.dependency());
    r.put("extras", p.extras());
    r.put("specifier", p.specifier());
    r.put("marker", p.marker());
    r.put("url", p.url());
    r.put("for_extra", forExtra != null ? forExtra : p.forExtra());
    r.put("extras_key", extrasKey);
    r.put("extra_marker", extraMarker);
    r.put("python_keys", pythonKeys);
    r.put("deps_db_name", depsDbName);
    return r;
  }

  GenericRecord sdistMetadata(String version, SdistResult result, List<String> chosenKeys) {
    SdistBuild build = result.build();
    GenericRecord r = row(Table.SDIST_METADATA);
    r.put("version", version);
    r.put("deps_db_name", result.depsDbName());
    r.put("python_keys", result.pythonKeys());
    r.put("status", build.status());
    r.put("error", build.error());
    r.put("python_requires", build.pythonRequires());
    r.put("keys_present", build.keysPresent());
    r.put("extras_keys", new ArrayList<>(build.extrasRequire().keySet()));
    r.put("filename", result.filename());
    r.put("provenance", result.provenance());
    r.put("method", build.method());
    r.put("reason", build.reason());
    r.put("field_methods", build.fieldMethods());
    r.put("requirements_source", "error".equals(build.status()) ? null : result.requirementsSource());
    r.put("chosen_keys", chosenKeys);
    return r;
  }

  /**
   * The requirement rows of an sdist result: its keywords' entries (none for an error; the
   * keywords an unresolved result did find are kept).
   */
  List<GenericRecord> sdistRequirements(String version, SdistResult result) {
    List<GenericRecord> out = new ArrayList<>();
    SdistBuild build = result.build();
    if ("error".equals(build.status())) {
      return out;
    }
    String source = result.requirementsSource();
    List<String> pythonKeys = sdistKeys(source);
    SdistRowContext c = new SdistRowContext(version, source, pythonKeys, result.depsDbName(),
        result.provenance(), result.filename());
    addAll(out, c, "install_requires", build.installRequires());
    addAll(out, c, "setup_requires", build.setupRequires());
    addAll(out, c, "tests_require", build.testsRequire());
    for (Map.Entry<String, List<String>> e : build.extrasRequire().entrySet()) {
      String key = e.getKey();
      int colon = key.indexOf(':');
      String extra = colon < 0 ? key : key.substring(0, colon);
      String forExtra = extra.isBlank() ? null : ProjectNames.canonicalize(extra.strip());
      String extraMarker = colon < 0 ? null : normalizedMarker(key.substring(colon + 1));
      List<String> raws = e.getValue();
      for (int i = 0; i < raws.size(); i++) {
        out.add(c.stamp(requirement(version, source, "extras_require", i, raws.get(i), forExtra, key, extraMarker,
            pythonKeys, result.depsDbName())));
      }
    }
    return out;
  }

  /** The python keys a {@code sdist:<keys>} source names. */
  private static List<String> sdistKeys(String source) {
    return List.of(source.substring("sdist:".length()).split(","));
  }

  /** What every requirement row of one sdist result shares. */
  private record SdistRowContext(String version, String source, List<String> pythonKeys, String depsDbName,
      String provenance, String filename) {
    GenericRecord stamp(GenericRecord r) {
      r.put("provenance", provenance);
      r.put("sdist_filename", filename);
      return r;
    }
  }

  private void addAll(List<GenericRecord> out, SdistRowContext c, String kind, List<String> raws) {
    for (int i = 0; i < raws.size(); i++) {
      out.add(c.stamp(requirement(c.version(), c.source(), kind, i, raws.get(i), null, null, null, c.pythonKeys(),
          c.depsDbName())));
    }
  }

  /** The marker of an {@code extra:marker} key, normalized; as written when it does not parse. */
  private static String normalizedMarker(String text) {
    try {
      return Marker.parse(text.strip()).toString();
    } catch (InvalidMarkerException e) {
      return text.strip();
    }
  }

  GenericRecord fingerprint(String fingerprint, long records, long deadLetters) {
    GenericRecord r = row(Table.FINGERPRINTS);
    r.put("fingerprint", fingerprint);
    r.put("records", records);
    r.put("dead_letters", deadLetters);
    return r;
  }

}
