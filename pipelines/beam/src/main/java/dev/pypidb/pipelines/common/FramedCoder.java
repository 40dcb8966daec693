package dev.pypidb.pipelines.common;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;

/**
 * A coder that serializes into a private buffer and hands the runner one length-prefixed
 * array: runners' stream wrappers are slow per call, and small writes (an int is four calls)
 * dominated the shuffle otherwise. The buffers under the Data streams are byte arrays without
 * the locks of {@code ByteArrayInputStream}/{@code ByteArrayOutputStream}, whose every
 * one-byte call took one (a fifth of a BigQuery normalize's CPU was this coder).
 */
public abstract class FramedCoder<T> extends AtomicCoder<T> {
  private static final long serialVersionUID = 1L;

  private static final ThreadLocal<Buffer> BUFFERS = ThreadLocal.withInitial(Buffer::new);

  /** Writes the value's fields. */
  protected abstract void write(T value, DataOutputStream out) throws IOException;

  /** Reads what {@link #write} wrote. */
  protected abstract T read(DataInputStream in) throws IOException;

  @Override
  public final void encode(T value, OutputStream outStream) throws IOException {
    Buffer b = BUFFERS.get();
    b.reset();
    write(value, b.data);
    b.data.flush();
    VarInt.encode(b.size(), outStream);
    outStream.write(b.bytes(), 0, b.size());
  }

  @Override
  public final T decode(InputStream inStream) throws IOException {
    int n = VarInt.decodeInt(inStream);
    byte[] bytes = new byte[n];
    int off = 0;
    while (off < n) {
      int r = inStream.read(bytes, off, n - off);
      if (r < 0) {
        throw new CoderException("truncated " + getClass().getSimpleName() + " element");
      }
      off += r;
    }
    return read(new DataInputStream(new BytesIn(bytes)));
  }

  @Override
  public void verifyDeterministic() {}

  /** Length-prefixed UTF-8 (no 64 KiB limit like writeUTF), null as -1. */
  public static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  public static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A growable byte array written without locks. */
  private static final class Buffer extends OutputStream {
    final DataOutputStream data = new DataOutputStream(this);
    private byte[] buf = new byte[1024];
    private int count;

    void reset() {
      count = 0;
    }

    int size() {
      return count;
    }

    byte[] bytes() {
      return buf;
    }

    private void ensure(int extra) {
      if (count + extra > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }
  }

  /** A byte array read without locks. */
  private static final class BytesIn extends InputStream {
    private final byte[] buf;
    private int pos;

    BytesIn(byte[] buf) {
      this.buf = buf;
    }

    @Override
    public int read() {
      return pos < buf.length ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, buf.length - pos);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return buf.length - pos;
    }
  }
}
