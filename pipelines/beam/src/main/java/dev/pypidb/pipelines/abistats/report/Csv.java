package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.storage.Storage;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A table as CSV (RFC 4180): a header row of the column names, CRLF line ends, fields quoted
 * when they hold a comma, quote, CR or LF (quotes doubled), nulls empty, arrays joined with
 * {@code ;}.
 */
final class Csv implements Consumer<GenericRecord>, Closeable {
  private final Writer out;
  private List<String> columns;
  private boolean headerWritten;

  /**
   * Writes to {@code location} (any store); the columns are those of the first record, or {@code fallback}
   * (the table's schema) when there is none.
   */
  Csv(String location, Schema fallback) throws IOException {
    this.out = new java.io.OutputStreamWriter(Storage.create(location), StandardCharsets.UTF_8);
    this.columns = fallback == null ? null : names(fallback);
  }

  private static List<String> names(Schema schema) {
    List<String> out = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      out.add(f.name());
    }
    return out;
  }

  @Override
  public void accept(GenericRecord r) {
    try {
      if (!headerWritten) {
        columns = names(r.getSchema());
        writeHeader();
      }
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        Schema.Field f = r.getSchema().getField(columns.get(i));
        out.write(field(f == null ? null : r.get(f.pos())));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void writeHeader() throws IOException {
    headerWritten = true;
    if (columns == null) {
      return;
    }
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(columns.get(i)));
    }
    out.write("\r\n");
  }

  /** One value as a CSV field. */
  static String field(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Collection<?> c) {
      StringBuilder sb = new StringBuilder();
      for (Object o : c) {
        if (sb.length() > 0) {
          sb.append(';');
        }
        sb.append(o == null ? "" : o.toString());
      }
      return quote(sb.toString());
    }
    return quote(v.toString());
  }

  /** RFC 4180 quoting. */
  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() throws IOException {
    try {
      if (!headerWritten) {
        writeHeader();
      }
    } finally {
      out.close();
    }
  }
}
