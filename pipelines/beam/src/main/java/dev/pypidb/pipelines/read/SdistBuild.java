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
 * One sdist's setup() keywords under one Python: what mach-nix's crawler recorded when it ran
 * setup.py (a pypi-deps-db build: the keywords, or the error the build raised), or what static
 * extraction found in the archive (then also its {@code status}, {@code method}, {@code reason}
 * and the method of each field).
 *
 * @param status {@code ok}, {@code unresolved} (static extraction only) or {@code error}
 * @param method the extraction method ({@code pkg-info} ... {@code setup-py}), or
 *     {@link #CRAWLER} for a pypi-deps-db build
 * @param reason why the result is unresolved or an error (static extraction only)
 * @param fieldMethods {@code keyword=method} for each keyword static extraction found
 */
public record SdistBuild(
    String error,
    List<String> installRequires,
    List<String> setupRequires,
    List<String> testsRequire,
    Map<String, List<String>> extrasRequire,
    List<String> pythonRequires,
    List<String> keysPresent,
    String status,
    String method,
    String reason,
    List<String> fieldMethods) {

  /** The setup() keywords pypi-deps-db records, in the order tables list them. */
  public static final List<String> KEYS =
      List.of("install_requires", "setup_requires", "extras_require", "tests_require", "python_requires");

  /** The method of a pypi-deps-db build: mach-nix's crawler ran setup.py. */
  public static final String CRAWLER = "crawler";

  /** Keys of a static result's JSON beside the keywords. */
  private static final List<String> STATIC_KEYS = List.of("status", "method", "reason", "methods");

  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean failed() {
    return !"ok".equals(status);
  }

  /** Parses the canonical JSON a reader stored ({@code {"error": ...}} for failed builds). */
  public static SdistBuild fromJson(String json) {
    try {
      JsonNode v = JSON.readTree(json);
      boolean isStatic = v.has("status");
      String method = isStatic ? v.path("method").textValue() : CRAWLER;
      String reason = isStatic ? v.path("reason").textValue() : null;
      List<String> fieldMethods = isStatic ? new ArrayList<>() : null;
      if (isStatic) {
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("methods").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          fieldMethods.add(e.getKey() + "=" + e.getValue().textValue());
        }
      }
      String error = v.path("error").isTextual() ? v.get("error").textValue() : null;
      String status = isStatic ? v.get("status").textValue() : error != null ? "error" : "ok";
      if (error != null && !isStatic) {
        return new SdistBuild(error, List.of(), List.of(), List.of(), Map.of(), null, List.of(), status, method,
            null, null);
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
      return new SdistBuild(error, strings(v.path("install_requires")), strings(v.path("setup_requires")),
          strings(v.path("tests_require")), extras,
          v.has("python_requires") ? strings(v.get("python_requires")) : null, present, status, method, reason,
          fieldMethods);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A static extraction result for one python key as the JSON the normalizer reads. */
  public static String staticJson(dev.pypidb.extract.KeyResult r) {
    Map<String, Object> keywords = new LinkedHashMap<>();
    r.values().forEach((field, value) -> keywords.put(field.keyword(), value));
    Map<String, String> methods = new LinkedHashMap<>();
    r.fieldMethods().forEach((field, method) -> methods.put(field.keyword(), method.label()));
    boolean ok = r.status() == dev.pypidb.extract.KeyResult.Status.OK;
    String error = r.status() == dev.pypidb.extract.KeyResult.Status.ERROR ? r.reason() : null;
    return staticJson(r.status().label(), r.method() == null ? null : r.method().label(), ok ? null : r.reason(),
        error, keywords, methods);
  }

  /**
   * The canonical JSON of a static result: the keywords found (in pypi-deps-db's shape,
   * {@code python_requires} as a one-element list as the crawler wrote it), then
   * {@code status}, {@code method}, {@code reason}, {@code methods} and, for an error, the
   * {@code error} text.
   */
  public static String staticJson(String status, String method, String reason, String error,
      Map<String, Object> keywords, Map<String, String> fieldMethods) {
    com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
    for (String key : KEYS) {
      Object value = keywords.get(key);
      if (value == null) {
        continue;
      }
      if (value instanceof String text) {
        o.putArray(key).add(text);
      } else if (value instanceof List<?> list) {
        com.fasterxml.jackson.databind.node.ArrayNode a = o.putArray(key);
        list.forEach(x -> a.add((String) x));
      } else if (value instanceof Map<?, ?> map) {
        com.fasterxml.jackson.databind.node.ObjectNode extras = o.putObject(key);
        map.forEach((k, l) -> {
          com.fasterxml.jackson.databind.node.ArrayNode a = extras.putArray((String) k);
          ((List<?>) l).forEach(x -> a.add((String) x));
        });
      }
    }
    o.put("status", status).put("method", method).put("reason", bounded(reason));
    com.fasterxml.jackson.databind.node.ObjectNode m = o.putObject("methods");
    fieldMethods.forEach(m::put);
    if (error != null) {
      o.put("error", bounded(error));
    }
    return o.toString();
  }

  /** Longest reason or error text kept: they quote input, which can be anything. */
  static final int MAX_REASON = 2_000;

  private static String bounded(String text) {
    if (text == null || text.length() <= MAX_REASON) {
      return text;
    }
    return text.substring(0, MAX_REASON) + "... (" + (text.length() - MAX_REASON) + " more characters)";
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
      if (!KEYS.contains(key) || STATIC_KEYS.contains(key)) {
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
