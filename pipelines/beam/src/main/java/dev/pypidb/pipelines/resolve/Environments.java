package dev.pypidb.pipelines.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.common.Popularity;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The environments to resolve (CONTRACT §5): a JSON-lines file, a directory of requirements
 * files, or a top-pypi-packages list (each of the top N projects alone).
 */
public final class Environments {
  private Environments() {}

  /** An environment: its id and its requirements as a user wrote them. */
  public record Environment(String id, List<String> requirements) implements Serializable {}

  /** Reads environments from a file or directory of any store ({@link Storage}). */
  public static List<Environment> read(String path, int top) {
    try {
      if (!Storage.isFile(path)) {
        if (Storage.isDirectory(path)) {
          return requirementsFiles(path);
        }
        throw new IllegalArgumentException("--environments " + path + ": no such file or directory");
      }
      String text = Storage.readString(path);
      String trimmed = text.strip();
      if (trimmed.startsWith("{") && trimmed.contains("\"rows\"")) {
        JsonNode doc = new ObjectMapper().readTree(text);
        if (doc != null && doc.has("rows")) {
          List<Environment> out = new ArrayList<>();
          for (Popularity.Entry e : Popularity.read(path).top(top)) {
            out.add(new Environment(e.name(), List.of(e.name())));
          }
          return out;
        }
      }
      return jsonLines(path, text);
    } catch (IOException e) {
      throw new IllegalArgumentException("--environments " + path + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static List<Environment> jsonLines(String path, String text) {
    ObjectMapper json = new ObjectMapper();
    List<Environment> out = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = path + " line " + (i + 1) + ": ";
      JsonNode node;
      try {
        node = json.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(where + "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
      }
      String id;
      JsonNode reqs;
      if (node.isArray()) {
        id = String.valueOf(i + 1);
        reqs = node;
      } else if (node.isObject() && node.has("requirements")) {
        id = node.path("id").asText(String.valueOf(i + 1));
        reqs = node.get("requirements");
      } else {
        throw new IllegalArgumentException(where + "expected {\"id\": ..., \"requirements\": [...]} or a JSON array");
      }
      if (!reqs.isArray()) {
        throw new IllegalArgumentException(where + "'requirements' must be an array of strings");
      }
      List<String> list = new ArrayList<>();
      for (JsonNode r : reqs) {
        if (!r.isTextual()) {
          throw new IllegalArgumentException(where + "every requirement must be a string");
        }
        list.add(r.textValue());
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException(where + "environment id '" + id + "' is used twice");
      }
      out.add(new Environment(id, list));
    }
    return out;
  }

  /** {@code *.txt} files, pip's format without options: comments, blank lines, continuations. */
  private static List<Environment> requirementsFiles(String dir) throws IOException {
    List<Environment> out = new ArrayList<>();
    for (String name : Storage.childNames(dir)) {
      if (name.endsWith(".txt")) {
        out.add(new Environment(name.substring(0, name.length() - 4), requirementsFile(Storage.resolve(dir, name))));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--environments " + dir + " has no *.txt requirements file");
    }
    return out;
  }

  static List<String> requirementsFile(String f) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    List<String> lines = Storage.readString(f).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int comment = commentStart(line);
      if (comment >= 0) {
        line = line.substring(0, comment);
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1);
        continue;
      }
      String full = (pending + line).strip();
      pending.setLength(0);
      if (full.isEmpty()) {
        continue;
      }
      if (full.startsWith("-")) {
        throw new IllegalArgumentException(f + " line " + (i + 1) + ": pip options (" + full.split("\\s")[0]
            + ") are not supported in environments; list requirements only");
      }
      out.add(full);
    }
    return out;
  }

  /** pip: {@code #} starts a comment at the line start or after whitespace. */
  private static int commentStart(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }
}
