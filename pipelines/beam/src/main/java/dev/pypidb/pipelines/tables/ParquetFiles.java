package dev.pypidb.pipelines.tables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writing and reading the tables' Parquet files (Avro data model, Snappy, standard lists). */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** Columns whose values rarely repeat: a dictionary would be built only to be thrown away. */
  private static final java.util.Set<String> UNIQUE_COLUMNS = java.util.Set.of(
      "raw", "error", "url", "sha256", "fingerprint", "filename", "filename_error", "reason");

  public static ParquetWriter<GenericRecord> writer(Path path, Schema schema) throws IOException {
    RowsWriterBuilder b = new RowsWriterBuilder(new LocalOutputFile(path), schema);
    b.withConf(new Configuration(false))
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withPageWriteChecksumEnabled(false);
    for (Schema.Field f : schema.getFields()) {
      if (UNIQUE_COLUMNS.contains(f.name())) {
        b.withDictionaryEncoding(f.name(), false);
      }
    }
    return b.build();
  }

  /** A writer builder for {@link RowWriteSupport}. */
  private static final class RowsWriterBuilder extends ParquetWriter.Builder<GenericRecord, RowsWriterBuilder> {
    private final Schema schema;

    RowsWriterBuilder(org.apache.parquet.io.OutputFile file, Schema schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected RowsWriterBuilder self() {
      return this;
    }

    @Override
    protected org.apache.parquet.hadoop.api.WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(schema);
    }
  }

  /** Writes an empty file with the table's schema, so a query over an empty table still works. */
  public static void writeEmpty(Path path, Schema schema) throws IOException {
    writer(path, schema).close();
  }

  public static ParquetReader<GenericRecord> reader(Path path) throws IOException {
    Configuration conf = new Configuration(false);
    return AvroParquetReader.<GenericRecord>builder(new LocalInputFile(path))
        .withDataModel(GenericData.get())
        .withConf(conf)
        .build();
  }

  /** A reader of only some columns of a table's file: the others are never decoded. */
  public static ParquetReader<GenericRecord> reader(Path path, Table table, List<String> columns) throws IOException {
    Schema full = table.schema();
    List<Schema.Field> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(new Schema.Field(full.getField(c), full.getField(c).schema()));
    }
    Schema projection = Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
    Configuration conf = new Configuration(false);
    org.apache.parquet.avro.AvroReadSupport.setRequestedProjection(conf, projection);
    org.apache.parquet.avro.AvroReadSupport.setAvroReadSchema(conf, projection);
    return AvroParquetReader.<GenericRecord>builder(new LocalInputFile(path))
        .withDataModel(GenericData.get())
        .withConf(conf)
        .build();
  }

  /**
   * The Parquet files of a table directory, in name order (hidden and {@code _} files left
   * out); none when the directory does not exist.
   */
  public static List<Path> tableFiles(Path dir) throws IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
      return s.filter(java.nio.file.Files::isRegularFile)
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_");
          })
          .sorted().toList();
    }
  }

  /** Streams every row of a table directory to {@code sink}, file by file. */
  public static void scanTable(Path dir, java.util.function.Consumer<GenericRecord> sink) throws IOException {
    for (Path f : tableFiles(dir)) {
      try (ParquetReader<GenericRecord> in = reader(f)) {
        GenericRecord r;
        while ((r = in.read()) != null) {
          sink.accept(r);
        }
      }
    }
  }

  /** Every row of a (small) table directory, in file order. */
  public static List<GenericRecord> readTable(Path dir) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    scanTable(dir, out::add);
    return out;
  }

  /** Every row of one Parquet file (tests and small tables only). */
  public static List<GenericRecord> readAll(Path path) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    try (ParquetReader<GenericRecord> in = reader(path)) {
      GenericRecord r;
      while ((r = in.read()) != null) {
        out.add(r);
      }
    }
    return out;
  }
}
