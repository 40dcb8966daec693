package dev.pypidb.pypa.filenames;

import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.tags.Tag;
import dev.pypidb.pypa.text.PyText;
import dev.pypidb.pypa.version.Version;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed PEP 427/491 wheel filename: {@code name-version[-build]-python-abi-platform.whl},
 * each tag part possibly a dot-separated compressed set. Follows
 * {@code packaging.utils.parse_wheel_filename}.
 */
public final class WheelFilename implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String filename;
  private final String name;
  private final Version version;
  private final BigInteger buildNumber;
  private final String buildTail;
  private final List<String> pythonTags;
  private final List<String> abiTags;
  private final List<String> platformTags;

  private WheelFilename(String filename, String name, Version version, BigInteger buildNumber,
      String buildTail, List<String> pythonTags, List<String> abiTags, List<String> platformTags) {
    this.filename = filename;
    this.name = name;
    this.version = version;
    this.buildNumber = buildNumber;
    this.buildTail = buildTail;
    this.pythonTags = pythonTags;
    this.abiTags = abiTags;
    this.platformTags = platformTags;
  }

  /** Parses {@code filename}; throws {@link InvalidFilenameException} saying what is wrong. */
  public static WheelFilename parse(String filename) {
    if (!filename.endsWith(".whl")) {
      throw invalid("Invalid wheel filename (extension must be '.whl'): ", filename);
    }
    String stem = filename.substring(0, filename.length() - 4);
    int dashes = 0;
    for (int i = 0; i < stem.length(); i++) {
      if (stem.charAt(i) == '-') {
        dashes++;
      }
    }
    if (dashes != 4 && dashes != 5) {
      throw invalid("Invalid wheel filename (wrong number of parts): ", stem);
    }
    String[] parts = stem.split("-", -1);
    String namePart = parts[0];
    if (namePart.contains("__") || !isNamePart(namePart)) {
      throw invalid("Invalid project name: ", stem);
    }
    Version version = Version.tryParse(parts[1]);
    if (version == null) {
      throw invalid("Invalid wheel filename (invalid version): ", stem);
    }
    BigInteger buildNumber = null;
    String buildTail = null;
    if (dashes == 5) {
      String build = parts[2];
      int digits = 0;
      while (digits < build.length() && Character.isDigit(build.charAt(digits))
          && build.charAt(digits) < 128) {
        digits++;
      }
      if (digits == 0) {
        throw new InvalidFilenameException(
            "Invalid build number: " + build + " in " + PyText.repr(stem));
      }
      buildNumber = new BigInteger(build.substring(0, digits));
      buildTail = build.substring(digits);
      int newline = buildTail.indexOf('\n');
      if (newline >= 0) {
        buildTail = buildTail.substring(0, newline);
      }
    }
    return new WheelFilename(filename, ProjectNames.canonicalize(namePart), version, buildNumber,
        buildTail, split(parts[dashes - 2]), split(parts[dashes - 1]), split(parts[dashes]));
  }

  /** Parses {@code filename}, or returns null when it is not a valid wheel filename. */
  public static WheelFilename tryParse(String filename) {
    try {
      return parse(filename);
    } catch (InvalidFilenameException e) {
      return null;
    }
  }

  /** {@code ^[\w\d._]*$}: Unicode word characters, dots; {@code $} also before a final newline. */
  private static boolean isNamePart(String part) {
    int end = part.endsWith("\n") ? part.length() - 1 : part.length();
    for (int i = 0; i < end; ) {
      int c = part.codePointAt(i);
      if (!PyText.isWordChar(c) && c != '.') {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  private static List<String> split(String component) {
    return List.of(component.split("\\.", -1));
  }

  private static InvalidFilenameException invalid(String message, String subject) {
    return new InvalidFilenameException(message + PyText.repr(subject));
  }

  public String filename() {
    return filename;
  }

  /** The canonical project name. */
  public String name() {
    return name;
  }

  public Version version() {
    return version;
  }

  /** The build number, or null when the filename has no build tag. */
  public BigInteger buildNumber() {
    return buildNumber;
  }

  /** What follows the build number ({@code "abc"} in {@code 1abc}), or null without build tag. */
  public String buildTail() {
    return buildTail;
  }

  /** The python tag parts as written ({@code [py2, py3]}). */
  public List<String> pythonTags() {
    return pythonTags;
  }

  public List<String> abiTags() {
    return abiTags;
  }

  public List<String> platformTags() {
    return platformTags;
  }

  /** Every tag of the compressed tag set, each once (lower case). */
  public Set<Tag> tags() {
    Set<Tag> out = new LinkedHashSet<>();
    for (String py : pythonTags) {
      for (String abi : abiTags) {
        for (String platform : platformTags) {
          out.add(new Tag(py, abi, platform));
        }
      }
    }
    return out;
  }

  /** The distinct tags as sorted {@code interp-abi-plat} strings. */
  public List<String> sortedTagStrings() {
    List<String> out = new ArrayList<>();
    for (Tag t : tags()) {
      out.add(t.toString());
    }
    out.sort(PyText::compareCodePoints);
    return out;
  }

  @Override
  public String toString() {
    return filename;
  }
}
