package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.common.FramedCoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/** One input file, the format it is read as, and its size in bytes (0 when unknown). */
public record InputFile(String path, InputFormat format, Layout layout, long size) implements Serializable {

  /** A file whose size is not known (progress then counts it when it has been read). */
  public InputFile(String path, InputFormat format, Layout layout) {
    this(path, format, layout, 0);
  }

  /** How a file of a format is laid out. */
  public enum Layout {
    /** One record per line (BigQuery NDJSON), optionally gzip. */
    LINES,
    /** Avro container file (BigQuery export). */
    AVRO,
    /** Parquet file (BigQuery export). */
    PARQUET,
    /** One JSON document (PyPI JSON, PEP 691 page, pypi-deps-db bucket), optionally gzip. */
    DOCUMENT,
    /** One distribution file (sdist, wheel, egg): the {@code archives} format. */
    ARCHIVE
  }

  /** Coder for input files (Java serialization cost more than reading a small archive). */
  public static final class Coder extends FramedCoder<InputFile> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    protected void write(InputFile f, DataOutputStream out) throws IOException {
      writeString(out, f.path);
      writeString(out, f.format == null ? null : f.format.name()); // null: detected when read
      writeString(out, f.layout == null ? null : f.layout.name());
      out.writeLong(f.size);
    }

    @Override
    protected InputFile read(DataInputStream in) throws IOException {
      String path = readString(in);
      String format = readString(in);
      String layout = readString(in);
      return new InputFile(path, format == null ? null : InputFormat.valueOf(format),
          layout == null ? null : Layout.valueOf(layout), in.readLong());
    }
  }
}
