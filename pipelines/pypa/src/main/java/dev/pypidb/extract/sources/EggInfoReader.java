package dev.pypidb.extract.sources;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import dev.pypidb.pypa.metadata.CoreMetadata;
import dev.pypidb.pypa.metadata.InvalidMetadataException;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.text.PyText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@link Method#EGG_INFO}: what setuptools wrote into the project's {@code *.egg-info} directory
 * when the sdist was made: {@code requires.txt} (install_requires before any section, then
 * {@code [extra]}, {@code [:marker]} and {@code [extra:marker]} sections, kept as written as
 * extras_require keys) and the Requires-Python of the PKG-INFO beside it.
 *
 * <p>The directory is the one named after the project (PKG-INFO's Name, compared canonically),
 * the shallowest if several are (top level before {@code src/}). Without a top-level PKG-INFO
 * name, the only {@code *.egg-info} directory at the top level or one directory below is used.
 *
 * <p>A missing {@code requires.txt}: setuptools deletes an empty one, so when the egg-info is
 * complete (it has the {@code SOURCES.txt} setuptools always writes, and that does not list
 * {@code requires.txt}) its absence means install_requires and extras_require were empty. An
 * egg-info without {@code SOURCES.txt} is not known to be complete and says nothing about them.
 */
public final class EggInfoReader extends KeyIndependentReader {
  private static final String SUFFIX = ".egg-info";
  /** Where a built {@code .egg} keeps what an sdist keeps in {@code <name>.egg-info}. */
  private static final String EGG = "EGG-INFO";

  private final String directory;

  private EggInfoReader(String directory, Map<SetupField, FieldAnswer> fields) {
    super(Method.EGG_INFO, fields);
    this.directory = directory;
  }

  /** The egg-info directory read, relative to the project directory. */
  public String directory() {
    return directory;
  }

  /** The reader of {@code tree}'s egg-info; null when it has none of this project's. */
  public static EggInfoReader of(SourceTree tree) {
    TreeSet<String> dirs = new TreeSet<>();
    for (String p : tree.paths()) {
      int slash = p.lastIndexOf('/');
      if (slash > 0 && p.substring(0, slash).endsWith(SUFFIX)) {
        String dir = p.substring(0, slash);
        String last = dir.substring(dir.lastIndexOf('/') + 1);
        if (last.length() > SUFFIX.length()) {
          dirs.add(dir);
        }
      } else if (p.startsWith(EGG + "/")) {
        dirs.add(EGG); // a built egg's metadata directory, named for no project
      }
    }
    if (dirs.isEmpty()) {
      return null;
    }
    String name = projectName(tree);
    String chosen = null;
    if (name != null) {
      String canonical = ProjectNames.canonicalize(name);
      for (String d : dirs) {
        String last = d.substring(d.lastIndexOf('/') + 1);
        String project = last.substring(0, last.length() - SUFFIX.length());
        if (ProjectNames.canonicalize(project).equals(canonical) && (chosen == null || depth(d) < depth(chosen))) {
          chosen = d;
        }
      }
      if (chosen == null && dirs.contains(EGG)) {
        chosen = EGG;
      }
      if (chosen == null) {
        return null;
      }
    } else {
      List<String> shallow = new ArrayList<>();
      for (String d : dirs) {
        if (depth(d) <= 2) {
          shallow.add(d);
        }
      }
      if (shallow.isEmpty()) {
        return null;
      }
      if (shallow.size() > 1) {
        return new EggInfoReader(null, unresolved("several egg-info directories " + shallow
            + " and no PKG-INFO Name to choose one", SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE));
      }
      chosen = shallow.get(0);
    }
    Map<SetupField, FieldAnswer> fields = new EnumMap<>(SetupField.class);
    fields.putAll(requires(tree, chosen));
    String python = requiresPython(tree, chosen);
    if (python != null) {
      fields.put(SetupField.PYTHON_REQUIRES, FieldAnswer.known(python));
    }
    return fields.isEmpty() ? null : new EggInfoReader(chosen, fields);
  }

  private static int depth(String dir) {
    return dir.split("/").length;
  }

  /** PKG-INFO's Name (any Metadata-Version), or null. */
  private static String projectName(SourceTree tree) {
    CoreMetadata m = PkgInfoReader.topLevel(tree);
    return m == null ? null : m.first("Name");
  }

  private static Map<SetupField, FieldAnswer> requires(SourceTree tree, String dir) {
    String path = dir + "/requires.txt";
    if (!tree.exists(path)) {
      String sources = dir + "/SOURCES.txt";
      if (!tree.exists(sources)) {
        return Map.of();
      }
      String listing = tree.text(sources);
      if (listing != null && listing.lines().anyMatch(l -> l.strip().equals(path))) {
        return unresolved(sources + " lists " + path + ", which is missing from the sdist",
            SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE);
      }
      Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
      out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.known(List.of()));
      out.put(SetupField.EXTRAS_REQUIRE, FieldAnswer.known(Map.of()));
      return out;
    }
    SourceText t = SourceText.read(tree, path);
    if (!t.ok()) {
      return unresolved(t.problem(), SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE);
    }
    List<String> install = new ArrayList<>();
    Map<String, List<String>> extras = new LinkedHashMap<>();
    List<String> current = install;
    for (String raw : t.text().split("\r\n|\n|\r", -1)) {
      String line = PyText.strip(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          return unresolved(path + " has an invalid section heading: " + line,
              SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE);
        }
        current = extras.computeIfAbsent(PyText.strip(line.substring(1, line.length() - 1)), k -> new ArrayList<>());
        continue;
      }
      current.add(line);
    }
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.known(install));
    out.put(SetupField.EXTRAS_REQUIRE, FieldAnswer.known(extras));
    return out;
  }

  /** Requires-Python of the egg-info's PKG-INFO, or of the top-level copy setuptools makes of it. */
  private static String requiresPython(SourceTree tree, String dir) {
    String text = tree.text(dir + "/PKG-INFO");
    if (text == null) {
      text = tree.text(PkgInfoReader.PATH);
    }
    if (text == null) {
      return null;
    }
    try {
      String v = CoreMetadata.parse(text).first("Requires-Python");
      return v == null || v.isBlank() ? null : v.strip();
    } catch (InvalidMetadataException e) {
      return null;
    }
  }
}
