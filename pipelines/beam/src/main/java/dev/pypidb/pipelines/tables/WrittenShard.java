package dev.pypidb.pipelines.tables;

import java.io.Serializable;

/** A table shard written to its attempt directory, not yet moved into place. */
public record WrittenShard(String table, int shard, int shards, String attemptPath, long rows)
    implements Serializable {

  /** The shard's final file name under the table directory. */
  public String finalName() {
    return table.equals(ResolverGraphFiles.DIR)
        ? ResolverGraphFiles.partName(shard, shards) : partName(shard, shards);
  }

  public static String partName(int shard, int shards) {
    return String.format("part-%05d-of-%05d.parquet", shard, shards);
  }
}
