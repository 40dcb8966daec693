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
  DEPS_DB("deps-db");

  private final String label;

  InputFormat(String label) {
    this.label = label;
  }

  /** The name used on the command line and in tables. */
  public String label() {
    return label;
  }

  /** Source priority when inputs disagree: lower wins (the file's own metadata first). */
  public int priority() {
    switch (this) {
      case CORE_METADATA:
        return 0;
      case PYPI_JSON:
        return 1;
      case SIMPLE_JSON:
        return 2;
      case BIGQUERY:
        return 3;
      default:
        return 4;
    }
  }

  public static InputFormat fromLabel(String label) {
    for (InputFormat f : values()) {
      if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown --format '" + label + "' (bigquery, pypi-json, simple-json, deps-db)");
  }
}
