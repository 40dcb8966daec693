package dev.pypidb.pipelines.tables;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.apache.beam.sdk.coders.AtomicCoder;

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
  public static final class Coder extends AtomicCoder<RowBlock> {
    private static final long serialVersionUID = 1L;
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(RowBlock b, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeByte(b.table.ordinal());
      out.writeUTF(b.sortKey);
      out.writeInt(b.rows);
      out.writeInt(b.avro.length);
      out.write(b.avro);
      out.flush();
    }

    @Override
    public RowBlock decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      Table t = Table.values()[in.readByte()];
      String key = in.readUTF();
      int rows = in.readInt();
      byte[] avro = new byte[in.readInt()];
      in.readFully(avro);
      return new RowBlock(t, key, rows, avro);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
