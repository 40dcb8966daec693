package dev.pypidb.pipelines.tables;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import dev.pypidb.pipelines.common.FramedCoder;

/**
 * Rows of one table that belong together (one project's releases, one input's dead letters),
 * already in order, Avro-encoded: one shuffle element per block instead of one per row.
 */
public record RowBlock(Table table, String sortKey, int rows, byte[] avro) {

  /** Encodes {@code records} (in the given order) of {@code table}. */
  public static RowBlock of(Table table, String sortKey, List<GenericRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * records.size() + 16);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(table.schema());
    try {
      for (GenericRecord r : records) {
        writer.write(r, encoder);
      }
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RowBlock(table, sortKey, records.size(), bytes.toByteArray());
  }

  /** Decodes the rows. */
  public List<GenericRecord> records() {
    Schema schema = table.schema();
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(avro, null);
    List<GenericRecord> out = new ArrayList<>(rows);
    try {
      for (int i = 0; i < rows; i++) {
        out.add(reader.read(null, decoder));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Coder for row blocks. */
  public static final class Coder extends FramedCoder<RowBlock> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    protected void write(RowBlock b, DataOutputStream out) throws IOException {
      out.writeByte(b.table.ordinal());
      writeString(out, b.sortKey);
      out.writeInt(b.rows);
      out.writeInt(b.avro.length);
      out.write(b.avro);
    }

    @Override
    protected RowBlock read(DataInputStream in) throws IOException {
      Table t = Table.values()[in.readByte()];
      String key = readString(in);
      int rows = in.readInt();
      byte[] avro = new byte[in.readInt()];
      in.readFully(avro);
      return new RowBlock(t, key, rows, avro);
    }
  }
}
