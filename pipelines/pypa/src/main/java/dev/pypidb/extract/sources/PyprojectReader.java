package dev.pypidb.extract.sources;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import dev.pypidb.extract.sources.poetry.PoetryProject;
import dev.pypidb.pypa.metadata.CoreMetadata;
import dev.pypidb.pypa.names.ProjectNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link Method#PYPROJECT}: pyproject.toml, read as its build backend reads it.
 *
 * <ul>
 *   <li>PEP 621 {@code [project]} (any backend): {@code dependencies}, {@code optional-dependencies}
 *       and {@code requires-python}. A field listed in {@code dynamic} is computed by the backend:
 *       setuptools' {@code [tool.setuptools.dynamic]} file references are read from the sdist,
 *       poetry-core takes it from {@code [tool.poetry]}; otherwise it is unresolved here (setup.py
 *       or setup.cfg may still give it). A field neither listed nor dynamic is empty.
 *   <li>{@code [tool.poetry]} when the backend is poetry's: see {@link PoetryProject}.
 *   <li>{@code [tool.flit.metadata]} when the backend is flit's: {@code requires},
 *       {@code requires-extra} ({@code dev-requires} is the extra {@code dev}, as flit makes it),
 *       {@code requires-python}.
 * </ul>
 *
 * <p>A pyproject.toml whose project name is not PKG-INFO's did not build this sdist (it was made
 * by another tool, e.g. {@code setup.py sdist}, from a directory that also held another
 * project's pyproject.toml): its fields are unresolved, naming both.
 *
 * <p>{@code [build-system] requires} is not setup_requires: the crawler recorded the
 * {@code setup_requires} of the {@code setup()} call, which setuptools does not fill from it.
 */
public final class PyprojectReader extends KeyIndependentReader {
  static final String PATH = "pyproject.toml";
  private static final Set<String> POETRY_BACKENDS = Set.of("poetry.core.masonry.api", "poetry.masonry.api");
  private static final Set<String> FLIT_BACKENDS = Set.of("flit_core.buildapi", "flit.buildapi");
  private static final Pattern READ_TABLES =
      Pattern.compile("(?m)^\\s*\\[\\s*(project|tool\\.poetry|tool\\.flit\\.metadata)\\s*[\\].]");
  private static final TomlMapper TOML = new TomlMapper();

  private PyprojectReader(Map<SetupField, FieldAnswer> fields) {
    super(Method.PYPROJECT, fields);
  }

