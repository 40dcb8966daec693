package dev.pypidb.pipelines.tables;

import java.util.HashMap;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the tables' flat Avro records to Parquet directly: the same file schema and metadata
 * as parquet-avro, without its per-value schema resolution, which was most of the cost. Supports
 * what the table schemas use: nullable strings, booleans, ints, longs (timestamps) and arrays of
 * strings (written as standard three-level lists).
 */
final class RowWriteSupport extends WriteSupport<GenericRecord> {
  private enum Kind {
    STRING,
    BOOLEAN,
    INT,
    LONG,
    STRINGS
  }

  private final Schema schema;
  private final MessageType parquetSchema;
  private final Kind[] kinds;
  private final String[] names;
  private RecordConsumer consumer;

  RowWriteSupport(Schema schema) {
    this.schema = schema;
    Configuration conf = new Configuration(false);
    conf.setBoolean("parquet.avro.write-old-list-structure", false);
    this.parquetSchema = new AvroSchemaConverter(conf).convert(schema);
    List<Schema.Field> fields = schema.getFields();
    this.kinds = new Kind[fields.size()];
    this.names = new String[fields.size()];
    for (int i = 0; i < kinds.length; i++) {
      names[i] = fields.get(i).name();
      kinds[i] = kindOf(nonNull(fields.get(i).schema()));
    }
  }

  private static Schema nonNull(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      for (Schema b : s.getTypes()) {
        if (b.getType() != Schema.Type.NULL) {
          return b;
        }
      }
    }
    return s;
  }

  private static Kind kindOf(Schema s) {
    return switch (s.getType()) {
      case STRING -> Kind.STRING;
      case BOOLEAN -> Kind.BOOLEAN;
      case INT -> Kind.INT;
      case LONG -> Kind.LONG;
      case ARRAY -> {
        if (nonNull(s.getElementType()).getType() != Schema.Type.STRING) {
          throw new IllegalArgumentException("only arrays of strings are supported: " + s);
        }
        yield Kind.STRINGS;
      }
      default -> throw new IllegalArgumentException("unsupported column type " + s);
    };
  }

  @Override
  public WriteContext init(Configuration configuration) {
    HashMap<String, String> meta = new HashMap<>();
    meta.put("parquet.avro.schema", schema.toString());
    meta.put("writer.model.name", "avro");
    return new WriteContext(parquetSchema, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(GenericRecord record) {
    consumer.startMessage();
    for (int i = 0; i < kinds.length; i++) {
      Object v = record.get(i);
      if (v == null) {
        continue;
      }
      consumer.startField(names[i], i);
      switch (kinds[i]) {
        case STRING -> consumer.addBinary(Binary.fromString(v.toString()));
        case BOOLEAN -> consumer.addBoolean((Boolean) v);
        case INT -> consumer.addInteger(((Number) v).intValue());
        case LONG -> consumer.addLong(((Number) v).longValue());
        case STRINGS -> writeList((List<?>) v);
      }
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }

  /** {@code <list-name> (LIST) { repeated group list { required binary element; } }}. */
  private void writeList(List<?> values) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (Object v : values) {
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.addBinary(Binary.fromString(v.toString()));
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
  }
}
