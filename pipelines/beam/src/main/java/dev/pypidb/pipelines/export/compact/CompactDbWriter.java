package dev.pypidb.pipelines.export.compact;

import dev.pypidb.compact.CompactDbBuilder;
import dev.pypidb.compact.DistFile;
import dev.pypidb.compact.Project;
import dev.pypidb.compact.Release;
import dev.pypidb.compact.SdistBuild;
import dev.pypidb.pipelines.normalize.PythonKeys;
import dev.pypidb.pipelines.normalize.SdistRows;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.storage.StorageInputFile;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Writes the compact database (docs/compact-format.md) from normalize's Parquet tables:
 * {@code releases}, {@code files}, {@code requirements} and {@code sdist_metadata}.
 *
 * <p>Every table is sharded by the same hash of the project name, and each shard file is sorted
 * by project name, so shard {@code k} of every table holds the same complete projects. The
 * writer walks the shards one at a time, reading the four files of a shard side by side and
 * handing each project to {@link CompactDbBuilder} as soon as all its rows are in: memory holds
 * one project's rows (plus the builder's name index), never a table. Only the columns the
 * format stores are read. The output depends only on the tables' content.
 */
public final class CompactDbWriter {
  private CompactDbWriter() {}

  private static final Pattern PART = Pattern.compile("part-(\\d+)-of-(\\d+)\\.parquet");

