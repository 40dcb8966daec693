package dev.pypidb.extract.sources;

import dev.pypidb.pypa.text.PyText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An INI file read as setuptools reads setup.cfg: Python's {@code configparser.ConfigParser}
 * with its defaults (strict, {@code =} and {@code :} delimiters, full-line {@code #} and
 * {@code ;} comments, indented continuation lines, blank lines kept inside values, a
 * {@code [DEFAULT]} section inherited by every section, {@code %(name)s} interpolation) and
 * setuptools' {@code optionxform = str} (option names keep their case).
 */
final class IniFile {
  static final String DEFAULT_SECTION = "DEFAULT";
  private static final Pattern SECTION = Pattern.compile("\\[(?<header>.+)\\]", Pattern.DOTALL);
  private static final Pattern OPTION = Pattern.compile(
      "(?<option>.*?)\\s*(?<vi>=|:)\\s*(?<value>.*)", Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern KEY = Pattern.compile("%\\(([^)]+)\\)s");
  private static final int MAX_INTERPOLATION_DEPTH = 10;
  /** An interpolated value longer than this is refused (nested references can double it per level). */
  private static final int MAX_VALUE_CHARS = 1 << 20;

  /** The file is not one configparser reads, or a value does not interpolate. */
  static final class IniException extends Exception {
    private static final long serialVersionUID = 1L;

    IniException(String message) {
      super(message);
    }
  }

  private final Map<String, Map<String, String>> sections;
  private final Map<String, String> defaults;

  private IniFile(Map<String, Map<String, String>> sections, Map<String, String> defaults) {
    this.sections = sections;
    this.defaults = defaults;
  }

  static IniFile parse(String text, String fileName) throws IniException {
    Map<String, Map<String, List<String>>> raw = new LinkedHashMap<>();
    Map<String, List<String>> rawDefaults = new LinkedHashMap<>();
    Set<String> added = new HashSet<>();
    Map<String, List<String>> cursect = null;
    String sectname = null;
    String optname = null;
    int indentLevel = 0;
    List<String> bogus = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int lineno = i + 1;
      String stripped = PyText.strip(line);
      boolean comment = stripped.startsWith("#") || stripped.startsWith(";");
      String value = comment ? "" : stripped;
      if (value.isEmpty()) {
        if (!comment && cursect != null && optname != null && !optname.isEmpty() && cursect.get(optname) != null) {
          cursect.get(optname).add("");
        }
        continue;
      }
      int curIndent = 0;
      while (curIndent < line.length() && PyText.isWhitespace(line.charAt(curIndent))) {
        curIndent++;
      }
      if (cursect != null && optname != null && !optname.isEmpty() && curIndent > indentLevel) {
        List<String> v = cursect.get(optname);
        if (v != null) {
          v.add(value);
        }
        continue;
      }
      indentLevel = curIndent;
      Matcher sm = SECTION.matcher(value);
      if (sm.lookingAt()) {
        sectname = sm.group("header");
        if (raw.containsKey(sectname)) {
          if (added.contains(sectname)) {
            throw new IniException("While reading from '" + fileName + "' [line " + lineno + "]: section "
                + PyText.repr(sectname) + " already exists");
          }
          cursect = raw.get(sectname);
          added.add(sectname);
        } else if (sectname.equals(DEFAULT_SECTION)) {
          cursect = rawDefaults;
        } else {
          cursect = new LinkedHashMap<>();
          raw.put(sectname, cursect);
          added.add(sectname);
        }
        optname = null;
      } else if (cursect == null) {
        throw new IniException("File contains no section headers.\nfile: '" + fileName + "', line: "
            + lineno + "\n" + PyText.repr(line));
      } else {
        Matcher om = OPTION.matcher(value);
        if (om.matches()) {
          optname = rstrip(om.group("option"));
          if (optname.isEmpty()) {
            bogus.add("[line " + lineno + "]: " + PyText.repr(line));
          }
          String key = sectname + "\u0000" + optname;
          if (added.contains(key)) {
            throw new IniException("While reading from '" + fileName + "' [line " + lineno + "]: option "
                + PyText.repr(optname) + " in section " + PyText.repr(sectname) + " already exists");
          }
          added.add(key);
          List<String> v = new ArrayList<>();
          v.add(PyText.strip(om.group("value")));
          cursect.put(optname, v);
        } else {
          bogus.add("[line " + lineno + "]: " + PyText.repr(line));
        }
      }
    }
    if (!bogus.isEmpty()) {
      throw new IniException("Source contains parsing errors: '" + fileName + "'\n\t" + String.join("\n\t", bogus));
    }
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    raw.forEach((name, options) -> sections.put(name, join(options)));
    return new IniFile(sections, join(rawDefaults));
  }

  private static Map<String, String> join(Map<String, List<String>> options) {
    Map<String, String> out = new LinkedHashMap<>();
    options.forEach((k, v) -> out.put(k, rstrip(String.join("\n", v))));
    return out;
  }

  /** Python's {@code str.rstrip()}. */
  private static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && PyText.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  Set<String> sections() {
    return sections.keySet();
  }

  boolean hasSection(String section) {
    return sections.containsKey(section);
  }

  /** configparser's {@code options(section)}: the section's own, then inherited defaults. */
  List<String> options(String section) {
    List<String> out = new ArrayList<>(sections.get(section).keySet());
    for (String d : defaults.keySet()) {
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /** configparser's {@code get(section, option)}, interpolated. */
  String get(String section, String option) throws IniException {
    Map<String, String> map = new LinkedHashMap<>(defaults);
    map.putAll(sections.get(section));
    String value = map.get(option);
    if (value == null) {
      throw new IniException("No option " + PyText.repr(option) + " in section: " + PyText.repr(section));
    }
    StringBuilder accum = new StringBuilder();
    interpolate(option, section, accum, value, map, 1);
    return accum.toString();
  }

  private static void interpolate(String option, String section, StringBuilder accum, String rest,
      Map<String, String> map, int depth) throws IniException {
    if (depth > MAX_INTERPOLATION_DEPTH) {
      throw new IniException("Recursion limit exceeded in value substitution: option " + PyText.repr(option)
          + " in section " + PyText.repr(section));
    }
    String r = rest;
    while (!r.isEmpty()) {
      if (accum.length() > MAX_VALUE_CHARS) {
        throw new IniException("interpolated value of option " + PyText.repr(option) + " exceeds "
            + MAX_VALUE_CHARS + " characters");
      }
      int p = r.indexOf('%');
      if (p < 0) {
        accum.append(r);
        return;
      }
      accum.append(r, 0, p);
      r = r.substring(p);
      char c = r.length() > 1 ? r.charAt(1) : '\0';
      if (c == '%') {
        accum.append('%');
        r = r.substring(2);
      } else if (c == '(') {
        Matcher m = KEY.matcher(r);
        if (!m.lookingAt()) {
          throw new IniException("bad interpolation variable reference " + PyText.repr(r)
              + " in option " + PyText.repr(option) + " of section " + PyText.repr(section));
        }
        String var = m.group(1);
        r = r.substring(m.end());
        String v = map.get(var);
        if (v == null) {
          throw new IniException("Bad value substitution: option " + PyText.repr(option) + " in section "
              + PyText.repr(section) + " contains an interpolation key " + PyText.repr(var)
              + " which is not a valid option name");
        }
        if (v.indexOf('%') >= 0) {
          interpolate(option, section, accum, v, map, depth + 1);
        } else {
          accum.append(v);
        }
      } else {
        throw new IniException("'%' must be followed by '%' or '(', found: " + PyText.repr(r)
            + " in option " + PyText.repr(option) + " of section " + PyText.repr(section));
      }
    }
  }
}
