package dev.pypidb.pipelines.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A top-pypi-packages list ({@code {last_update, rows: [{project, download_count}]}}), in rank order. */
public final class Popularity implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One popular project: canonical name, 1-based rank, downloads. */
  public record Entry(String name, int rank, long downloads) implements Serializable {}

  private final List<Entry> entries;
  private final String lastUpdate;

  private Popularity(List<Entry> entries, String lastUpdate) {
    this.entries = List.copyOf(entries);
    this.lastUpdate = lastUpdate;
  }

  public static Popularity empty() {
    return new Popularity(List.of(), null);
  }

  /** Reads the file; ranks follow the order of {@code rows}. */
  public static Popularity read(String path) {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(Storage.readAll(path));
    } catch (IOException e) {
      throw new IllegalArgumentException("--popular " + path + ": cannot read (" + e.getMessage() + ")");
    }
    JsonNode rows = doc == null ? null : doc.get("rows");
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException("--popular " + path + ": expected {\"rows\": [{\"project\": ..., \"download_count\": ...}]}");
    }
    Map<String, Entry> seen = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      String project = row.path("project").asText(null);
      if (project == null || project.isEmpty()) {
        throw new IllegalArgumentException("--popular " + path + ": a row has no 'project'");
      }
      String name = ProjectNames.canonicalize(project);
      seen.putIfAbsent(name, new Entry(name, seen.size() + 1, row.path("download_count").asLong(0)));
    }
    return new Popularity(new ArrayList<>(seen.values()), doc.path("last_update").asText(null));
  }

  public static Popularity readOrEmpty(String path) {
    return path == null ? empty() : read(path);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The first {@code n} entries. */
  public List<Entry> top(int n) {
    return new ArrayList<>(entries.subList(0, Math.min(n, entries.size())));
  }

  public String lastUpdate() {
    return lastUpdate;
  }
}
