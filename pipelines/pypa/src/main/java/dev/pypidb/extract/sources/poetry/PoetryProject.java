package dev.pypidb.extract.sources.poetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.SetupField;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.text.PyText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code setup()} call poetry-core 1.x generates for a {@code [tool.poetry]} project (its
 * sdist's {@code setup.py}, which is what mach-nix's crawler ran): {@code install_requires}
 * sorted, markers moved to {@code extras_require} keys {@code ":marker"}, optional dependencies
 * under their {@code [tool.poetry.extras]} names (canonical, as poetry-core 1.x writes them) or
 * {@code "extra:marker"}, and {@code python_requires} from the {@code python} dependency.
 * Development dependencies and dependency groups are not part of it, as in poetry-core.
 */
public final class PoetryProject {
  private static final Pattern PARENTHESIZED = Pattern.compile("^(.+) \\((.+)\\)$");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:(?<user>[^@/:]+)@)?(?<host>[^@/:]+):(?<path>[^/].*)$");
  /** poetry-core 1.x's {@code PYTHON_VERSION} list, used to write a union of Python ranges. */
  private static final List<String> PYTHON_SERIES = List.of("2.7.*", "3.0.*", "3.1.*", "3.2.*", "3.3.*",
      "3.4.*", "3.5.*", "3.6.*", "3.7.*", "3.8.*", "3.9.*", "3.10.*", "3.11.*");

  private PoetryProject() {}

  /** One dependency entry of the main group, as poetry-core's {@code Dependency}. */
  private static final class Dependency {
    final String name;
    final String base;
    final PoetryMarker marker;
    final boolean optional;
    final List<String> inExtras = new ArrayList<>();

    Dependency(String name, String base, PoetryMarker marker, boolean optional) {
      this.name = name;
      this.base = base;
      this.marker = marker;
      this.optional = optional;
    }

    String canonicalName() {
      return ProjectNames.canonicalize(name);
    }

    /** poetry's {@code to_pep_508(with_extras)}. */
    String toPep508(boolean withExtras) {
      List<String> markers = new ArrayList<>();
      boolean hasExtras = false;
      if (!marker.isAny()) {
        PoetryMarker m = withExtras ? marker : marker.withoutExtras();
        if (!m.isAny()) {
          markers.add(m.toString());
        }
        hasExtras = !m.extras().isEmpty();
      }
      if (!inExtras.isEmpty() && withExtras && !hasExtras) {
        markers.add(PoetryMarker.ofValues("extra", String.join(" || ", inExtras)).toString());
      }
      if (markers.isEmpty()) {
        return base;
      }
      if (markers.size() == 1) {
        return base + " ; " + markers.get(0);
      }
      List<String> wrapped = new ArrayList<>();
      for (String m : markers) {
        wrapped.add("(" + m + ")");
      }
      return base + " ; " + String.join(" and ", wrapped);
    }
  }

  /** Why a project cannot be converted as poetry-core converts it. */
  private static final class Unconvertible extends Exception {
    Unconvertible(String message) {
      super(message);
    }
  }

  /**
   * The fields poetry-core's generated {@code setup()} would pass for the {@code [tool.poetry]}
   * table {@code poetry}: install_requires and extras_require (known, or unresolved together with
   * the reason), and python_requires when a {@code python} dependency is not {@code "*"}.
   */
  public static Map<SetupField, FieldAnswer> fields(JsonNode poetry) {
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    JsonNode deps = poetry.get("dependencies");
    String python = "*";
    try {
      List<Dependency> requires = new ArrayList<>();
      if (deps != null) {
        if (!deps.isObject()) {
          throw new Unconvertible("[tool.poetry.dependencies] is not a table");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          List<JsonNode> specs = new ArrayList<>();
          if (e.getValue().isArray()) {
            e.getValue().forEach(specs::add);
          } else {
            specs.add(e.getValue());
          }
          for (JsonNode spec : specs) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals("python")) {
              if (spec.isTextual()) {
                python = spec.asText();
              }
              continue;
            }
            requires.add(dependency(e.getKey(), spec));
          }
        }
      }
      Map<String, List<Dependency>> extras = extras(poetry.get("extras"), requires);
      out.putAll(convert(requires, extras));
    } catch (Unconvertible e) {
      String why = "poetry-core cannot write [tool.poetry] dependencies: " + e.getMessage();
      out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.unresolved(why));
      out.put(SetupField.EXTRAS_REQUIRE, FieldAnswer.unresolved(why));
    }
    if (!python.equals("*")) {
      try {
        out.put(SetupField.PYTHON_REQUIRES, FieldAnswer.known(pythonRequires(python)));
      } catch (IllegalArgumentException e) {
        out.put(SetupField.PYTHON_REQUIRES, FieldAnswer.unresolved(
            "poetry-core cannot read python = " + PyText.repr(python) + ": " + e.getMessage()));
      }
    }
    return out;
  }

  private static Map<String, List<Dependency>> extras(JsonNode extras, List<Dependency> requires)
      throws Unconvertible {
    Map<String, List<Dependency>> out = new LinkedHashMap<>();
    if (extras == null) {
      return out;
    }
    if (!extras.isObject()) {
      throw new Unconvertible("[tool.poetry.extras] is not a table");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = extras.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String extra = ProjectNames.canonicalize(e.getKey());
      List<Dependency> members = new ArrayList<>();
      out.put(extra, members);
      if (!e.getValue().isArray()) {
        throw new Unconvertible("extra '" + e.getKey() + "' is not a list of dependency names");
      }
      for (JsonNode req : e.getValue()) {
        String wanted = ProjectNames.canonicalize(req.asText());
        for (Dependency d : requires) {
          if (d.canonicalName().equals(wanted)) {
            d.inExtras.add(extra);
            members.add(d);
          }
        }
      }
    }
    return out;
  }

  /** poetry-core's {@code SdistBuilder.convert_dependencies}, then sorted as its setup.py prints them. */
  private static Map<SetupField, FieldAnswer> convert(List<Dependency> requires,
      Map<String, List<Dependency>> extras) throws Unconvertible {
    List<String> main = new ArrayList<>();
    Map<String, List<String>> byExtra = new LinkedHashMap<>();
    for (Dependency d : requires) {
      if (d.optional) {
        for (Map.Entry<String, List<Dependency>> e : extras.entrySet()) {
          for (Dependency member : e.getValue()) {
            if (member.canonicalName().equals(d.canonicalName())) {
              String[] split = splitMarker(d.toPep508(false));
              String key = split[1] == null ? e.getKey() : e.getKey() + ":" + split[1];
              byExtra.computeIfAbsent(key, k -> new ArrayList<>()).add(split[0]);
            }
          }
        }
        continue;
      }
      String[] split = splitMarker(d.toPep508(true));
      if (split[1] != null) {
        byExtra.computeIfAbsent(":" + split[1], k -> new ArrayList<>()).add(split[0]);
      } else {
        main.add(split[0]);
      }
    }
    main.sort(PyText::compareCodePoints);
    Map<String, List<String>> sorted = new TreeMap<>(PyText::compareCodePoints);
    sorted.putAll(byExtra);
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.known(main));
    out.put(SetupField.EXTRAS_REQUIRE, FieldAnswer.known(new LinkedHashMap<>(sorted)));
    return out;
  }

  /** {@code requirement.split(";")} and the {@code "name (spec)"} to {@code "namespec"} rewrite. */
  private static String[] splitMarker(String requirement) throws Unconvertible {
    String[] parts = requirement.split(";", -1);
    if (parts.length > 2) {
      throw new Unconvertible("'" + requirement + "' has more than one ';', which poetry-core's setup.py writer cannot split");
    }
    String req = parts[0].strip();
    Matcher m = PARENTHESIZED.matcher(req);
    if (m.matches()) {
      req = m.group(1) + m.group(2);
    }
    return new String[] {req, parts.length == 2 ? parts[1].strip() : null};
  }

  private static Dependency dependency(String name, JsonNode spec) throws Unconvertible {
    if (spec.isTextual()) {
      return new Dependency(name, name + constraintText(name, spec.asText()), PoetryMarker.ANY, false);
    }
    if (!spec.isObject()) {
      throw new Unconvertible("dependency '" + name + "' is neither a version string nor a table");
    }
    boolean optional = spec.path("optional").asBoolean(false);
    String extras = extrasText(spec.get("extras"));
    String base;
    if (spec.has("git")) {
      String reference = firstText(spec, "branch", "tag", "rev");
      base = name + extras + " @ " + gitUrl(name, spec.get("git").asText())
          + (reference.isEmpty() ? "" : "@" + reference) + subdirectory(spec);
    } else if (spec.has("file") || spec.has("path")) {
      throw new Unconvertible("dependency '" + name + "' is a local path, which poetry-core writes as a"
          + " file:// URL of the machine that built the sdist");
    } else if (spec.has("url")) {
      base = name + extras + " @ " + spec.get("url").asText() + subdirectory(spec);
    } else if (spec.has("version")) {
      base = name + extras + constraintText(name, spec.get("version").asText());
    } else {
      throw new Unconvertible("dependency '" + name + "' has no version, git, url or path");
    }
    PoetryMarker marker = PoetryMarker.ANY;
    try {
      if (spec.hasNonNull("markers") && !spec.get("markers").asText().isEmpty()) {
        marker = PoetryMarker.parse(spec.get("markers").asText());
      }
      if (spec.hasNonNull("python") && !spec.get("python").asText().isEmpty()) {
        marker = marker.intersect(PoetryMarker.ofVersion("python_version",
            ConstraintParser.parse(spec.get("python").asText())));
      }
      if (spec.hasNonNull("platform") && !spec.get("platform").asText().isEmpty()) {
        marker = marker.intersect(PoetryMarker.ofValues("sys_platform", spec.get("platform").asText()));
      }
    } catch (RuntimeException e) {
      throw new Unconvertible("the markers of dependency '" + name + "' do not parse: " + e.getMessage());
    }
    Dependency d = new Dependency(name, base, marker, optional || !marker.extras().isEmpty());
    for (String extra : marker.extras()) {
      d.inExtras.add(ProjectNames.canonicalize(extra));
    }
    return d;
  }

  private static String firstText(JsonNode spec, String... keys) {
    for (String k : keys) {
      if (spec.hasNonNull(k) && !spec.get(k).asText().isEmpty()) {
        return spec.get(k).asText();
      }
    }
    return "";
  }

  private static String subdirectory(JsonNode spec) {
    String dir = firstText(spec, "subdirectory");
    return dir.isEmpty() ? "" : "#subdirectory=" + dir;
  }

  private static String gitUrl(String name, String source) throws Unconvertible {
    if (SCHEME.matcher(source).matches()) {
      return "git+" + source;
    }
    Matcher m = SCP_LIKE.matcher(source);
    if (m.matches()) {
      String user = m.group("user") == null ? "" : m.group("user") + "@";
      return "git+ssh://" + user + m.group("host") + "/" + m.group("path");
    }
    throw new Unconvertible("dependency '" + name + "' has a git URL poetry-core cannot parse: " + source);
  }

  /** {@code [a,b]}: the extras canonical, sorted, as poetry-core's features. */
  private static String extrasText(JsonNode extras) {
    if (extras == null || !extras.isArray() || extras.isEmpty()) {
      return "";
    }
    java.util.TreeSet<String> names = new java.util.TreeSet<>(PyText::compareCodePoints);
    extras.forEach(e -> names.add(ProjectNames.canonicalize(e.asText())));
    return "[" + String.join(",", names) + "]";
  }

  /** poetry's {@code base_pep_508_name} constraint part: {@code " (>=1.0,<2.0)"} or nothing. */
  private static String constraintText(String name, String pretty) throws Unconvertible {
    VersionConstraint c;
    try {
      c = ConstraintParser.parse(pretty);
    } catch (IllegalArgumentException e) {
      throw new Unconvertible("dependency '" + name + "': " + e.getMessage());
    }
    if (c instanceof VersionUnion u) {
      String text;
      if (u.excludesSingleVersion() || u.excludesSingleWildcardRange()) {
        text = u.toString();
      } else {
        List<String> parts = new ArrayList<>();
        for (String piece : pretty.split(",", -1)) {
          try {
            parts.add(ConstraintParser.parse(piece).toString());
          } catch (IllegalArgumentException e) {
            throw new Unconvertible("dependency '" + name + "': " + e.getMessage());
          }
        }
        text = String.join(",", parts);
      }
      if (text.contains("||")) {
        throw new Unconvertible("dependency '" + name + "' allows disjoint ranges (" + pretty
            + "), which poetry-core writes as '" + text + "', not a PEP 440 specifier");
      }
      return " (" + text + ")";
    }
    if (c instanceof PoetryVersion v) {
      return " (==" + v.text() + ")";
    }
    if (c.isEmpty()) {
      throw new Unconvertible("dependency '" + name + "' allows no version (" + pretty + ")");
    }
    return c.isAny() ? "" : " (" + c.toString().replace(" ", "") + ")";
  }

  /** poetry-core's {@code format_python_constraint}. */
  static String pythonRequires(String python) {
    VersionConstraint c = ConstraintParser.parse(python);
    if (c instanceof PoetryVersion v) {
      if (v.precision() >= 3) {
        return "==" + v.text();
      }
      c = v.precision() == 2
          ? ConstraintParser.parse("~" + v.major() + "." + v.minor())
          : ConstraintParser.parse("^" + v.major() + ".0");
    }
    if (!(c instanceof VersionUnion)) {
      if (c.isEmpty()) {
        throw new IllegalArgumentException("no Python version satisfies it");
      }
      return c.toString();
    }
    List<String> formatted = new ArrayList<>();
    String low = null;
    for (String series : PYTHON_SERIES) {
      if (!c.allowsAny(ConstraintParser.parse(series))) {
        formatted.add("!=" + series);
      } else if (low == null) {
        low = series;
      }
    }
    if (low == null) {
      throw new IllegalArgumentException("it allows none of Python 2.7 to 3.11");
    }
    String[] parts = low.split("\\.");
    formatted.add(0, ">=" + parts[0] + "." + parts[1]);
    return String.join(", ", formatted);
  }
}
