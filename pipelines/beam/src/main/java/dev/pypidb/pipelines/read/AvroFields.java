package dev.pypidb.pipelines.read;

import java.nio.ByteBuffer;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * {@link Fields} over an Avro record, as BigQuery's Avro and Parquet exports produce them:
 * TIMESTAMP as {@code timestamp-micros}, REPEATED as arrays (Parquet's LIST wrapped in
 * {@code element} records), nullable columns as unions with null.
 */
final class AvroFields implements Fields {
  private final GenericRecord record;

  AvroFields(GenericRecord record) {
    this.record = record;
  }

  private Object get(String name) {
    Schema.Field f = record.getSchema().getField(name);
    return f == null ? null : record.get(f.pos());
  }

  private Schema fieldSchema(String name) {
    Schema s = record.getSchema().getField(name).schema();
    if (s.getType() == Schema.Type.UNION) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch;
        }
      }
    }
    return s;
  }

  @Override
  public String string(String name) throws RecordException {
    Object v = get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof CharSequence s) {
      return s.toString();
    }
    throw wrongType(name, "a string", v);
  }

  @Override
  public Long integer(String name) throws RecordException {
    Object v = get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Long || v instanceof Integer) {
      return ((Number) v).longValue();
    }
    if (v instanceof CharSequence s) {
      try {
        return Long.parseLong(s.toString().strip());
      } catch (NumberFormatException e) {
        throw wrongType(name, "an integer", v);
      }
    }
    throw wrongType(name, "an integer", v);
  }

  @Override
  public Boolean bool(String name) throws RecordException {
    Object v = get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrongType(name, "a boolean", v);
  }

  @Override
  public Long timestamp(String name) throws RecordException {
    Object v = get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Long micros) {
      LogicalType t = fieldSchema(name).getLogicalType();
      if (t instanceof LogicalTypes.TimestampMillis) {
        return micros * 1000;
      }
      return micros;
    }
    if (v instanceof CharSequence s) {
      try {
        return Timestamps.parseMicros(s.toString());
      } catch (DateTimeParseException e) {
        throw wrongType(name, "a timestamp", v);
      }
    }
    if (v instanceof java.time.Instant i) {
      return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }
    throw wrongType(name, "a timestamp", v);
  }

  @Override
  public List<String> strings(String name) throws RecordException {
    Object v = get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Collection<?> items)) {
      throw wrongType(name, "an array of strings", v);
    }
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof GenericRecord wrapper && wrapper.getSchema().getFields().size() == 1) {
        item = wrapper.get(0); // Parquet LIST: {"element": value}
      }
      if (item instanceof CharSequence || item instanceof Utf8) {
        out.add(item.toString());
      } else if (item instanceof ByteBuffer) {
        throw wrongType(name, "an array of strings", item);
      } else {
        throw wrongType(name + "[" + out.size() + "]", "a string", item);
      }
    }
    return out;
  }

  private static RecordException wrongType(String name, String expected, Object got) {
    return new RecordException(DeadLetter.VALIDATE,
        "field '" + name + "' must be " + expected + ", got " + got.getClass().getSimpleName());
  }
}
