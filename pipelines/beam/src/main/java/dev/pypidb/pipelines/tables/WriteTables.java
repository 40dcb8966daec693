package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.storage.Scratch;
import dev.pypidb.pipelines.storage.Storage;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes row blocks as Parquet tables: each table in a fixed number of shards (by a stable hash
 * of the block's sort key), blocks sorted by that key, every shard first into a private attempt
 * directory. {@link FinalizeOutput} moves the shards into place once all are written, so a
 * failed or retried attempt never leaves partial files where results are read.
 */
public final class WriteTables extends PTransform<PCollection<RowBlock>, PCollection<WrittenShard>> {
  private final String output;
  private final int shards;

  private WriteTables(String output, int shards) {
    this.output = output;
    this.shards = shards;
  }

  public static WriteTables to(String output, int shards) {
    return new WriteTables(output, shards);
  }

  /** Small tables get one file; large ones {@code shards}. */
  public static int shardsFor(Table table, int shards) {
    return switch (table) {
      case RELEASES, FILES, WHEEL_TAGS, REQUIREMENTS, SDIST_METADATA, FINGERPRINTS -> shards;
      default -> 1;
    };
  }

  @Override
  public PCollection<WrittenShard> expand(PCollection<RowBlock> blocks) {
    return blocks
        .apply("AssignShard", ParDo.of(new AssignShardFn(shards)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowBlock.Coder.of()))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteShard", ParDo.of(new WriteShardFn(output, shards)))
        .setCoder(WrittenShard.Coder.of());
  }

  /** The shard of a sort key: {@code String.hashCode} is specified, so this is stable everywhere. */
  public static int shardOf(String sortKey, int shards) {
    int cut = sortKey.indexOf('\u0000');
    String key = cut < 0 ? sortKey : sortKey.substring(0, cut);
    return Math.floorMod(key.hashCode(), shards);
  }

  static final class AssignShardFn extends DoFn<RowBlock, KV<String, RowBlock>> {
    private final int shards;

    AssignShardFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element RowBlock b, OutputReceiver<KV<String, RowBlock>> out) {
      int n = shardsFor(b.table(), shards);
      out.output(KV.of(b.table().dirName() + "/" + shardOf(b.sortKey(), n), b));
    }
  }

  static final class WriteShardFn extends DoFn<KV<String, Iterable<RowBlock>>, WrittenShard> {
    private final String output;
    private final int shards;

    WriteShardFn(String output, int shards) {
      this.output = output;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<RowBlock>> shard,
        OutputReceiver<WrittenShard> out) throws Exception {
      int cut = shard.getKey().lastIndexOf('/');
      Table table = Table.fromDirName(shard.getKey().substring(0, cut));
      int index = Integer.parseInt(shard.getKey().substring(cut + 1));
      String attemptDir = table.dirName() + "/" + FinalizeOutput.ATTEMPT_PREFIX + UUID.randomUUID();
      String attempt = Storage.resolve(Storage.resolve(output, attemptDir),
          WrittenShard.partName(index, shardsFor(table, shards)));
      Path scratch = Scratch.directory(output, attemptDir);
      long rows = 0;
      try (SortedBlocks sorted = new SortedBlocks(scratch);
          ParquetWriter<GenericRecord> writer = ParquetFiles.writer(attempt, table.schema())) {
        for (RowBlock block : shard.getValue()) {
          sorted.add(block);
        }
        for (RowBlock block : sorted) {
          for (GenericRecord r : block.records()) {
            writer.write(r);
            rows++;
          }
        }
      } finally {
        if (!Storage.isLocal(output)) {
          Storage.deleteTree(scratch.toString()); // a local output's scratch is in the attempt directory
        }
      }
      Progress.tally("write " + table.dirName() + " rows", rows);
      out.output(new WrittenShard(table.dirName(), index, shardsFor(table, shards), attempt, rows));
    }
  }
}
