package dev.pypidb.pipelines.read;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;

/** A compact, deterministic binary coder for {@link RawRecord}s crossing a shuffle. */
public final class RawRecordCoder extends AtomicCoder<RawRecord> {
  private static final long serialVersionUID = 1L;
  private static final RawRecordCoder INSTANCE = new RawRecordCoder();

  public static RawRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawRecord r, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeByte(r.kind.ordinal());
    out.writeByte(r.format.ordinal());
    out.writeUTF(r.input);
    out.writeLong(r.position);
    out.writeUTF(r.project);
    writeString(out, r.version);
    writeString(out, r.filename);
    writeString(out, r.packagetype);
    writeString(out, r.pythonVersion);
    writeLong(out, r.size);
    writeString(out, r.sha256);
    writeLong(out, r.uploadTimeMicros);
    writeString(out, r.requiresPython);
    out.writeByte(r.yanked == null ? 2 : r.yanked ? 1 : 0);
    writeString(out, r.yankedReason);
    writeList(out, r.requiresDist);
    writeList(out, r.providesExtra);
    if (r.sdistBuilds == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(r.sdistBuilds.size());
      for (Map.Entry<String, String> e : r.sdistBuilds.entrySet()) {
        writeString(out, e.getKey());
        writeString(out, e.getValue());
      }
    }
    writeString(out, r.raw);
    out.writeUTF(r.digest);
    out.flush();
  }

  @Override
  public RawRecord decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    try {
      RawRecord.Kind kind = RawRecord.Kind.values()[in.readByte()];
      InputFormat format = InputFormat.values()[in.readByte()];
      RawRecord.Builder b = RawRecord.builder(kind, format, in.readUTF(), in.readLong());
      b.project(in.readUTF())
          .version(readString(in))
          .filename(readString(in))
          .packagetype(readString(in))
          .pythonVersion(readString(in))
          .size(readLong(in))
          .sha256(readString(in))
          .uploadTimeMicros(readLong(in))
          .requiresPython(readString(in));
      byte yanked = in.readByte();
      b.yanked(yanked == 2 ? null : yanked == 1)
          .yankedReason(readString(in))
          .requiresDist(readList(in))
          .providesExtra(readList(in));
      int builds = in.readInt();
      if (builds >= 0) {
        Map<String, String> m = new HashMap<>(builds * 2);
        for (int i = 0; i < builds; i++) {
          m.put(readString(in), readString(in));
        }
        b.sdistBuilds(m);
      }
      b.raw(readString(in)).digest(in.readUTF());
      return b.build();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new CoderException("corrupt RawRecord", e);
    }
  }

  @Override
  public void verifyDeterministic() {}

  /** Strings may exceed writeUTF's 64 KiB limit, so they are length-prefixed UTF-8. */
  static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeLong(DataOutputStream out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  private static Long readLong(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  private static void writeList(DataOutputStream out, List<String> values) throws IOException {
    if (values == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(values.size());
    for (String v : values) {
      writeString(out, v);
    }
  }

  private static List<String> readList(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readString(in));
    }
    return out;
  }
}
