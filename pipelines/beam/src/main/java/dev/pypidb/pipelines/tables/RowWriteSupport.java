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
    DOUBLE,
    STRINGS,
    RECORDS
  }

  private final Schema schema;
  private final MessageType parquetSchema;
  private final Kind[] kinds;
  private final String[] names;
  /** For RECORDS columns: the element record's field names (all nullable or plain strings). */
  private final String[][] elementFields;
  private RecordConsumer consumer;

  /** Converted once per table: every row group of a project table starts a writer. */
  private static final java.util.Map<Schema, MessageType> PARQUET_SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

  private static MessageType convert(Schema schema) {
    Configuration conf = new Configuration(false);
    conf.setBoolean("parquet.avro.write-old-list-structure", false);
    return new AvroSchemaConverter(conf).convert(schema);
  }

  RowWriteSupport(Schema schema) {
    this.schema = schema;
    this.parquetSchema = PARQUET_SCHEMAS.computeIfAbsent(schema, RowWriteSupport::convert);
    List<Schema.Field> fields = schema.getFields();
    this.kinds = new Kind[fields.size()];
    this.names = new String[fields.size()];
    this.elementFields = new String[fields.size()][];
    for (int i = 0; i < kinds.length; i++) {
      names[i] = fields.get(i).name();
      Schema s = nonNull(fields.get(i).schema());
      kinds[i] = kindOf(s);
      if (kinds[i] == Kind.RECORDS) {
        List<Schema.Field> inner = nonNull(s.getElementType()).getFields();
        elementFields[i] = inner.stream().map(Schema.Field::name).toArray(String[]::new);
        for (Schema.Field f : inner) {
          if (nonNull(f.schema()).getType() != Schema.Type.STRING) {
            throw new IllegalArgumentException("record arrays may hold strings only: " + s);
          }
        }
      }
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
      case DOUBLE -> Kind.DOUBLE;
      case ARRAY -> {
        Schema.Type element = nonNull(s.getElementType()).getType();
        if (element == Schema.Type.RECORD) {
          yield Kind.RECORDS;
        }
        if (element != Schema.Type.STRING) {
          throw new IllegalArgumentException("only arrays of strings or records are supported: " + s);
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
        case DOUBLE -> consumer.addDouble(((Number) v).doubleValue());
        case STRINGS -> writeList((List<?>) v);
        case RECORDS -> writeRecords((List<?>) v, elementFields[i]);
      }
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }

  /** A list of records of strings: {@code repeated group list { required group element {...} } }. */
  private void writeRecords(List<?> values, String[] fields) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField("list", 0);
      for (Object v : values) {
        GenericRecord r = (GenericRecord) v;
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.startGroup();
        for (int j = 0; j < fields.length; j++) {
          Object x = r.get(j);
          if (x != null) {
            consumer.startField(fields[j], j);
            consumer.addBinary(Binary.fromString(x.toString()));
            consumer.endField(fields[j], j);
          }
        }
        consumer.endGroup();
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
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
