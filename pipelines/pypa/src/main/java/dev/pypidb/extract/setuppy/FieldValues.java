package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.SetupField;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link SetupField}s of a recorded {@code setup()} call. Requirement values are read as
 * setuptools reads them ({@code pkg_resources.parse_requirements}): a string is split into
 * lines, each stripped, blank lines and lines starting with {@code #} dropped, a {@code " #"}
 * comment cut off (with the blanks before it), a line ending in a backslash joined with the next (dropping the backslash
 * and the character before it, as pkg_resources does); lists, tuples and sets are flattened the
 * same way. This is what mach-nix's crawler recorded for {@code install_requires} and the
 * {@code extras_require} values; for {@code setup_requires} and {@code tests_require} it kept a
 * string as one item, which this reading splits. Requirement strings are otherwise kept as
 * written: environment markers stay in them, and nothing is normalised.
 */
final class FieldValues {
  private FieldValues() {}

  static Map<SetupField, FieldAnswer> of(SetupCall call, String root) {
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    for (SetupField f : SetupField.values()) {
      Object v = call.keywords().get(f.keyword());
      if (v == null) {
        if (call.unknownKeywords() != null) {
          out.put(f, FieldAnswer.unresolved(f.keyword() + ": setup() (line " + call.line()
              + ") also receives keywords that are unknown: " + call.unknownKeywords().reason()));
        }
        continue;
      }
      if (v instanceof PyNone) {
        continue;
      }
      FieldAnswer answer = switch (f) {
        case EXTRAS_REQUIRE -> extras(v);
        case PYTHON_REQUIRES -> pythonRequires(v);
        default -> requirements(f.keyword(), v);
      };
      out.put(f, checkRoot(f, answer, root));
    }
    return out;
  }

  private static FieldAnswer requirements(String field, Object v) {
    List<String> out = new ArrayList<>();
    String problem = collect(v, out, 0);
    if (problem != null) {
      return FieldAnswer.unresolved(field + ": " + problem);
    }
    return FieldAnswer.known(parse(out));
  }

  private static FieldAnswer extras(Object v) {
    Unknown u = Ops.unknownOf(v);
    if (u != null) {
      return FieldAnswer.unresolved("extras_require: " + u.reason());
    }
    if (!(v instanceof PyDict d)) {
      return FieldAnswer.unresolved("extras_require: is a " + typeName(v) + ", not a dict");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : d.entries()) {
      if (!(e.getKey() instanceof String key)) {
        return FieldAnswer.unresolved("extras_require: a key is a " + typeName(e.getKey()) + ", not a str");
      }
      List<String> lines = new ArrayList<>();
      String problem = collect(e.getValue(), lines, 0);
      if (problem != null) {
        return FieldAnswer.unresolved("extras_require: extra " + PyRepr.quote(key) + ": " + problem);
      }
      out.put(key, parse(lines));
    }
    return FieldAnswer.known(out);
  }

  private static FieldAnswer pythonRequires(Object v) {
    Unknown u = Ops.unknownOf(v);
    if (u != null) {
      return FieldAnswer.unresolved("python_requires: " + u.reason());
    }
    if (v instanceof String s) {
      return FieldAnswer.known(s);
    }
    return FieldAnswer.unresolved("python_requires: is a " + typeName(v) + ", not a str");
  }

  /** Flattens a requirements value into stripped lines; the reason when it cannot. */
  private static String collect(Object v, List<String> out, int depth) {
    Unknown u = Ops.unknownOf(v);
    if (u != null) {
      return u.reason();
    }
    if (v instanceof String s) {
      for (Object line : StrMethods.splitlines(s, false).items) {
        String t = StrMethods.strip((String) line, "strip", null);
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return null;
    }
    if (v instanceof PyBytes b) {
      return collect(b.latin1(), out, depth);
    }
    List<Object> items;
    if (v instanceof PyList l) {
      items = l.items;
    } else if (v instanceof PyTuple t) {
      items = t.items;
    } else if (v instanceof PySet s) {
      items = s.items();
    } else if (v instanceof PyDict d) {
      items = d.keyList();
    } else if (v instanceof PyIter it) {
      items = it.drain();
    } else {
      return "is a " + typeName(v) + ", not a list of requirement strings";
    }
    if (depth > 10) {
      return "requirement lists nested more than 10 deep";
    }
    for (int k = 0; k < items.size(); k++) {
      Object item = items.get(k);
      if (item instanceof PyNone || item instanceof Boolean || Ops.isNumber(item)) {
        return "item " + k + " is a " + typeName(item) + ", not a requirement string";
      }
      String problem = collect(item, out, depth + 1);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** pkg_resources.parse_requirements over stripped lines: comments and continuations. */
  private static List<String> parse(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      int comment = line.indexOf(" #");
      if (comment >= 0) {
        line = StrMethods.strip(line.substring(0, comment), "rstrip", null);
      }
      if (line.endsWith("\\")) {
        line = StrMethods.strip(line.substring(0, Math.max(0, line.length() - 2)), "strip", null);
        if (k + 1 >= lines.size()) {
          break;
        }
        line += lines.get(++k);
      }
      out.add(line);
    }
    return out;
  }

  /** A value built from the build directory's absolute path depends on where the build ran. */
  private static FieldAnswer checkRoot(SetupField f, FieldAnswer answer, String root) {
    if (answer instanceof FieldAnswer.Known k && k.value().toString().contains(root)) {
      return FieldAnswer.unresolved(f.keyword() + ": contains the build directory's absolute path (" + root + ")");
    }
    return answer;
  }

  /** Python 3's name for the type of a keyword's value, in a reason. */
  private static String typeName(Object v) {
    return Ops.typeName(v, () -> false);
  }
}
