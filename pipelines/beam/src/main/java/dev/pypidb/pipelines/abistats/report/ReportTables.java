package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.tables.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** Reading the abi_stats tables: every {@code *.parquet} file of a table directory, in name order. */
final class ReportTables {
  private ReportTables() {}

  static final String SUMMARY = "summary";
  static final String BY_ABI = "by_abi";
  static final String BY_MONTH = "by_month";
  static final String BY_PLATFORM = "by_platform";
  static final String PROJECT_LATEST = "project_latest";
  static final String READINESS = "readiness";

  /** The tables the report knows, in the order the report shows them. */
  static final List<String> KNOWN = List.of(SUMMARY, BY_ABI, BY_MONTH, BY_PLATFORM, PROJECT_LATEST, READINESS);

  /** The table's schema from the classpath ({@code /schemas/abi_stats_<name>.avsc}), or null. */
  static Schema schema(String table) {
    try {
      return Table.load("abi_stats_" + table);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Table directories under {@code abi_stats}: the known ones first, then any others by name. */
  static List<String> tableNames(Path abiStats) throws IOException {
    List<String> out = new ArrayList<>(KNOWN);
    if (Files.isDirectory(abiStats)) {
      try (Stream<Path> s = Files.list(abiStats)) {
        s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
            .filter(n -> !n.startsWith(".") && !n.startsWith("_") && !KNOWN.contains(n))
            .sorted().forEach(out::add);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- field access

  private static Object get(GenericRecord r, String field) {
    Schema.Field f = r.getSchema().getField(field);
    return f == null ? null : r.get(f.pos());
  }

  static String str(GenericRecord r, String field) {
    Object v = get(r, field);
    return v == null ? null : v.toString();
  }

  /** A string column, "" for null. */
  static String text(GenericRecord r, String field) {
    String s = str(r, field);
    return s == null ? "" : s;
  }

  static long lng(GenericRecord r, String field) {
    Object v = get(r, field);
    return v instanceof Number n ? n.longValue() : 0L;
  }

  static Integer integer(GenericRecord r, String field) {
    Object v = get(r, field);
    return v instanceof Number n ? n.intValue() : null;
  }

  static Long nullableLong(GenericRecord r, String field) {
    Object v = get(r, field);
    return v instanceof Number n ? n.longValue() : null;
  }

  static boolean bool(GenericRecord r, String field) {
    return Boolean.TRUE.equals(get(r, field));
  }

  static List<String> strings(GenericRecord r, String field) {
    Object v = get(r, field);
    List<String> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      for (Object o : c) {
        if (o != null) {
          out.add(o.toString());
        }
      }
    }
    return out;
  }
}
