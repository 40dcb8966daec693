package dev.pypidb.pipelines;

import dev.pypidb.pipelines.tables.ParquetFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;

/** Fixture paths and reading tables back, for tests. */
public final class TestData {
  private TestData() {}

  /** A directory or file under src/test/resources/fixtures. */
  public static Path fixture(String relative) {
    try {
      return Path.of(TestData.class.getResource("/fixtures/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a table directory, in file order. */
  public static List<GenericRecord> rows(Path output, String table) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(output.resolve(table))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList()) {
        out.addAll(ParquetFiles.readAll(p.toString()));
      }
    }
    return out;
  }

  /** Rows as sorted strings: a table's content independent of file layout. */
  public static List<String> content(Path output, String table) throws IOException {
    List<String> out = new ArrayList<>();
    rows(output, table).forEach(r -> out.add(r.toString()));
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** Writes a gzip copy of {@code source} to {@code target}. */
  public static Path gzip(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
      Files.copy(source, out);
    }
    return target;
  }

  public static String string(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }
}
