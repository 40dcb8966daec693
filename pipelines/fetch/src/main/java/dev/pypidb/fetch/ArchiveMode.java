package dev.pypidb.fetch;

import java.util.Locale;

/** Which distribution files fetch downloads whole, besides pages and metadata. */
public enum ArchiveMode {
  /** None: pages, metadata files, and wheels' METADATA read with range requests. */
  NONE,
  /** Sdists (for static extraction); wheels as with NONE. */
  SDISTS,
  /** Every file; a wheel's METADATA is then read from the downloaded wheel. */
  ALL;

  public static ArchiveMode parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--archives must be none, sdists or all, got '" + s + "'");
    }
  }

  boolean wants(DistFile f) {
    return this == ALL || this == SDISTS && f.isSdist();
  }
}
