package dev.pypidb.cli;

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
import java.util.stream.Stream;

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
    Path root = Path.of(tables);
    if (!Files.isDirectory(root)) {
      throw new UsageException("--tables " + tables + " is not a directory");
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (Path dir : tableDirs(root)) {
        String view = root.relativize(dir).toString().replace('/', '_').replace('-', '_');
        s.execute("CREATE VIEW \"" + view + "\" AS SELECT * FROM read_parquet('"
            + dir.toAbsolutePath().toString().replace("'", "''") + "/*.parquet')");
      }
      try (ResultSet rs = s.executeQuery(String.join(" ", query))) {
        print(rs, format, new PrintStream(System.out, true, StandardCharsets.UTF_8));
      }
    } catch (SQLException e) {
      throw new UsageException("SQL: " + Main.oneLine(e));
    }
    return 0;
  }

  /** Directories under {@code root} that hold Parquet files directly. */
  static List<Path> tableDirs(Path root) throws java.io.IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root, 3)) {
      for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
        if (d.getFileName().toString().startsWith(".")) {
          continue;
        }
        try (Stream<Path> files = Files.list(d)) {
          if (files.anyMatch(f -> f.toString().endsWith(".parquet"))) {
            out.add(d);
          }
        }
      }
    }
    return out;
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