  /** The tables read, with the columns read from each. */
  private static final Map<Table, List<String>> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put(Table.RELEASES, List.of("name", "display_name", "version", "requires_python", "yanked",
        "yanked_reason"));
    COLUMNS.put(Table.FILES, List.of("name", "version", "filename", "packagetype", "python_version", "sha256",
        "requires_python", "yanked", "yanked_reason", "provides_extra", "deps_db_name"));
    COLUMNS.put(Table.REQUIREMENTS, List.of("name", "version", "source", "kind", "position", "raw", "extras_key",
        "deps_db_name", "provenance", "sdist_filename"));
    COLUMNS.put(Table.SDIST_METADATA, List.of("name", "version", "deps_db_name", "python_keys", "status", "error",
        "python_requires", "keys_present", "extras_keys", "filename", "provenance", "reason", "requirements_source",
        "chosen_keys"));
  }

  /** Writes the local file {@code outFile} from the tables under {@code tablesRoot} (any store). */
  public static CompactDbBuilder.Stats write(String tablesRoot, Path outFile) throws IOException {
    return write(tablesRoot, outFile, b -> {});
  }

  /** As {@link #write(String, Path)}, with the builder's options set by {@code options}. */
  public static CompactDbBuilder.Stats write(String tablesRoot, Path outFile, Consumer<CompactDbBuilder> options)
      throws IOException {
    Map<Table, List<String>> shards = shards(tablesRoot);
    int n = shards.values().iterator().next().size();
    try (CompactDbBuilder builder = new CompactDbBuilder(outFile)) {
      options.accept(builder);
      for (int k = 0; k < n; k++) {
        Map<Table, Rows> rows = new LinkedHashMap<>();
        try {
          for (Table t : COLUMNS.keySet()) {
            String p = shards.get(t).get(k);
            rows.put(t, p == null ? Rows.EMPTY : new Rows(t, p));
          }
          while (true) {
            String next = null;
            for (Rows r : rows.values()) {
              String h = r.headName();
              if (h != null && (next == null || h.compareTo(next) < 0)) {
                next = h;
              }
            }
            if (next == null) {
              break;
            }
            builder.add(project(next, rows.get(Table.RELEASES).take(next), rows.get(Table.FILES).take(next),
                rows.get(Table.REQUIREMENTS).take(next), rows.get(Table.SDIST_METADATA).take(next)));
          }
        } finally {
          for (Rows r : rows.values()) {
            r.close();
          }
        }
      }
      return builder.finish();
    }
  }

  /**
   * Each table's shard files by index. A table directory that is missing counts as empty; one
   * that exists must have the same number of shards as the others, all present.
   */
  static Map<Table, List<String>> shards(String root) throws IOException {
    Map<Table, List<String>> out = new LinkedHashMap<>();
    Integer count = null;
    TableFiles tables = TableFiles.of(root);
    for (Table t : COLUMNS.keySet()) {
      String dir = Storage.display(Storage.resolve(root, t.dirName()));
      List<String> files = tables.files(t);
      if (files.isEmpty()) {
        out.put(t, null);
        continue;
      }
      TreeMap<Integer, String> parts = new TreeMap<>();
      Integer n = null;
      for (String p : files) {
        Matcher m = PART.matcher(Storage.name(p));
        if (!m.matches()) {
          continue;
        }
        int of = Integer.parseInt(m.group(2));
        if (n != null && n != of) {
          throw new IOException(dir + " mixes shard counts " + n + " and " + of);
        }
        n = of;
        parts.put(Integer.parseInt(m.group(1)), p);
      }
      if (n == null) {
        throw new IOException(dir + " has no part-NNNNN-of-NNNNN.parquet files");
      }
      if (parts.size() != n || parts.firstKey() != 0 || parts.lastKey() != n - 1) {
        throw new IOException(dir + " has shards " + parts.keySet() + " of " + n);
      }
      if (count != null && !count.equals(n)) {
        throw new IOException("tables under " + Storage.display(root) + " have different shard counts (" + count
            + " and " + n + "); the writer needs every table sharded alike");
      }
      count = n;
      out.put(t, new ArrayList<>(parts.values()));
    }
    if (count == null) {
      throw new IOException(Storage.display(root) + " holds none of the tables " + COLUMNS.keySet());
    }
    for (Map.Entry<Table, List<String>> e : out.entrySet()) {
      if (e.getValue() == null) {
        List<String> none = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          none.add(null);
        }
        e.setValue(none);
      }
    }
    return out;
  }

  /** One shard file of one table, read row by row, project by project. */
  private static class Rows implements AutoCloseable {
    static final Rows EMPTY = new Rows();

    private final String path;
    private final ParquetReader<GenericRecord> reader;
    private GenericRecord head;
    private String headName;
    private String lastTaken;

    private Rows() {
      path = null;
      reader = null;
    }

    Rows(Table table, String path) throws IOException {
      this.path = path;
      Configuration conf = new Configuration(false);
      // The tables use standard 3-level lists; the projection must be converted the same way.
      conf.setBoolean("parquet.avro.write-old-list-structure", false);
      AvroReadSupport.setRequestedProjection(conf, projection(table.schema(), COLUMNS.get(table)));
      this.reader = AvroParquetReader.<GenericRecord>builder(new StorageInputFile(path))
          .withDataModel(GenericData.get())
          .withConf(conf)
          .build();
      advance();
    }

    private void advance() throws IOException {
      head = reader.read();
      headName = head == null ? null : head.get("name").toString();
    }

    String headName() {
      return headName;
    }

    /** The rows of project {@code name} (empty when the next rows are another project's). */
    List<GenericRecord> take(String name) throws IOException {
      if (reader == null || !name.equals(headName)) {
        return List.of();
      }
      if (lastTaken != null && lastTaken.compareTo(name) >= 0) {
        throw new IOException(path + " is not grouped by project in name order (" + name + " after "
            + lastTaken + "); the compact writer reads normalize's sorted shards");
      }
      List<GenericRecord> out = new ArrayList<>();
      while (name.equals(headName)) {
        out.add(head);
        advance();
      }
      lastTaken = name;
      return out;
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }

  private static Schema projection(Schema schema, List<String> columns) {
    List<Schema.Field> fields = new ArrayList<>();
    for (String c : columns) {
      Schema.Field f = schema.getField(c);
      fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
    }
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  // ---------------------------------------------------------------------------------------
  // Rows to a project

  private static String str(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }

  private static boolean bool(GenericRecord r, String field) {
    Object v = r.get(field);
    return v != null && (Boolean) v;
  }

  private static List<String> strings(GenericRecord r, String field) {
    Object v = r.get(field);
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : (Iterable<?>) v) {
      out.add(o.toString());
    }
    return out;
  }

  /** A requirement row's place: its list, and its position in it. */
  private record Req(int position, String raw) {}

  /** Lists of requirement strings by key, each sorted by position when read. */
  private static final class ReqLists {
    private final Map<String, List<Req>> lists = new HashMap<>();

    void add(String key, GenericRecord r) {
      lists.computeIfAbsent(key, k -> new ArrayList<>())
          .add(new Req((Integer) r.get("position"), str(r, "raw")));
    }

    List<String> remove(String key) {
      List<String> out = get(key);
      lists.remove(key);
      return out;
    }

    List<String> get(String key) {
      List<Req> l = lists.get(key);
      if (l == null) {
        return List.of();
      }
      l.sort(Comparator.comparingInt(Req::position));
      return l.stream().map(Req::raw).toList();
    }

    /** Keys starting with {@code prefix}, sorted. */
    TreeSet<String> keysStartingWith(String prefix) {
      TreeSet<String> out = new TreeSet<>();
      for (String k : lists.keySet()) {
        if (k.startsWith(prefix)) {
          out.add(k);
        }
      }
      return out;
    }

    boolean isEmpty() {
      return lists.isEmpty();
    }

    String anyKey() {
      return new TreeSet<>(lists.keySet()).first();
    }
  }

  private static final String SEP = "\u0000";

  /** Where one sdist result's requirement lists are kept: release, input, file and source. */
  private static String sdistPrefix(String version, String depsDbName, String provenance, String sdistFilename,
      String source) {
    return "sdist" + SEP + version + SEP + Objects.toString(depsDbName, "") + SEP + Objects.toString(provenance, "")
        + SEP + Objects.toString(sdistFilename, "") + SEP + source + SEP;
  }

  /** One project from its rows of the four tables. */
  static Project project(String name, List<GenericRecord> releaseRows, List<GenericRecord> fileRows,
      List<GenericRecord> requirementRows, List<GenericRecord> sdistRows) {
    ReqLists reqs = new ReqLists();
    for (GenericRecord r : requirementRows) {
      String source = str(r, "source");
      String kind = str(r, "kind");
      String key;
      if (source.startsWith("sdist:")) {
        key = sdistPrefix(str(r, "version"), str(r, "deps_db_name"), str(r, "provenance"), str(r, "sdist_filename"),
            source) + kind + SEP + ("extras_require".equals(kind) ? str(r, "extras_key") : "");
      } else if ("requires_dist".equals(kind)) {
        key = ("release".equals(source) ? "release" : "file") + SEP + str(r, "version") + SEP + source;
      } else {
        throw new IllegalStateException(name + " " + str(r, "version") + ": requirement of kind " + kind
            + " from " + source + " fits no list");
      }
      reqs.add(key, r);
    }

    TreeSet<String> depsDbNames = new TreeSet<>();
    String displayName = null;
    Map<String, GenericRecord> releaseByVersion = new LinkedHashMap<>();
    for (GenericRecord r : releaseRows) {
      releaseByVersion.put(str(r, "version"), r);
      if (displayName == null) {
        displayName = str(r, "display_name");
      }
    }
    Map<String, List<DistFile>> files = new HashMap<>();
    for (GenericRecord r : fileRows) {
      String version = str(r, "version");
      String filename = str(r, "filename");
      String sha = str(r, "sha256");
      String key = str(r, "deps_db_name");
      if (key != null) {
        depsDbNames.add(key);
      }
      files.computeIfAbsent(version, v -> new ArrayList<>()).add(new DistFile(filename, str(r, "packagetype"),
          str(r, "python_version"), str(r, "requires_python"), sha == null ? null : sha.toLowerCase(Locale.ROOT),
          bool(r, "yanked"), str(r, "yanked_reason"), reqs.remove("file" + SEP + version + SEP + filename),
          strings(r, "provides_extra"), key));
    }
    // Each sdist result for the python keys it is chosen for (SdistRows.chosenKeys); keys with
    // the same static result share requirement rows, so they are read, not taken, here.
    Map<String, List<SdistBuild>> builds = new HashMap<>();
    for (GenericRecord r : sdistRows) {
      String version = str(r, "version");
      String key = str(r, "deps_db_name");
      if (key != null) {
        depsDbNames.add(key);
      }
      List<String> pythonKeys = SdistRows.chosenKeys(r);
      if (pythonKeys.isEmpty()) {
        continue;
      }
      String prefix = sdistPrefix(version, key, str(r, "provenance"), str(r, "filename"), SdistRows.requirementsSource(r));
      SdistBuild b;
      String status = str(r, "status");
      if (!"ok".equals(status)) {
        String error = "error".equals(status) && str(r, "error") != null ? str(r, "error") : status + ": " + str(r, "reason");
        b = new SdistBuild(key, pythonKeys, error, null, List.of(), List.of(), List.of(), List.of(), Map.of());
      } else {
        Map<String, List<String>> extras = new LinkedHashMap<>();
        for (String k : strings(r, "extras_keys")) {
          extras.put(k, reqs.get(prefix + "extras_require" + SEP + k));
        }
        // Keys with requirements that extras_keys does not list (not written by normalize).
        for (String k : reqs.keysStartingWith(prefix + "extras_require" + SEP)) {
          extras.put(k.substring((prefix + "extras_require" + SEP).length()), reqs.get(k));
        }
        b = new SdistBuild(key, pythonKeys, null, strings(r, "python_requires"), strings(r, "keys_present"),
            reqs.get(prefix + "install_requires" + SEP), reqs.get(prefix + "setup_requires" + SEP),
            reqs.get(prefix + "tests_require" + SEP), extras);
      }
      builds.computeIfAbsent(version, v -> new ArrayList<>()).add(b);
    }
    reqs.keysStartingWith("sdist" + SEP).forEach(reqs::remove);

    TreeSet<String> versions = new TreeSet<>(releaseByVersion.keySet());
    versions.addAll(files.keySet());
    versions.addAll(builds.keySet());
    List<Release> releases = new ArrayList<>();
    for (String v : versions) {
      GenericRecord r = releaseByVersion.get(v);
      List<DistFile> fs = files.getOrDefault(v, new ArrayList<>());
      fs.sort(Comparator.comparing(DistFile::filename));
      List<SdistBuild> bs = builds.getOrDefault(v, new ArrayList<>());
      bs.sort(BUILD_ORDER);
      releases.add(new Release(v, r == null ? null : str(r, "requires_python"), r != null && bool(r, "yanked"),
          r == null ? null : str(r, "yanked_reason"), reqs.remove("release" + SEP + v + SEP + "release"), fs, bs));
    }
    if (!reqs.isEmpty()) {
      throw new IllegalStateException(name + ": requirement rows with no file, release or sdist build to go to: "
          + reqs.anyKey().replace(SEP, " | "));
    }
    return new Project(name, displayName == null ? name : displayName, new ArrayList<>(depsDbNames), releases);
  }

  private static final Comparator<List<String>> PYTHON_KEYS_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = PythonKeys.ORDER.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  /** Builds by pypi-deps-db key (none first), then python keys. */
  private static final Comparator<SdistBuild> BUILD_ORDER = Comparator
      .comparing(SdistBuild::depsDbName, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(SdistBuild::pythonKeys, PYTHON_KEYS_ORDER);

  /** {@code CompactDbWriter TABLES_DIR OUT_FILE [blockSize]}: writes and prints the sizes. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: CompactDbWriter TABLES_DIR OUT_FILE [BLOCK_SIZE [PRESET_DICT true|false]]");
      System.exit(2);
    }
    long t0 = System.nanoTime();
    CompactDbBuilder.Stats s = write(args[0], Path.of(args[1]), b -> {
      if (args.length > 2) {
        b.blockSize(Integer.parseInt(args[2]));
      }
      if (args.length > 3) {
        b.presetDictionary(Boolean.parseBoolean(args[3]));
      }
    });
    System.out.printf("%s%nwritten in %.1f s%n", s, (System.nanoTime() - t0) / 1e9);
  }
}
