package dev.pypidb.pipelines.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PyPI's change feed as a list of projects to refresh. One event per line, in any of the
 * shapes PyPI hands out:
 *
 * <ul>
 *   <li>a JSON array whose first element is the project and last the serial: {@code ["requests", 2456]},
 *       or a row of XML-RPC {@code changelog_since_serial}: {@code [name, version, timestamp, action, serial]};
 *   <li>a JSON object with {@code project} (or {@code name}) and {@code serial} (or
 *       {@code _last-serial}, as PEP 691 project pages give it);
 *   <li>plain text: {@code name serial}, or just {@code name}.
 * </ul>
 *
 * Blank lines and {@code #} comments are skipped; a line in none of these shapes is an error
 * that names it. Names are canonicalized; a project keeps its highest serial.
 */
public final class ChangeFeed {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChangeFeed() {}

  /** Project (canonical) to the highest serial the feed gives it (-1 when none). */
  public static Map<String, Long> read(String file) throws IOException {
    return parse(Storage.readString(file).lines().toList(), Storage.display(file));
  }

  static Map<String, Long> parse(List<String> lines, String source) {
    Map<String, Long> out = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      String name;
      long serial;
      if (line.startsWith("[") || line.startsWith("{")) {
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
        }
        if (n.isArray() && n.size() >= 1 && n.get(0).isTextual()) {
          name = n.get(0).asText();
          serial = n.size() >= 2 ? serial(n.get(n.size() - 1), where) : -1;
        } else if (n.isObject() && (n.path("project").isTextual() || n.path("name").isTextual())) {
          name = n.path("project").isTextual() ? n.get("project").asText() : n.get("name").asText();
          JsonNode s = n.has("serial") ? n.get("serial") : n.get("_last-serial");
          serial = s == null ? -1 : serial(s, where);
        } else {
          throw new IllegalArgumentException(where + ": expected [project, ..., serial] or"
              + " {\"project\": ..., \"serial\": ...}, got " + abbreviate(line));
        }
      } else {
        String[] parts = line.split("\\s+");
        if (parts.length > 2) {
          throw new IllegalArgumentException(where + ": expected 'project serial', got " + abbreviate(line));
        }
        name = parts[0];
        serial = parts.length == 2 ? serial(parts[1], where) : -1;
      }
      if (!ProjectNames.isValid(name)) {
        throw new IllegalArgumentException(where + ": " + abbreviate(name) + " is not a valid project name");
      }
      out.merge(ProjectNames.canonicalize(name), serial, Math::max);
    }
    return out;
  }

  private static long serial(JsonNode n, String where) {
    if (n.canConvertToLong() && n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isTextual()) {
      return serial(n.asText(), where);
    }
    throw new IllegalArgumentException(where + ": the serial must be an integer, got " + n);
  }

  private static long serial(String s, String where) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": the serial must be an integer, got " + abbreviate(s));
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
