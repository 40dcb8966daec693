package dev.pypidb.pipelines.read;

import java.util.Locale;

/** The raw metadata formats normalize reads (CONTRACT §3). */
public enum InputFormat {
  /** BigQuery distribution_metadata rows: NDJSON (optionally gzip), Avro or Parquet exports. */
  BIGQUERY("bigquery"),
  /** PyPI JSON API documents, project or release level. */
  PYPI_JSON("pypi-json"),
  /** PEP 691 JSON project pages with PEP 658 metadata files beside them. */
  SIMPLE_JSON("simple-json"),
  /** PEP 658 core metadata read through a simple-json page (not an input by itself). */
  CORE_METADATA("core-metadata"),
  /** A pypi-deps-db checkout: wheel/, sdist/, sdist-errors/ buckets. */
  DEPS_DB("deps-db"),
  /** Distribution files (sdists, wheels, eggs): metadata read from the bytes themselves (§9). */
  ARCHIVES("archives");

  private final String label;

  InputFormat(String label) {
    this.label = label;
  }

  /** The name used on the command line and in tables. */
  public String label() {
    return label;
  }

  /**
   * Source priority when inputs disagree: lower wins (the file itself, then its core metadata as
   * an index serves it, PyPI's JSON API, the simple index, BigQuery, pypi-deps-db).
   */
  public int priority() {
    switch (this) {
      case ARCHIVES:
        return 0;
      case CORE_METADATA:
        return 1;
      case PYPI_JSON:
        return 2;
      case SIMPLE_JSON:
        return 3;
      case BIGQUERY:
        return 4;
      default:
        return 5;
    }
  }

  public static InputFormat fromLabel(String label) {
    for (InputFormat f : values()) {
      if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown --format '" + label + "' (bigquery, pypi-json, simple-json, deps-db, archives)");
  }
}
