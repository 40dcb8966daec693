package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What mach-nix's crawler recorded for one sdist built under one Python: the setup() keywords
 * it found, or the error the build raised.
 */
public record SdistBuild(
    String error,
    List<String> installRequires,
    List<String> setupRequires,
    List<String> testsRequire,
    Map<String, List<String>> extrasRequire,
    List<String> pythonRequires,
    List<String> keysPresent) {

  /** The setup() keywords pypi-deps-db records, in the order tables list them. */
  public static final List<String> KEYS =
      List.of("install_requires", "setup_requires", "extras_require", "tests_require", "python_requires");

  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean failed() {
    return error != null;
  }

  /** Parses the canonical JSON a reader stored ({@code {"error": ...}} for failed builds). */
  public static SdistBuild fromJson(String json) {
    try {
      JsonNode v = JSON.readTree(json);
      if (v.has("error") && v.size() == 1 && v.get("error").isTextual()) {
        return new SdistBuild(v.get("error").textValue(), List.of(), List.of(), List.of(), Map.of(), null, List.of());
      }
      List<String> present = new ArrayList<>();
      for (String key : KEYS) {
        if (v.has(key)) {
          present.add(key);
        }
      }
      Map<String, List<String>> extras = new LinkedHashMap<>();
      JsonNode er = v.path("extras_require");
      for (Iterator<Map.Entry<String, JsonNode>> it = er.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        extras.put(e.getKey(), strings(e.getValue()));
      }
      return new SdistBuild(null, strings(v.path("install_requires")), strings(v.path("setup_requires")),
          strings(v.path("tests_require")), extras,
          v.has("python_requires") ? strings(v.get("python_requires")) : null, present);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A list, or a lone string taken as a one-element list (setup.py accepts both). */
  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isTextual()) {
      out.add(node.textValue());
    } else {
      node.forEach(n -> out.add(n.textValue()));
    }
    return out;
  }

  /** Checks the shape of a build object as read. */
  static void validate(JsonNode v) throws RecordException {
    for (String key : new String[] {"install_requires", "setup_requires", "tests_require", "python_requires"}) {
      JsonNode list = v.get(key);
      if (list != null && !isStrings(list)) {
        throw new RecordException(DeadLetter.VALIDATE, "'" + key + "' must be a list of strings");
      }
    }
    JsonNode extras = v.get("extras_require");
    if (extras != null) {
      if (!extras.isObject()) {
        throw new RecordException(DeadLetter.VALIDATE, "'extras_require' must be an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = extras.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!isStrings(e.getValue())) {
          throw new RecordException(DeadLetter.VALIDATE, "extras_require['" + e.getKey() + "'] must be a list of strings");
        }
      }
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new RecordException(DeadLetter.VALIDATE, "unknown sdist key '" + key + "'");
      }
    }
  }

  private static boolean isStrings(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