  /**
   * The reader of {@code tree}'s pyproject.toml; null when there is none, or it has none of the
   * tables above for its backend. A file that cannot be read or parsed but has one of those
   * tables answers their fields unresolved, with the reason.
   */
  public static PyprojectReader of(SourceTree tree) {
    if (!tree.exists(PATH)) {
      return null;
    }
    SourceText t = SourceText.read(tree, PATH);
    if (!t.ok()) {
      byte[] b = tree.bytes(PATH);
      return failed(b == null ? null : new String(b, StandardCharsets.UTF_8), t.problem());
    }
    JsonNode root;
    try {
      root = TOML.readTree(t.text());
    } catch (JacksonException | RuntimeException e) {
      return failed(t.text(), "pyproject.toml is not valid TOML: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    String backend = root.path("build-system").path("build-backend").asText("");
    Map<SetupField, FieldAnswer> fields;
    JsonNode project = root.get("project");
    JsonNode poetry = root.path("tool").get("poetry");
    JsonNode flit = root.path("tool").path("flit").get("metadata");
    String declaredName;
    if (project != null) {
      fields = project(tree, root, project, POETRY_BACKENDS.contains(backend) ? poetry : null);
      declaredName = project.path("name").asText(null);
    } else if (POETRY_BACKENDS.contains(backend) && poetry != null && poetry.isObject()) {
      fields = PoetryProject.fields(poetry);
      declaredName = poetry.path("name").asText(null);
    } else if (FLIT_BACKENDS.contains(backend) && flit != null && flit.isObject()) {
      fields = flit(flit);
      declaredName = null;
    } else {
      return null;
    }
    if (fields.isEmpty()) {
      return null;
    }
    String built = builtName(tree);
    if (declaredName != null && built != null
        && !ProjectNames.canonicalize(declaredName).equals(ProjectNames.canonicalize(built))) {
      return new PyprojectReader(unresolved("pyproject.toml describes the project '" + declaredName
          + "', not '" + built + "' of PKG-INFO: it did not build this sdist",
          fields.keySet().toArray(new SetupField[0])));
    }
    return new PyprojectReader(fields);
  }

  /** PKG-INFO's Name (any Metadata-Version), or null. */
  private static String builtName(SourceTree tree) {
    CoreMetadata m = PkgInfoReader.topLevel(tree);
    return m == null ? null : m.first("Name");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "parse error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static PyprojectReader failed(String text, String reason) {
    if (text != null && !READ_TABLES.matcher(text).find()) {
      return null;
    }
    return new PyprojectReader(unresolved(reason,
        SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES));
  }

  private static Map<SetupField, FieldAnswer> project(SourceTree tree, JsonNode root, JsonNode project,
      JsonNode poetry) {
    if (!project.isObject()) {
      return unresolved("pyproject.toml [project] is not a table",
          SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES);
    }
    List<String> dynamic = new ArrayList<>();
    JsonNode d = project.get("dynamic");
    if (d != null) {
      if (!d.isArray()) {
        return unresolved("pyproject.toml [project] dynamic is not an array",
            SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES);
      }
      d.forEach(n -> dynamic.add(n.asText()));
    }
    JsonNode setuptoolsDynamic = root.path("tool").path("setuptools").path("dynamic");
    Map<String, FieldAnswer> poetryFields = new LinkedHashMap<>();
    if (poetry != null && poetry.isObject()) {
      PoetryProject.fields(poetry).forEach((f, a) -> poetryFields.put(f.keyword(), a));
    }
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);

    if (dynamic.contains("dependencies")) {
      if (project.has("dependencies")) {
        out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.unresolved(
            "pyproject.toml [project] lists dependencies and also declares it dynamic"));
      } else if (setuptoolsDynamic.has("dependencies")) {
        out.put(SetupField.INSTALL_REQUIRES, fileDirective(tree, setuptoolsDynamic.get("dependencies"),
            "[tool.setuptools.dynamic] dependencies"));
      } else if (poetryFields.containsKey("install_requires")) {
        out.put(SetupField.INSTALL_REQUIRES, poetryFields.get("install_requires"));
      } else {
        out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.unresolved(
            "pyproject.toml [project] declares dependencies dynamic, computed by the build backend"));
      }
    } else {
      out.put(SetupField.INSTALL_REQUIRES, strings(project.get("dependencies"), "[project] dependencies"));
    }

    if (dynamic.contains("optional-dependencies")) {
      if (project.has("optional-dependencies")) {
        out.put(SetupField.EXTRAS_REQUIRE, FieldAnswer.unresolved(
            "pyproject.toml [project] lists optional-dependencies and also declares it dynamic"));
      } else if (setuptoolsDynamic.has("optional-dependencies")) {
        out.put(SetupField.EXTRAS_REQUIRE, dynamicExtras(tree, setuptoolsDynamic.get("optional-dependencies")));
      } else if (poetryFields.containsKey("extras_require")) {
        out.put(SetupField.EXTRAS_REQUIRE, poetryFields.get("extras_require"));
      } else {
        out.put(SetupField.EXTRAS_REQUIRE, FieldAnswer.unresolved(
            "pyproject.toml [project] declares optional-dependencies dynamic, computed by the build backend"));
      }
    } else {
      FieldAnswer extras = extrasTable(project.get("optional-dependencies"), "[project] optional-dependencies");
      if (dynamic.contains("dependencies") && poetryFields.get("extras_require") instanceof FieldAnswer.Known pk
          && extras instanceof FieldAnswer.Known k) {
        // poetry-core puts the markers of [tool.poetry.dependencies] in extras_require keys.
        Map<String, List<String>> merged = new LinkedHashMap<>(pk.extras());
        merged.putAll(k.extras());
        extras = FieldAnswer.known(merged);
      }
      out.put(SetupField.EXTRAS_REQUIRE, extras);
    }

