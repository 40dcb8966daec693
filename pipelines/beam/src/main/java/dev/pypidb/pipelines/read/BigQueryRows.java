package dev.pypidb.pipelines.read;

import java.util.List;

/** Maps one {@code bigquery-public-data.pypi.distribution_metadata} row to a {@link RawRecord}. */
final class BigQueryRows {
  private BigQueryRows() {}

  static RawRecord toRecord(Fields row, String input, long position) throws RecordException {
    String name = require(row, "name");
    String version = require(row, "version");
    String filename = require(row, "filename");
    List<String> requiresDist = row.strings("requires_dist");
    RawRecord.Builder b = RawRecord.builder(RawRecord.Kind.FILE, InputFormat.BIGQUERY, input, position);
    FieldLimits.checkRecord(name, version, filename, requiresDist);
    String packagetype = row.string("packagetype");
    return b.project(name)
        .version(version)
        .filename(filename)
        .packagetype(packagetype != null ? packagetype : PackageTypes.fromFilename(filename))
        .pythonVersion(row.string("python_version"))
        .size(row.integer("size"))
        .sha256(row.string("sha256_digest"))
        .uploadTimeMicros(row.timestamp("upload_time"))
        .requiresPython(row.string("requires_python"))
        .yanked(row.bool("yanked"))
        .yankedReason(row.string("yanked_reason"))
        .requiresDist(requiresDist)
        .providesExtra(row.strings("provides_extra"))
        .metadataVersion(row.string("metadata_version"))
        .dynamic(row.strings("dynamic"))
        .build();
  }

  private static String require(Fields row, String field) throws RecordException {
    String v = row.string(field);
    if (v == null || v.isEmpty()) {
      throw new RecordException(DeadLetter.VALIDATE, "missing required field '" + field + "'");
    }
    return v;
  }
}
