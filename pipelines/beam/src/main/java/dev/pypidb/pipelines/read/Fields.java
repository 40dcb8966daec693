package dev.pypidb.pipelines.read;

import java.util.List;

/**
 * Typed access to the columns of one input row, whatever its encoding (JSON, Avro, Parquet).
 * Each getter returns null for a missing or null column and throws {@link RecordException}
 * naming the column when the value has the wrong type.
 */
interface Fields {
  String string(String name) throws RecordException;

  Long integer(String name) throws RecordException;

  Boolean bool(String name) throws RecordException;

  /** Microseconds since the epoch. */
  Long timestamp(String name) throws RecordException;

  List<String> strings(String name) throws RecordException;
}
