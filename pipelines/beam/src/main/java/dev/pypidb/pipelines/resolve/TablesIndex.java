package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.ProjectLookup;
import dev.pypidb.pipelines.tables.ShardReader;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WrittenShard;
import dev.pypidb.pypa.resolver.PackageIndex;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The package index a resolver sees, read from the normalize tables on demand: a project is
 * built ({@link ProjectGraph}) the first time a resolution consults it, from the one row group
 * per table that holds it ({@link ProjectLookup}). A resolve run costs what its resolutions
 * consult, not the size of the tables, and a worker holds only recently used projects.
 */
public final class TablesIndex implements PackageIndex, AutoCloseable {
  private static final Map<String, Map<String, String>> FINGERPRINTS = new ConcurrentHashMap<>();

  private final ProjectLookup lookup;
  private final Map<String, String> known;
  private long loaded;
  private final Map<String, ProjectData> recent = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ProjectData> e) {
      return size() > 4096;
    }
  };

  public TablesIndex(Path tables) throws IOException {
    this.lookup = new ProjectLookup(tables);
    this.known = fingerprints(tables);
  }

  @Override
  public synchronized ProjectData project(String canonicalName) {
    ProjectData d = recent.get(canonicalName);
    if (d == null) {
      try {
        if (!known.containsKey(canonicalName)) {
          return null; // every project of the tables has a fingerprint, even one without rows
        }
        var releases = lookup.rows(Table.RELEASES, canonicalName);
        d = ProjectGraph.build(canonicalName, releases, lookup.rows(Table.FILES, canonicalName),
            lookup.rows(Table.REQUIREMENTS, canonicalName), lookup.rows(Table.SDIST_METADATA, canonicalName));
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + canonicalName + " from the tables", e);
      }
      recent.put(canonicalName, d);
      loaded++;
    }
    return d;
  }

  /** Projects built from the tables so far. */
  synchronized long loaded() {
    return loaded;
  }

  /**
   * Every project's fingerprint (one small table), read once per JVM and version of the
   * table (its files' paths, sizes and modification times).
   */
  static Map<String, String> fingerprints(Path tables) {
    StringBuilder version = new StringBuilder(tables.toAbsolutePath().toString());
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(tables.resolve(Table.FINGERPRINTS.dirName()))) {
      for (Path f : files.sorted().toList()) {
        version.append('|').append(f.getFileName()).append(' ').append(java.nio.file.Files.size(f))
            .append(' ').append(java.nio.file.Files.getLastModifiedTime(f).toMillis());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing the fingerprints of " + tables, e);
    }
    return FINGERPRINTS.computeIfAbsent(version.toString(), k -> {
      try {
        int shards = ShardReader.shardCount(tables);
        Map<String, String> out = new HashMap<>();
        for (int s = 0; s < shards; s++) {
          Path file = tables.resolve(Table.FINGERPRINTS.dirName()).resolve(WrittenShard.partName(s, shards));
          try (ParquetReader<GenericRecord> in = ParquetFiles.reader(file)) {
            GenericRecord r;
            while ((r = in.read()) != null) {
              out.put(r.get("name").toString(), r.get("fingerprint").toString());
            }
          }
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException("reading the fingerprints of " + tables, e);
      }
    });
  }

  @Override
  public void close() throws IOException {
    lookup.close();
  }
}
