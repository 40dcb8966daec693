package dev.pypidb.pipelines.tables;

import dev.pypidb.pipelines.storage.StorageInputFile;
import dev.pypidb.pipelines.storage.StorageOutputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writing and reading the tables' Parquet files (Avro data model, Snappy, standard lists), on any store. */
public final class ParquetFiles {
  private ParquetFiles() {}

  /** Columns whose values rarely repeat: a dictionary would be built only to be thrown away. */
  private static final java.util.Set<String> UNIQUE_COLUMNS = java.util.Set.of(
      "raw", "error", "url", "sha256", "fingerprint", "filename", "filename_error", "reason");

  /** The tables' compression. */
  static final CompressionCodecName CODEC = CompressionCodecName.SNAPPY;

  /** A writer of a table's rows into {@code location} (any store; replaced when it exists). */
  public static ParquetWriter<GenericRecord> writer(String location, Schema schema) throws IOException {
    RowsWriterBuilder b = new RowsWriterBuilder(new StorageOutputFile(location), schema);
    b.withConf(new Configuration(false))
        .withCompressionCodec(CODEC)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withPageWriteChecksumEnabled(false);
    uniqueColumns(schema).forEach(c -> b.withDictionaryEncoding(c, false));
    return b.build();
  }

  /**
   * The encoding properties {@link #writer} gives a table's columns, for writers that build row
   * groups themselves ({@link ProjectRowGroupWriter}).
   */
  static ParquetProperties properties(Schema schema) {
    ParquetProperties.Builder b = ParquetProperties.builder().withPageWriteChecksumEnabled(false);
    uniqueColumns(schema).forEach(c -> b.withDictionaryEncoding(c, false));
    return b.build();
  }

  /** The schema's columns written without a dictionary. */
  private static List<String> uniqueColumns(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).filter(UNIQUE_COLUMNS::contains).toList();
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
  public static void writeEmpty(String location, Schema schema) throws IOException {
    writer(location, schema).close();
  }

  public static ParquetReader<GenericRecord> reader(String location) throws IOException {
    Configuration conf = new Configuration(false);
    return AvroParquetReader.<GenericRecord>builder(new StorageInputFile(location))
        .withDataModel(GenericData.get())
        .withConf(conf)
        .build();
  }

  /** A reader of only some columns of a table's file: the others are never decoded. */
  public static ParquetReader<GenericRecord> reader(String location, Table table, List<String> columns)
      throws IOException {
    Schema full = table.schema();
    List<Schema.Field> fields = new ArrayList<>();
    for (String c : columns) {
      fields.add(new Schema.Field(full.getField(c), full.getField(c).schema()));
    }
    Schema projection = Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
    Configuration conf = new Configuration(false);
    org.apache.parquet.avro.AvroReadSupport.setRequestedProjection(conf, projection);
    org.apache.parquet.avro.AvroReadSupport.setAvroReadSchema(conf, projection);
    return AvroParquetReader.<GenericRecord>builder(new StorageInputFile(location))
        .withDataModel(GenericData.get())
        .withConf(conf)
        .build();
  }

  /** Streams every row of table {@code tableDir} of output {@code root} to {@code sink}, file by file. */
  public static void scanTable(String root, String tableDir, java.util.function.Consumer<GenericRecord> sink)
      throws IOException {
    for (String f : TableFiles.of(root).files(tableDir)) {
      try (ParquetReader<GenericRecord> in = reader(f)) {
        GenericRecord r;
        while ((r = in.read()) != null) {
          sink.accept(r);
        }
      }
    }
  }

  /** Every row of a (small) table, in file order. */
  public static List<GenericRecord> readTable(String root, String tableDir) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    scanTable(root, tableDir, out::add);
    return out;
  }

  /** Every row of one Parquet file (tests and small tables only). */
  public static List<GenericRecord> readAll(String location) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    try (ParquetReader<GenericRecord> in = reader(location)) {
      GenericRecord r;
      while ((r = in.read()) != null) {
        out.add(r);
      }
    }
    return out;
  }
}
