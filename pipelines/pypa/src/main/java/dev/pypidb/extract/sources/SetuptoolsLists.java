package dev.pypidb.extract.sources;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.SourceTree;
import dev.pypidb.pypa.text.PyText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How setuptools turns configuration text into requirement lists: setup.cfg's list values
 * ({@code _parse_list}: one item per line when the value has several lines, else split at the
 * separator), its {@code file:} directive, and the requirement files of
 * {@code [tool.setuptools.dynamic]}. A line that is a pip option ({@code -r other.txt},
 * {@code -e .}, {@code --index-url ...}) is not a requirement: setuptools passes it on and fails
 * on it, so the list is unresolved.
 */
final class SetuptoolsLists {
  private static final String FILE_DIRECTIVE = "file:";

  private SetuptoolsLists() {}

  /** Python's {@code str.splitlines()}. */
  static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>(Arrays.asList(
        s.split("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /** setuptools' {@code _parse_list(value, separator)}. */
  static List<String> parseList(String value, String separator) {
    List<String> chunks = value.indexOf('\n') >= 0 ? splitLines(value) : Arrays.asList(value.split(
        java.util.regex.Pattern.quote(separator), -1));
    List<String> out = new ArrayList<>();
    for (String c : chunks) {
      String s = PyText.strip(c);
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * setup.cfg's {@code _parse_requirements_list}: the value, or the files a {@code file:} value
   * names, as a semicolon list without comment lines.
   */
  static FieldAnswer configRequirements(SourceTree tree, String value, String where) {
    String text = value;
    if (value.startsWith(FILE_DIRECTIVE)) {
      List<String> paths = new ArrayList<>();
      for (String p : value.substring(FILE_DIRECTIVE.length()).split(",", -1)) {
        paths.add(PyText.strip(p));
      }
      SourceText files = ReferencedFiles.read(tree, paths);
      if (!files.ok()) {
        return FieldAnswer.unresolved(where + " = " + value + ": " + files.problem());
      }
      text = files.text();
    }
    List<String> out = new ArrayList<>();
    for (String line : parseList(text, ";")) {
      if (!line.startsWith("#")) {
        out.add(line);
      }
    }
    return checked(out, where);
  }

  /** {@code [tool.setuptools.dynamic]} requirement files: their non-blank, non-comment lines. */
  static FieldAnswer fileRequirements(SourceTree tree, List<String> paths, String where) {
    SourceText files = ReferencedFiles.read(tree, paths);
    if (!files.ok()) {
      return FieldAnswer.unresolved(where + ": " + files.problem());
    }
    List<String> out = new ArrayList<>();
    for (String line : splitLines(files.text())) {
      String s = PyText.strip(line);
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.add(s);
      }
    }
    return checked(out, where);
  }

  private static FieldAnswer checked(List<String> requirements, String where) {
    for (String r : requirements) {
      if (r.startsWith("-")) {
        return FieldAnswer.unresolved(where + ": '" + r + "' is a pip option, not a requirement;"
            + " setuptools reads one requirement per line and fails on it");
      }
    }
    return FieldAnswer.known(requirements);
  }
}
