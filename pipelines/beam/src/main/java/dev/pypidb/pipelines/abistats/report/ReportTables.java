package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
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

  /**
   * Tables under {@code abi_stats} of an output: the known ones first, then any others, by
   * name: those the output's manifest lists, and (where directories exist) its directories.
   */
  static List<String> tableNames(String outputRoot) throws IOException {
    List<String> out = new ArrayList<>(KNOWN);
    com.fasterxml.jackson.databind.JsonNode m = Manifests.read(outputRoot);
    TreeSet<String> more = new TreeSet<>();
    if (m != null) {
      List<com.fasterxml.jackson.databind.JsonNode> sections = new ArrayList<>(List.of(m));
      m.path("stages").forEach(sections::add);
      for (com.fasterxml.jackson.databind.JsonNode section : sections) {
        section.path("tables").fieldNames().forEachRemaining(n -> {
          if (n.startsWith("abi_stats/") && !KNOWN.contains(n.substring("abi_stats/".length()))) {
            more.add(n.substring("abi_stats/".length()));
          }
        });
      }
    }
    String abiStats = Storage.resolve(outputRoot, "abi_stats");
    if (!Storage.isObjectStore(abiStats)) {
      for (String n : Storage.childNames(abiStats)) {
        if (!n.startsWith(".") && !n.startsWith("_") && !KNOWN.contains(n)
            && Storage.isDirectory(Storage.resolve(abiStats, n))) {
          more.add(n);
        }
      }
    }
    out.addAll(more);
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
