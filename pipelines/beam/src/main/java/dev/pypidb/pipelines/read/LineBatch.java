package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.common.FramedCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive lines of one line-format input, as bytes, so that decompression (which cannot be
 * split) stays in one reader while parsing spreads over all workers.
 */
public record LineBatch(String input, long firstLine, List<byte[]> lines) {

  /** Coder for line batches. */
  public static final class Coder extends FramedCoder<LineBatch> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    protected void write(LineBatch b, DataOutputStream out) throws IOException {
      writeString(out, b.input);
      out.writeLong(b.firstLine);
      out.writeInt(b.lines.size());
      for (byte[] line : b.lines) {
        out.writeInt(line.length);
        out.write(line);
      }
    }

    @Override
    protected LineBatch read(DataInputStream in) throws IOException {
      String input = readString(in);
      long first = in.readLong();
      int n = in.readInt();
      List<byte[]> lines = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] line = new byte[in.readInt()];
        in.readFully(line);
        lines.add(line);
      }
      return new LineBatch(input, first, lines);
    }
  }
}
