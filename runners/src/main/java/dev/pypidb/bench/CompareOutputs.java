package dev.pypidb.bench;

import dev.pypidb.pipelines.tables.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Checks that two pypidb outputs hold the same results: every Parquet file's rows in order
 * (parquet-mr's footers may differ in a few bytes between runs, rows may not) and every other
 * file byte for byte. Skipped, because they describe the run rather than the result:
 * {@code manifest.json} files, {@code sample-input/}, the resolve cache, update's
 * {@code changes/} table, and the resolution columns {@code micros} and {@code cache_hit}.
 * {@code java -cp pypidb.jar dev.pypidb.bench.CompareOutputs A B} prints one line per
 * difference and exits 1 if there is any.
 */
public final class CompareOutputs {
  private CompareOutputs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CompareOutputs DIR_A DIR_B");
      System.exit(2);
    }
    List<String> differences = new ArrayList<>();
    long[] same = differences(Path.of(args[0]), Path.of(args[1]), differences);
    differences.forEach(System.out::println);
    System.out.printf("%d files compared: %,d rows and %,d bytes identical, %d differences%n",
        same[0], same[1], same[2], differences.size());
    System.exit(differences.isEmpty() ? 0 : 1);
  }

  /** Adds one line per difference; returns {files compared, identical rows, identical bytes}. */
  public static long[] differences(Path a, Path b, List<String> out) throws IOException {
    Set<String> files = new TreeSet<>(list(a));
    files.addAll(list(b));
    long rows = 0;
    long bytes = 0;
    for (String f : files) {
      Path x = a.resolve(f);
      Path y = b.resolve(f);
      if (!Files.exists(x) || !Files.exists(y)) {
        out.add("only in " + (Files.exists(x) ? a : b) + ": " + f);
      } else if (f.endsWith(".parquet")) {
        String d = compareRows(x, y);
        if (d != null) {
          out.add("rows differ: " + f + ": " + d);
        } else {
          rows += countRows(x);
        }
      } else if (!Arrays.equals(Files.readAllBytes(x), Files.readAllBytes(y))) {
        out.add("bytes differ: " + f);
      } else {
        bytes += Files.size(x);
      }
    }
    return new long[] {files.size(), rows, bytes};
  }

  private static List<String> list(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      List<String> out = new ArrayList<>();
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = root.relativize(p).toString();
        String name = p.getFileName().toString();
        boolean skipped = name.equals("manifest.json") || name.startsWith(".") || rel.startsWith("sample-input/")
            || rel.startsWith("resolve-cache/") || rel.startsWith("changes/");
        if (!skipped) {
          out.add(rel);
        }
      }
      return out;
    }
  }

  /** Null when both files hold the same rows in the same order, else the first difference. */
  private static String compareRows(Path x, Path y) throws IOException {
    try (ParquetReader<GenericRecord> rx = ParquetFiles.reader(x.toString()); ParquetReader<GenericRecord> ry = ParquetFiles.reader(y.toString())) {
      long n = 0;
      while (true) {
        GenericRecord gx = rx.read();
        GenericRecord gy = ry.read();
        if (gx == null && gy == null) {
          return null;
        }
        if (gx == null || gy == null || !result(gx).equals(result(gy))) {
          return "row " + n + ": " + abbreviate(gx) + " vs " + abbreviate(gy);
        }
        n++;
      }
    }
  }

  /** A row as text, without the columns that describe how the run got it. */
  private static String result(GenericRecord r) {
    if (r.getSchema().getField("cache_hit") != null) {
      r.put("micros", null);
      r.put("cache_hit", null);
    }
    return r.toString();
  }

  private static long countRows(Path x) throws IOException {
    long n = 0;
    try (ParquetReader<GenericRecord> r = ParquetFiles.reader(x.toString())) {
      while (r.read() != null) {
        n++;
      }
    }
    return n;
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
