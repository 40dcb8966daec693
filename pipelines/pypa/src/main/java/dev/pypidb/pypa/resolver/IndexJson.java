package dev.pypidb.pypa.resolver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a {@link PackageIndex} as one JSON document, the format the bulk pipeline
 * and the differential test script (Python, resolvelib) share:
 *
 * <pre>{@code
 * {
 *   "format": "pypidb-index/1",
 *   "projects": [
 *     {
 *       "name": "foo",
 *       "releases": [
 *         {
 *           "version": "1.0",
 *           "yanked": false,
 *           "requires_python": ">=3.8",
 *           "files": [
 *             {
 *               "filename": "foo-1.0-py3-none-any.whl",
 *               "kind": "wheel",
 *               "requires_python": null,
 *               "yanked": false,
 *               "requires_dist": ["bar>=1", "baz; extra == \"fast\""]
 *             },
 *             {
 *               "filename": "foo-1.0.tar.gz",
 *               "kind": "sdist",
 *               "requires_dist": ["bar>=1"],
 *               "requires_dist_by_python": {"27": ["bar>=1", "futures"], "310": ["bar>=1"]},
 *               "build_errors_by_python": {"36": "SyntaxError: invalid syntax"}
 *             }
 *           ]
 *         }
 *       ]
 *     }
 *   ]
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code format} is written and optional on reading (another value is refused).
 *   <li>{@code projects} is an array of objects with {@code name}; on reading an object keyed by
 *       name is accepted too. Names are canonicalized (PEP 503); equal canonical names merge.
 *   <li>{@code version} is the version as published (it may be invalid: such releases are never
 *       candidates). {@code yanked} (default false; a non-empty string, PEP 691's reason, also
 *       means yanked) and {@code requires_python} (default null) exist on releases and on files.
 *   <li>{@code kind} is {@code "wheel"} or {@code "sdist"}; when absent, a name ending in
 *       {@code .whl} is a wheel and anything else an sdist. A wheel's tags come from its name.
 *   <li>{@code requires_dist} (default []) holds PEP 508 strings, extras as
 *       {@code extra == "name"} markers. {@code requires_dist_by_python} (sdists, optional) maps
 *       a pypi-deps-db python key to the list for targets with that key.
 * </ul>
 *
 * <p>Writing puts projects in canonical-name order and omits defaults ({@code false}, null,
 * empty lists) except {@code requires_dist} on files.
 */
public final class IndexJson {
  /** The {@code format} value this class writes. */
  public static final String FORMAT = "pypidb-index/1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private IndexJson() {}

  public static MemoryIndex read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in);
    }
  }

  public static MemoryIndex read(InputStream in) throws IOException {
    return fromTree(MAPPER.readTree(in));
  }

  public static MemoryIndex parse(String json) {
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Collection<ProjectData> projects, Path path) throws IOException {
    try (OutputStream out = Files.newOutputStream(path)) {
      write(projects, out);
    }
  }

  public static String toJson(Collection<ProjectData> projects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(projects, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes {@code projects} (sorted by canonical name, duplicates merged) to {@code out}. */
  public static void write(Collection<ProjectData> projects, OutputStream out) throws IOException {
    MemoryIndex index = new MemoryIndex(projects);
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeArrayFieldStart("projects");
      for (ProjectData p : index.projects()) {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeArrayFieldStart("releases");
        for (ReleaseData r : p.releases()) {
          g.writeStartObject();
          g.writeStringField("version", r.version());
          if (r.yanked()) {
            g.writeBooleanField("yanked", true);
          }
          if (r.requiresPython() != null) {
            g.writeStringField("requires_python", r.requiresPython());
          }
          g.writeArrayFieldStart("files");
          for (Distribution d : r.distributions()) {
            writeFile(g, d);
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** Writes every project of {@code index}. */
  public static void write(MemoryIndex index, OutputStream out) throws IOException {
    write(index.projects(), out);
  }

  private static void writeFile(JsonGenerator g, Distribution d) throws IOException {
    g.writeStartObject();
    g.writeStringField("filename", d.filename());
    g.writeStringField("kind", d.kind() == Distribution.Kind.WHEEL ? "wheel" : "sdist");
    if (d.requiresPython() != null) {
      g.writeStringField("requires_python", d.requiresPython());
    }
    if (d.yanked()) {
      g.writeBooleanField("yanked", true);
    }
    g.writeArrayFieldStart("requires_dist");
    for (String req : d.requirements()) {
      g.writeString(req);
    }
    g.writeEndArray();
    if (!d.requirementsByPythonKey().isEmpty()) {
      g.writeObjectFieldStart("requires_dist_by_python");
      for (Map.Entry<String, List<String>> e : d.requirementsByPythonKey().entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        for (String req : e.getValue()) {
          g.writeString(req);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    if (!d.failedPythonKeys().isEmpty()) {
      g.writeObjectFieldStart("build_errors_by_python");
      for (Map.Entry<String, String> e : d.failedPythonKeys().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  // ---- reading -----------------------------------------------------------------------------

  private static MemoryIndex fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("an index document must be a JSON object");
    }
    JsonNode format = root.get("format");
    if (format != null && !format.isNull() && !FORMAT.equals(format.asText())) {
      throw new IllegalArgumentException("unsupported index format " + format);
    }
    JsonNode projects = root.get("projects");
    List<ProjectData> out = new ArrayList<>();
    if (projects == null || projects.isNull()) {
      return new MemoryIndex(out);
    }
    if (projects.isArray()) {
      for (JsonNode p : projects) {
        out.add(project(text(p, "name", null), p));
      }
    } else if (projects.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = projects.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(project(e.getKey(), e.getValue()));
      }
    } else {
      throw new IllegalArgumentException("\"projects\" must be an array or an object");
    }
    return new MemoryIndex(out);
  }

  private static ProjectData project(String name, JsonNode p) {
    if (name == null) {
      throw new IllegalArgumentException("a project without \"name\"");
    }
    List<ReleaseData> releases = new ArrayList<>();
    for (JsonNode r : array(p, "releases")) {
      String version = text(r, "version", null);
      if (version == null) {
        throw new IllegalArgumentException("a release of " + name + " without \"version\"");
      }
      List<Distribution> files = new ArrayList<>();
      for (JsonNode f : array(r, "files")) {
        files.add(file(f, name));
      }
      releases.add(new ReleaseData(version, bool(r, "yanked"), text(r, "requires_python", null),
          files));
    }
    return new ProjectData(name, releases);
  }

  private static Distribution file(JsonNode f, String project) {
    String filename = text(f, "filename", null);
    if (filename == null) {
      throw new IllegalArgumentException("a file of " + project + " without \"filename\"");
    }
    String kind = text(f, "kind", filename.endsWith(".whl") ? "wheel" : "sdist");
    List<String> reqs = strings(f.get("requires_dist"));
    String requiresPython = text(f, "requires_python", null);
    boolean yanked = bool(f, "yanked");
    if (kind.equals("wheel")) {
      return Distribution.wheel(filename, requiresPython, yanked, reqs);
    }
    if (!kind.equals("sdist")) {
      throw new IllegalArgumentException("unknown file kind '" + kind + "' of " + filename);
    }
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    JsonNode by = f.get("requires_dist_by_python");
    if (by != null && by.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = by.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        byKey.put(e.getKey(), strings(e.getValue()));
      }
    }
    Map<String, String> errors = new LinkedHashMap<>();
    JsonNode failed = f.get("build_errors_by_python");
    if (failed != null && failed.isObject()) {
      failed.fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText()));
    }
    return new Distribution(filename, Distribution.Kind.SDIST, java.util.Set.of(), requiresPython, yanked,
        reqs, byKey, errors);
  }

  private static Iterable<JsonNode> array(JsonNode parent, String field) {
    JsonNode a = parent.get(field);
    if (a == null || a.isNull()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" must be an array");
    }
    return a;
  }

  private static List<String> strings(JsonNode a) {
    List<String> out = new ArrayList<>();
    if (a == null || a.isNull()) {
      return out;
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("a requirement list must be an array of strings");
    }
    for (JsonNode s : a) {
      out.add(s.asText());
    }
    return out;
  }

  private static String text(JsonNode parent, String field, String fallback) {
    JsonNode v = parent.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  /** A boolean; a non-empty string (PEP 691's yank reason) other than "false" counts as true. */
  private static boolean bool(JsonNode parent, String field) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isTextual()) {
      String t = v.asText();
      return !t.isEmpty() && !t.equalsIgnoreCase("false");
    }
    return v.asBoolean(false);
  }
}
