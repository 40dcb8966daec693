package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.common.FramedCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

  /** Coder for manifest facts (one per input file: Java serialization was a tenth of a run's CPU). */
  public static final class Coder extends FramedCoder<ManifestPart> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    protected void write(ManifestPart m, DataOutputStream out) throws IOException {
      writeString(out, m.kind.name());
      writeString(out, m.key);
      out.writeLong(m.value);
      out.writeBoolean(m.shard != null);
      if (m.shard != null) {
        WrittenShard.Coder.encode(m.shard, out);
      }
    }

    @Override
    protected ManifestPart read(DataInputStream in) throws IOException {
      Kind kind = Kind.valueOf(readString(in));
      String key = readString(in);
      long value = in.readLong();
      WrittenShard shard = in.readBoolean() ? WrittenShard.Coder.decode(in) : null;
      return new ManifestPart(kind, key, value, shard);
    }
  }
}
