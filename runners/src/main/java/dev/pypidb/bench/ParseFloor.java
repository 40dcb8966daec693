package dev.pypidb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The floor for normalize's speed: one thread that does nothing but gunzip and parse each
 * NDJSON line into a JSON tree (as normalize's BigQuery reader does), then forgets it.
 * {@code java -cp pypidb.jar dev.pypidb.bench.ParseFloor FILE...} prints rows and seconds.
 */
public final class ParseFloor {
  private ParseFloor() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    long start = System.nanoTime();
    long rows = 0;
    long fields = 0;
    for (String a : args) {
      InputStream in = Files.newInputStream(Path.of(a));
      if (a.endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode node = json.readTree(line);
          fields += node.size();
          rows++;
        }
      }
    }
    System.out.printf("floor: %,d rows (%,d fields) gunzipped and parsed in %.2f s on one thread%n", rows, fields,
        (System.nanoTime() - start) / 1e9);
  }
}
