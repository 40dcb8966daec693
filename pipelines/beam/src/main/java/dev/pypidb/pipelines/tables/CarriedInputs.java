package dev.pypidb.pipelines.tables;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The inputs of a partial update ({@code update --changedProjects}) that were not read again:
 * every input under the raw tree's {@code root} outside the changed projects' directories.
 * Their manifest entries (counts, format) and skipped files are taken from the previous output's
 * manifest, read as a stream.
 *
 * @param previousManifest the previous output's {@code manifest.json} (any store)
 * @param root the per-project raw tree as the manifest's paths name it ({@link Storage#display})
 * @param changed the project directories that were read again
 */
public record CarriedInputs(String previousManifest, String root, Set<String> changed) implements Serializable {

  public CarriedInputs {
    changed = Set.copyOf(changed);
  }

  /** Whether an input location lies in a project directory of the tree that was not read again. */
  public boolean carries(String path) {
    String p = Storage.display(path);
    if (!p.startsWith(prefix(root))) {
      return false;
    }
    String rest = p.substring(prefix(root).length());
    int slash = rest.indexOf('/');
    return slash > 0 && !changed.contains(rest.substring(0, slash));
  }

  /** Whether {@code location} is {@code dir} or lies below it (both as {@link Storage#display} gives them). */
  public static boolean isBelow(String location, String dir) {
    return location.equals(dir) || location.startsWith(prefix(dir));
  }

  private static String prefix(String dir) {
    return dir.endsWith("/") ? dir : dir + "/";
  }

  /** One input entry of the previous manifest. */
  public record Entry(String path, String format, long read, long written, long dead, long blank) {}

  /** Streams the previous manifest's carried inputs and carried skipped files. */
  public void read(Consumer<Entry> inputs, Consumer<String> skipped) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (InputStream in = Storage.open(previousManifest); JsonParser p = json.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException(Storage.display(previousManifest) + " is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("inputs") && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode i = p.readValueAsTree();
            String path = i.path("path").asText();
            if (carries(path)) {
              inputs.accept(new Entry(path, i.path("format").asText("auto"), i.path("records_read").asLong(),
                  i.path("records_written").asLong(), i.path("dead_lettered").asLong(),
                  i.path("blank_lines_skipped").asLong()));
            }
          }
        } else if (field.equals("skipped_files") && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            if (carries(p.getText())) {
              skipped.accept(p.getText());
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
  }
}
