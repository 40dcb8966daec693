package dev.pypidb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.storage.StorageSetup;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pipelines.tables.TableFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code pypidb sql}: DuckDB (embedded) over the Parquet tables of an output directory. Every
 * table directory becomes a view of the same name.
 */
final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "query output tables with SQL (DuckDB over the Parquet files)";
  }

  @Override
  public String help() {
    return """
        usage: pypidb sql --tables=DIR [--format=table|csv|json] "SELECT ..."

        Each table directory under DIR (releases, files, wheel_tags, requirements,
        abi_stats/by_abi, resolutions, ...) is a view named after it, with '/' as '_'
        (abi_stats/by_abi -> abi_stats_by_abi).

          pypidb sql --tables=pypidb-out "SELECT abi, releases FROM abi_stats_by_abi
                                          WHERE interpreter IN ('cp37','cp38') ORDER BY 1"
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    String tables = null;
    String format = "table";
    List<String> query = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--tables=")) {
        tables = a.substring("--tables=".length());
      } else if (a.startsWith("--format=")) {
        format = a.substring("--format=".length());
      } else if (a.startsWith("--")) {
        throw new UsageException("unknown option " + a + " (sql takes --tables and --format)");
      } else {
        query.add(a);
      }
    }
    if (tables == null) {
      throw new UsageException("--tables=DIR is required");
    }
    if (query.isEmpty()) {
      throw new UsageException("give the SQL query as an argument");
    }
    if (!List.of("table", "csv", "json").contains(format)) {
      throw new UsageException("--format must be table, csv or json");
    }
    StorageSetup.configure(PipelineOptionsFactory.create(), List.of(tables), List.of());
    try {
      if (!Storage.isDirectory(tables)) {
        throw new UsageException("--tables " + Storage.display(tables) + " is not a directory");
      }
    } catch (IOException e) {
      throw new UsageException("--tables " + Storage.display(tables) + ": " + Main.oneLine(e));
    }
    Path downloads = Storage.isLocal(tables) ? null : Files.createTempDirectory("pypidb-sql");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (Map.Entry<String, List<String>> t : tableFiles(tables).entrySet()) {
        String view = t.getKey().replace('/', '_').replace('-', '_');
        List<String> local = new ArrayList<>();
        for (String f : t.getValue()) {
          if (downloads == null) {
            local.add(Storage.localPath(f).toAbsolutePath().toString());
          } else {
            Path copy = downloads.resolve(view + "-" + local.size() + ".parquet");
            try (InputStream in = Storage.open(f)) {
              Files.copy(in, copy);
            }
            local.add(copy.toString());
          }
        }
        StringBuilder list = new StringBuilder();
        for (String f : local) {
          list.append(list.length() == 0 ? "" : ", ").append('\'').append(f.replace("'", "''")).append('\'');
        }
        s.execute("CREATE VIEW \"" + view + "\" AS SELECT * FROM read_parquet([" + list + "])");
      }
      try (ResultSet rs = s.executeQuery(String.join(" ", query))) {
        print(rs, format, new PrintStream(System.out, true, StandardCharsets.UTF_8));
      }
    } catch (SQLException e) {
      throw new UsageException("SQL: " + Main.oneLine(e));
    } finally {
      if (downloads != null) {
        Storage.deleteTree(downloads.toString());
      }
    }
    return 0;
  }

  /**
   * The tables under {@code root} (relative directory to its Parquet files): those the output's
   * manifest lists with Parquet files — on an object store only those files belong to a table
   * (the resolver graph, in a format of its own, is left out) — and, where
   * directories exist, any directory up to three levels down that holds Parquet files directly
   * (such as {@code resolve-cache/resolve_cache}).
   */
  static Map<String, List<String>> tableFiles(String root) throws IOException {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    collect(root, "", out);
    if (!Storage.isObjectStore(root)) {
      for (Storage.Entry e : Storage.walkFiles(root)) {
        String rel = e.location().substring(Storage.resolve(root, "x").length() - 1);
        int cut = rel.lastIndexOf('/');
        String dir = cut < 0 ? "" : rel.substring(0, cut);
        if (e.name().endsWith(".parquet") && !dir.isEmpty() && dir.split("/").length <= 3
            && !("/" + dir).contains("/.") && !out.containsKey(dir)) {
          out.put(dir, parquet(TableFiles.of(root).files(dir)));
        }
      }
    }
    out.values().removeIf(List::isEmpty);
    return out;
  }

  /** The Parquet files of a table's files (not the resolver graph's, which DuckDB cannot read). */
  private static List<String> parquet(List<String> files) {
    return files.stream().filter(f -> f.endsWith(".parquet")).toList();
  }

  /** The tables of the manifest in {@code dir} and in its direct subdirectories, under {@code prefix}. */
  private static void collect(String dir, String prefix, Map<String, List<String>> out) throws IOException {
    JsonNode m = Manifests.read(dir);
    if (m != null) {
      List<JsonNode> sections = new ArrayList<>(List.of(m));
      m.path("stages").forEach(sections::add);
      TableFiles files = TableFiles.of(dir);
      for (JsonNode section : sections) {
        for (var it = section.path("tables").fieldNames(); it.hasNext(); ) {
          String table = it.next();
          out.put(prefix + table, parquet(files.files(table)));
        }
      }
    }
    if (prefix.isEmpty()) {
      for (String name : Storage.childNames(dir)) {
        if (!name.startsWith(".") && !name.contains(".")) {
          String sub = Storage.resolve(dir, name);
          if (Storage.isFile(Storage.resolve(sub, Manifests.FILE))) {
            collect(sub, name + "/", out);
          }
        }
      }
    }
  }

  static void print(ResultSet rs, String format, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = rs.getObject(i + 1);
        row[i] = v == null ? null : String.valueOf(v);
      }
      rows.add(row);
    }
    switch (format) {
      case "csv" -> {
        out.println(csvLine(header));
        rows.forEach(r -> out.println(csvLine(r)));
      }
      case "json" -> {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String[] r : rows) {
          com.fasterxml.jackson.databind.node.ObjectNode o = json.createObjectNode();
          for (int i = 0; i < n; i++) {
            o.put(header[i], r[i]);
          }
          out.println(o);
        }
      }
      default -> {
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
          width[i] = header[i].length();
          for (String[] r : rows) {
            width[i] = Math.max(width[i], r[i] == null ? 4 : Math.min(r[i].length(), 80));
          }
        }
        out.println(line(header, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
          rule.append(i > 0 ? "-+-" : "").append("-".repeat(width[i]));
        }
        out.println(rule);
        rows.forEach(r -> out.println(line(r, width)));
        out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
      }
    }
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i] == null ? "NULL" : cells[i];
      if (c.length() > 80) {
        c = c.substring(0, 77) + "...";
      }
      out.append(i > 0 ? " | " : "").append(String.format("%-" + Math.max(1, width[i]) + "s", c));
    }
    return out.toString().stripTrailing();
  }

  private static String csvLine(String[] cells) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String c = cells[i] == null ? "" : cells[i];
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        c = "\"" + c.replace("\"", "\"\"") + "\"";
      }
      out.append(c);
    }
    return out.toString();
  }
}
