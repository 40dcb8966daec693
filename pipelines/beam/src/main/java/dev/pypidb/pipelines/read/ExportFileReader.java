package dev.pypidb.pipelines.read;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.storage.StorageInputFile;
import java.io.IOException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/** Reads BigQuery Avro and Parquet exports row by row; row numbers are 0-based positions. */
final class ExportFileReader {
  private ExportFileReader() {}

  /** Returns how many rows were read. */
  static long read(InputFile file, RecordSink sink) {
    long position = 0;
    try {
      if (file.layout() == InputFile.Layout.AVRO) {
        try (DataFileStream<GenericRecord> in =
            new DataFileStream<>(Storage.open(file.path()), new GenericDatumReader<>())) {
          for (GenericRecord row : in) {
            emit(file.path(), position++, row, sink);
          }
        }
      } else {
        try (ParquetReader<GenericRecord> in =
            AvroParquetReader.<GenericRecord>builder(new StorageInputFile(file.path())).build()) {
          GenericRecord row;
          while ((row = in.read()) != null) {
            emit(file.path(), position++, row, sink);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      sink.deadLetter(new DeadLetter(file.path(), position, DeadLetter.READ,
          "cannot read " + file.layout().name().toLowerCase() + " export past this row: " + e.getMessage(), null));
      position++;
    }
    return position;
  }

  private static void emit(String input, long position, GenericRecord row, RecordSink sink) {
    try {
      sink.record(BigQueryRows.toRecord(new AvroFields(row), input, position));
    } catch (RecordException e) {
      sink.deadLetter(new DeadLetter(input, position, e.stage(), e.getMessage(), row.toString()));
    }
  }
}
