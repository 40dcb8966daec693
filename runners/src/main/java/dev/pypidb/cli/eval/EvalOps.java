package dev.pypidb.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.pypa.filenames.InvalidFilenameException;
import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.markers.InvalidMarkerException;
import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerEvaluationException;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.specifiers.InvalidSpecifierException;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import dev.pypidb.pypa.tags.InvalidTargetException;
import dev.pypidb.pypa.tags.Tag;
import dev.pypidb.pypa.tags.Target;
import dev.pypidb.pypa.version.Version;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The operations of {@code pypidb eval} (docs/eval.md): one JSON request in, one result out. */
public final class EvalOps {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Targets repeat across lines; parsing one builds hundreds of tags. */
  private final Map<String, Object> targets = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > 256;
    }
  };

  /** Thrown for a request that is not well-formed; becomes {@code {"error": ...}}. */
  static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /** Evaluates one request object. Never throws: problems become {@code {"error": ...}}. */
  public ObjectNode apply(JsonNode request) {
    try {
      if (request == null || !request.isObject()) {
        throw new BadRequest("each line must be a JSON object");
      }
      String op = text(request, "op");
      switch (op) {
        case "name":
          return name(text(request, "name"));
        case "version":
          return version(text(request, "version"));
        case "compare":
          return compare(text(request, "a"), text(request, "b"));
        case "specifier":
          return specifier(text(request, "specifier"));
        case "contains":
          return contains(request);
        case "requirement":
          return requirement(text(request, "requirement"));
        case "marker":
          return marker(request);
        case "wheel":
          return wheel(text(request, "filename"));
        case "tags":
          return tags(text(request, "target"));
        case "compatible":
          return compatible(text(request, "filename"), text(request, "target"));
        default:
          throw new BadRequest("unknown op '" + op + "'");
      }
    } catch (BadRequest | InvalidSpecifierException | InvalidTargetException e) {
      return error(e.getMessage());
    }
  }

  public static ObjectNode error(String message) {
    ObjectNode out = JSON.objectNode();
    out.put("error", message);
    return out;
  }

  private static String text(JsonNode request, String field) {
    JsonNode v = request.get(field);
    if (v == null || !v.isTextual()) {
      throw new BadRequest("field '" + field + "' must be a string");
    }
    return v.textValue();
  }

  private static ObjectNode name(String name) {
    ObjectNode out = JSON.objectNode();
    out.put("canonical", ProjectNames.canonicalize(name));
    out.put("valid", ProjectNames.isValid(name));
    return out;
  }

  private static ObjectNode version(String text) {
    ObjectNode out = JSON.objectNode();
    Version v = Version.tryParse(text);
    out.put("valid", v != null);
    if (v == null) {
      for (String f : new String[] {"normalized", "public", "base_version", "epoch", "release", "pre",
          "post", "dev", "local", "is_prerelease", "is_postrelease", "is_devrelease"}) {
        out.putNull(f);
      }
      return out;
    }
    out.put("normalized", v.toString());
    out.put("public", v.publicText());
    out.put("base_version", v.baseVersion());
    out.put("epoch", v.epoch());
    ArrayNode release = out.putArray("release");
    for (BigInteger n : v.release()) {
      release.add(n);
    }
    if (v.preKind() == null) {
      out.putNull("pre");
    } else {
      out.putArray("pre").add(v.preKind().label()).add(v.preNumber());
    }
    out.put("post", v.post());
    out.put("dev", v.dev());
    out.put("local", v.local());
    out.put("is_prerelease", v.isPrerelease());
    out.put("is_postrelease", v.isPostrelease());
    out.put("is_devrelease", v.isDevrelease());
    return out;
  }

  private static ObjectNode compare(String a, String b) {
    Version va = Version.tryParse(a);
    Version vb = Version.tryParse(b);
    if (va == null || vb == null) {
      throw new BadRequest("Invalid version: " + (va == null ? a : b));
    }
    ObjectNode out = JSON.objectNode();
    out.put("result", Integer.signum(va.compareTo(vb)));
    return out;
  }

  private static ObjectNode specifier(String text) {
    ObjectNode out = JSON.objectNode();
    try {
      out.put("normalized", SpecifierSet.parse(text).toString());
      out.put("valid", true);
    } catch (InvalidSpecifierException e) {
      out.put("valid", false);
      out.putNull("normalized");
    }
    return out;
  }

  private static ObjectNode contains(JsonNode request) {
    SpecifierSet set = SpecifierSet.parse(text(request, "specifier"));
    JsonNode pre = request.get("prereleases");
    Boolean prereleases = null;
    if (pre != null && !pre.isNull()) {
      if (!pre.isBoolean()) {
        throw new BadRequest("field 'prereleases' must be true, false or null");
      }
      prereleases = pre.booleanValue();
    }
    ObjectNode out = JSON.objectNode();
    out.put("result", set.contains(text(request, "version"), prereleases));
    return out;
  }

  private static ObjectNode requirement(String text) {
    ObjectNode out = JSON.objectNode();
    try {
      Requirement r = Requirement.parse(text);
      out.put("valid", true);
      out.put("name", r.name());
      ArrayNode extras = out.putArray("extras");
      r.extras().forEach(extras::add);
      out.put("specifier", r.specifier().toString());
      out.put("marker", r.marker() == null ? null : r.marker().toString());
      out.put("url", r.url());
      out.putNull("error");
    } catch (InvalidRequirementException e) {
      out.put("valid", false);
      for (String f : new String[] {"name", "extras", "specifier", "marker", "url"}) {
        out.putNull(f);
      }
      out.put("error", e.getMessage());
    }
    return out;
  }

  private static ObjectNode marker(JsonNode request) {
    String text = text(request, "marker");
    JsonNode envNode = request.get("environment");
    if (envNode != null && !envNode.isNull() && !envNode.isObject()) {
      throw new BadRequest("field 'environment' must be an object");
    }
    Map<String, Object> env = new HashMap<>();
    if (envNode != null && envNode.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = envNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isArray()) {
          Set<String> values = new HashSet<>();
          v.forEach(x -> values.add(x.asText()));
          env.put(e.getKey(), values);
        } else if (!v.isNull()) {
          env.put(e.getKey(), v.asText());
        }
      }
    }
    ObjectNode out = JSON.objectNode();
    Marker marker;
    try {
      marker = Marker.parse(text);
    } catch (InvalidMarkerException e) {
      out.put("valid", false);
      out.putNull("result");
      out.put("error", e.getMessage());
      return out;
    }
    out.put("valid", true);
    try {
      out.put("result", marker.evaluate(env));
      out.putNull("error");
    } catch (MarkerEvaluationException e) {
      out.putNull("result");
      out.put("error", e.getMessage());
    }
    return out;
  }

  private static ObjectNode wheel(String filename) {
    ObjectNode out = JSON.objectNode();
    try {
      WheelFilename w = WheelFilename.parse(filename);
      out.put("valid", true);
      out.put("name", w.name());
      out.put("version", w.version().toString());
      if (w.buildNumber() == null) {
        out.putNull("build");
      } else {
        out.putArray("build").add(w.buildNumber()).add(w.buildTail());
      }
      ArrayNode tags = out.putArray("tags");
      w.sortedTagStrings().forEach(tags::add);
      out.putNull("error");
    } catch (InvalidFilenameException e) {
      out.put("valid", false);
      for (String f : new String[] {"name", "version", "build", "tags"}) {
        out.putNull(f);
      }
      out.put("error", e.getMessage());
    }
    return out;
  }

  private Target target(String text) {
    Object cached = targets.get(text);
    if (cached == null) {
      try {
        cached = Target.parse(text);
      } catch (InvalidTargetException e) {
        cached = e;
      }
      targets.put(text, cached);
    }
    if (cached instanceof InvalidTargetException e) {
      throw e;
    }
    return (Target) cached;
  }

  private ObjectNode tags(String text) {
    ObjectNode out = JSON.objectNode();
    ArrayNode tags = out.putArray("tags");
    for (Tag t : target(text).tags()) {
      tags.add(t.toString());
    }
    return out;
  }

  private ObjectNode compatible(String filename, String targetText) {
    Target target = target(targetText);
    ObjectNode out = JSON.objectNode();
    WheelFilename w = WheelFilename.tryParse(filename);
    int rank = w == null ? -1 : target.bestRank(w.tags());
    out.put("compatible", rank >= 0);
    if (rank >= 0) {
      out.put("rank", rank);
    } else {
      out.putNull("rank");
    }
    return out;
  }
}
