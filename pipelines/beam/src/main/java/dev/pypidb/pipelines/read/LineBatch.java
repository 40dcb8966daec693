package dev.pypidb.pipelines.read;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Consecutive lines of one line-format input, as bytes, so that decompression (which cannot be
 * split) stays in one reader while parsing spreads over all workers.
 */
public record LineBatch(String input, long firstLine, List<byte[]> lines) {

  /** Coder for line batches. */
  public static final class Coder extends AtomicCoder<LineBatch> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(LineBatch b, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(b.input);
      out.writeLong(b.firstLine);
      out.writeInt(b.lines.size());
      for (byte[] line : b.lines) {
        out.writeInt(line.length);
        out.write(line);
      }
      out.flush();
    }

    @Override
    public LineBatch decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String input = in.readUTF();
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

    @Override
    public void verifyDeterministic() {}
  }
}
