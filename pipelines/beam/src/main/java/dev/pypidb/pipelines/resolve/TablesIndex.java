package dev.pypidb.pipelines.resolve;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.ParquetFiles;
import dev.pypidb.pipelines.tables.ProjectLookup;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.TableFiles;
import dev.pypidb.pypa.resolver.PackageIndex;
import dev.pypidb.pypa.resolver.ProjectData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

  public TablesIndex(String tables) throws IOException {
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
   * table (its files' locations and sizes: a new run writes new files, or new sizes).
   */
  static Map<String, String> fingerprints(String tables) {
    StringBuilder version = new StringBuilder(Storage.absolute(tables));
    List<String> files;
    try {
      files = TableFiles.of(tables).files(Table.FINGERPRINTS);
      for (String f : files) {
        version.append('|').append(f).append(' ').append(Storage.sizeIfExists(f))
            .append(' ').append(Storage.isLocal(f) ? Files.getLastModifiedTime(Storage.localPath(f)).toMillis() : 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing the fingerprints of " + Storage.display(tables), e);
    }
    return FINGERPRINTS.computeIfAbsent(version.toString(), k -> {
      try {
        Map<String, String> out = new HashMap<>();
        for (String file : files) {
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
