package dev.pypidb.pipelines.tables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the {@code manifest.json} an output directory ends with. */
public final class Manifests {
  /** The manifest's file name in an output directory. */
  public static final String FILE = "manifest.json";

  private Manifests() {}

  /** The manifest of {@code dir}, or null when it has none. */
  public static JsonNode read(String dir) throws IOException {
    Path manifest = Path.of(dir).resolve(FILE);
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    return new ObjectMapper().readTree(manifest.toFile());
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