    if (dynamic.contains("requires-python")) {
      out.put(SetupField.PYTHON_REQUIRES, FieldAnswer.unresolved(
          "pyproject.toml [project] declares requires-python dynamic, computed by the build backend"));
    } else if (project.has("requires-python")) {
      JsonNode rp = project.get("requires-python");
      out.put(SetupField.PYTHON_REQUIRES, rp.isTextual() ? FieldAnswer.known(rp.asText())
          : FieldAnswer.unresolved("pyproject.toml [project] requires-python is not a string"));
    } else if (poetryFields.containsKey("python_requires")) {
      out.put(SetupField.PYTHON_REQUIRES, poetryFields.get("python_requires"));
    }
    return out;
  }

  /** {@code {file = "a.txt"}} or {@code {file = ["a.txt", "b.txt"]}}, read as requirement lines. */
  private static FieldAnswer fileDirective(SourceTree tree, JsonNode directive, String where) {
    JsonNode file = directive.get("file");
    if (file == null) {
      return FieldAnswer.unresolved(where + " is not a {file = ...} directive, the only form setuptools reads for it");
    }
    List<String> paths = new ArrayList<>();
    if (file.isTextual()) {
      paths.add(file.asText());
    } else if (file.isArray()) {
      for (JsonNode p : file) {
        if (!p.isTextual()) {
          return FieldAnswer.unresolved(where + " file list holds a non-string");
        }
        paths.add(p.asText());
      }
    } else {
      return FieldAnswer.unresolved(where + " file is neither a string nor a list of strings");
    }
    return SetuptoolsLists.fileRequirements(tree, paths, where + " " + paths);
  }

  private static FieldAnswer dynamicExtras(SourceTree tree, JsonNode table) {
    if (!table.isObject()) {
      return FieldAnswer.unresolved("[tool.setuptools.dynamic] optional-dependencies is not a table");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldAnswer a = fileDirective(tree, e.getValue(),
          "[tool.setuptools.dynamic] optional-dependencies." + e.getKey());
      if (a instanceof FieldAnswer.Unresolved) {
        return a;
      }
      out.put(e.getKey(), ((FieldAnswer.Known) a).strings());
    }
    return FieldAnswer.known(out);
  }

  /** An array of strings (absent: empty), or unresolved naming the field. */
  private static FieldAnswer strings(JsonNode node, String where) {
    if (node == null) {
      return FieldAnswer.known(List.of());
    }
    if (!node.isArray()) {
      return FieldAnswer.unresolved("pyproject.toml " + where + " is not an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        return FieldAnswer.unresolved("pyproject.toml " + where + " holds a non-string: " + n);
      }
      out.add(n.asText());
    }
    return FieldAnswer.known(out);
  }

  /** A table of string arrays (absent: empty), or unresolved naming the field. */
  private static FieldAnswer extrasTable(JsonNode node, String where) {
    if (node == null) {
      return FieldAnswer.known(Map.of());
    }
    if (!node.isObject()) {
      return FieldAnswer.unresolved("pyproject.toml " + where + " is not a table");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldAnswer a = strings(e.getValue(), where + "." + e.getKey());
      if (a instanceof FieldAnswer.Unresolved) {
        return a;
      }
      out.put(e.getKey(), ((FieldAnswer.Known) a).strings());
    }
    return FieldAnswer.known(out);
  }

  private static Map<SetupField, FieldAnswer> flit(JsonNode metadata) {
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    out.put(SetupField.INSTALL_REQUIRES, strings(metadata.get("requires"), "[tool.flit.metadata] requires"));
    FieldAnswer extras = extrasTable(metadata.get("requires-extra"), "[tool.flit.metadata] requires-extra");
    if (metadata.has("dev-requires") && extras instanceof FieldAnswer.Known k) {
      FieldAnswer dev = strings(metadata.get("dev-requires"), "[tool.flit.metadata] dev-requires");
      if (k.extras().containsKey("dev")) {
        extras = FieldAnswer.unresolved("[tool.flit.metadata] has both dev-requires and requires-extra.dev,"
            + " which flit refuses");
      } else if (dev instanceof FieldAnswer.Known dk) {
        Map<String, List<String>> merged = new LinkedHashMap<>(k.extras());
        merged.put("dev", dk.strings());
        extras = FieldAnswer.known(merged);
      } else {
        extras = dev;
      }
    }
    out.put(SetupField.EXTRAS_REQUIRE, extras);
    JsonNode rp = metadata.get("requires-python");
    if (rp != null) {
      out.put(SetupField.PYTHON_REQUIRES, rp.isTextual() ? FieldAnswer.known(rp.asText())
          : FieldAnswer.unresolved("[tool.flit.metadata] requires-python is not a string"));
    }
    return out;
  }
}
