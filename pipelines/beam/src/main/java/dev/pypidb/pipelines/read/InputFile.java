package dev.pypidb.pipelines.read;

import java.io.Serializable;

/** One input file, the format it is read as, and its size in bytes (0 when unknown). */
public record InputFile(String path, InputFormat format, Layout layout, long size) implements Serializable {

  /** A file whose size is not known (progress then counts it when it has been read). */
  public InputFile(String path, InputFormat format, Layout layout) {
    this(path, format, layout, 0);
  }

  /** How a file of a format is laid out. */
  public enum Layout {
    /** One record per line (BigQuery NDJSON), optionally gzip. */
    LINES,
    /** Avro container file (BigQuery export). */
    AVRO,
    /** Parquet file (BigQuery export). */
    PARQUET,
    /** One JSON document (PyPI JSON, PEP 691 page, pypi-deps-db bucket), optionally gzip. */
    DOCUMENT,
    /** One distribution file (sdist, wheel, egg): the {@code archives} format. */
    ARCHIVE
  }
}
