package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.PackageTypes;
import dev.pypidb.pipelines.read.RawRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One file as all inputs together describe it: each field from the most authoritative record
 * that has it (its own core metadata, then PyPI's JSON API, the simple index, BigQuery, and
 * pypi-deps-db last).
 */
final class MergedFile {
  final String filename;
  final String version;
  final String packagetype;
  final String pythonVersion;
  final Long size;
  final String sha256;
  final Long uploadTimeMicros;
  final String requiresPython;
  final boolean yanked;
  final String yankedReason;
  final List<String> providesExtra;
  final List<String> requiresDist;
  final String metadataSource;
  final List<String> sources;
  final String depsDbName;
  /** Every record of the file, its own metadata first (input format priority). */
  final List<RawRecord> records;

  private MergedFile(String filename, List<RawRecord> records, List<RawRecord> metadata) {
    List<RawRecord> all = new ArrayList<>(metadata);
    all.addAll(records);
    all.sort(Comparator.comparingInt(r -> r.format().priority()));
    this.filename = filename;
    this.version = version(all);
    String type = first(all, RawRecord::packagetype);
    this.packagetype = type != null ? type : PackageTypes.fromFilename(filename);
    this.pythonVersion = first(all, RawRecord::pythonVersion);
    this.size = first(all, RawRecord::size);
    this.sha256 = first(all, RawRecord::sha256);
    this.uploadTimeMicros = first(all, RawRecord::uploadTimeMicros);
    this.requiresPython = first(all, RawRecord::requiresPython);
    Boolean y = first(all, RawRecord::yanked);
    this.yanked = y != null && y;
    this.yankedReason = yanked ? first(all, RawRecord::yankedReason) : null;
    // A file's metadata never changes, so a non-empty list from any input is the truth and an
    // empty one elsewhere is that input's gap (BigQuery cannot tell empty from unknown).
    RawRecord meta = null;
    for (RawRecord r : all) {
      if (r.requiresDist() != null && (meta == null || (meta.requiresDist().isEmpty() && !r.requiresDist().isEmpty()))) {
        meta = r;
      }
    }
    this.requiresDist = meta == null ? null : meta.requiresDist();
    this.metadataSource = meta == null ? null : meta.format().label();
    this.providesExtra = meta != null && meta.providesExtra() != null
        ? meta.providesExtra() : first(all, RawRecord::providesExtra);
    TreeSet<String> s = new TreeSet<>();
    all.forEach(r -> s.add(r.format().label()));
    this.sources = List.copyOf(s);
    String depsDb = null;
    for (RawRecord r : all) {
      if (r.format() == InputFormat.DEPS_DB) {
        depsDb = r.project();
        break;
      }
    }
    this.depsDbName = depsDb;
    this.records = List.copyOf(all);
  }

  static MergedFile of(String filename, List<RawRecord> records, List<RawRecord> metadata) {
    return new MergedFile(filename, records, metadata);
  }

  /**
   * The release the file belongs to: as its metadata or an index spells the version; the
   * simple index only knows the filename's spelling, so it comes last.
   */
  private static String version(List<RawRecord> all) {
    String fromFilename = null;
    for (RawRecord r : all) {
      if (r.version() == null) {
        continue;
      }
      if (r.format() == InputFormat.SIMPLE_JSON) {
        fromFilename = fromFilename == null ? r.version() : fromFilename;
      } else {
        return r.version();
      }
    }
    return fromFilename;
  }

  private static <T> T first(List<RawRecord> all, Function<RawRecord, T> field) {
    for (RawRecord r : all) {
      T v = field.apply(r);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
