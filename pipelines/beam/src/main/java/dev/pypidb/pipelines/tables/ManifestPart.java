package dev.pypidb.pipelines.tables;

import java.io.Serializable;

/**
 * One fact the manifest reports, gathered from anywhere in the pipeline: a count per input, or
 * a written table shard.
 */
public record ManifestPart(Kind kind, String key, long value, WrittenShard shard) implements Serializable {

  /** What the fact is. */
  public enum Kind {
    RECORDS_READ,
    BLANK_LINES,
    RECORDS_ACCEPTED,
    DEAD_LETTERED,
    SHARD,
    /** A named number a pipeline wants in its manifest (key = name). */
    STAT
  }

  public static ManifestPart count(Kind kind, String input, long n) {
    return new ManifestPart(kind, input, n, null);
  }

  public static ManifestPart shard(WrittenShard s) {
    return new ManifestPart(Kind.SHARD, s.table(), s.rows(), s);
  }
}
