package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.common.FramedCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

  /** Coder for written shards. */
  public static final class Coder extends FramedCoder<WrittenShard> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    protected void write(WrittenShard w, DataOutputStream out) throws IOException {
      encode(w, out);
    }

    @Override
    protected WrittenShard read(DataInputStream in) throws IOException {
      return decode(in);
    }

    static void encode(WrittenShard w, DataOutputStream out) throws IOException {
      writeString(out, w.table);
      out.writeInt(w.shard);
      out.writeInt(w.shards);
      writeString(out, w.attemptPath);
      out.writeLong(w.rows);
    }

    static WrittenShard decode(DataInputStream in) throws IOException {
      return new WrittenShard(readString(in), in.readInt(), in.readInt(), readString(in), in.readLong());
    }
  }
}
