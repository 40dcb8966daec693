package dev.pypidb.pipelines.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reading the {@code manifest.json} an output directory ends with. */
public final class Manifests {
  /** The manifest's file name in an output directory. */
  public static final String FILE = "manifest.json";

  private Manifests() {}

  /** The manifest of output directory {@code dir} (any store), or null when it has none. */
  public static JsonNode read(String dir) throws IOException {
    String manifest = Storage.resolve(dir, FILE);
    if (!Storage.isFile(manifest)) {
      return null;
    }
    return new ObjectMapper().readTree(Storage.readAll(manifest));
  }

  /**
   * The files of table {@code tableDir} (e.g. {@code releases}, {@code abi_stats/by_abi}) as the
   * manifest lists them, relative to the table's directory; null when no manifest lists it.
   * The manifest of {@code pypidb all} holds every stage's tables under {@code stages}.
   */
  public static List<String> listedFiles(JsonNode manifest, String tableDir) {
    if (manifest == null) {
      return null;
    }
    List<JsonNode> sections = new ArrayList<>(List.of(manifest));
    manifest.path("stages").forEach(sections::add);
    for (JsonNode m : sections) {
      JsonNode files = m.path("tables").path(tableDir).get("files");
      if (files != null && files.isArray()) {
        List<String> out = new ArrayList<>();
        files.forEach(f -> out.add(f.asText()));
        return out;
      }
    }
    return null;
  }

  /**
   * How many projects a normalize output holds (its {@code fingerprints} rows: one per
   * project), or -1 when its manifest does not say.
   */
  public static long projects(String tables) {
    try {
      JsonNode m = read(tables);
      JsonNode rows = m == null ? null : m.path("tables").path(Table.FINGERPRINTS.dirName()).get("rows");
      return rows == null || !rows.canConvertToLong() ? -1 : rows.asLong();
    } catch (IOException e) {
      return -1; // progress then shows counts without a total
    }
  }
}
