package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.common.FramedCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CoderException;

/** A compact, deterministic binary coder for {@link RawRecord}s crossing a shuffle. */
public final class RawRecordCoder extends FramedCoder<RawRecord> {
  private static final long serialVersionUID = 1L;
  private static final RawRecordCoder INSTANCE = new RawRecordCoder();

  public static RawRecordCoder of() {
    return INSTANCE;
  }

  @Override
  protected void write(RawRecord r, DataOutputStream out) throws IOException {
    out.writeByte(r.kind.ordinal());
    out.writeByte(r.format.ordinal());
    writeString(out, r.input);
    out.writeLong(r.position);
    writeString(out, r.project);
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
    writeString(out, r.metadataVersion);
    writeList(out, r.dynamic);
    if (r.sdistBuilds == null) {
      out.writeInt(-1);
    } else {
      // Python keys with the same result (most of an sdist's eleven) carry one payload: each
      // distinct payload is written once, and a key refers back to it by index.
      out.writeInt(r.sdistBuilds.size());
      List<String> distinct = new ArrayList<>();
      for (Map.Entry<String, String> e : new TreeMap<>(r.sdistBuilds).entrySet()) {
        writeString(out, e.getKey());
        int seen = indexOf(distinct, e.getValue());
        out.writeInt(seen);
        if (seen < 0) {
          writeString(out, e.getValue());
          distinct.add(e.getValue());
        }
      }
    }
    writeString(out, r.digest);
  }

  @Override
  protected RawRecord read(DataInputStream in) throws IOException {
    try {
      RawRecord.Kind kind = RawRecord.Kind.values()[in.readByte()];
      InputFormat format = InputFormat.values()[in.readByte()];
      RawRecord.Builder b = RawRecord.builder(kind, format, readString(in), in.readLong());
      b.project(readString(in))
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
          .providesExtra(readList(in))
          .metadataVersion(readString(in))
          .dynamic(readList(in));
      int builds = in.readInt();
      if (builds >= 0) {
        Map<String, String> m = new HashMap<>(builds * 2);
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < builds; i++) {
          String key = readString(in);
          int seen = in.readInt();
          if (seen >= distinct.size()) {
            throw new CoderException("corrupt RawRecord: payload " + seen + " of " + distinct.size());
          }
          String value = seen >= 0 ? distinct.get(seen) : readString(in);
          if (seen < 0) {
            distinct.add(value);
          }
          m.put(key, value);
        }
        b.sdistBuilds(m);
      }
      return b.digest(readString(in)).build();
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new CoderException("corrupt RawRecord", e);
    }
  }

  /** The index of a value equal to {@code v} in {@code values}, or -1 (a null payload is a value too). */
  private static int indexOf(List<String> values, String v) {
    for (int i = 0; i < values.size(); i++) {
      String x = values.get(i);
      if (x == v || (x != null && x.equals(v))) {
        return i;
      }
    }
    return -1;
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
