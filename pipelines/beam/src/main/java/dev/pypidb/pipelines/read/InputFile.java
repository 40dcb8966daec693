package dev.pypidb.pipelines.read;

import java.io.Serializable;

/** One input file and the format it is read as. */
public record InputFile(String path, InputFormat format, Layout layout) implements Serializable {

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
