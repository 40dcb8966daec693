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
  private final String namePart;
  private final Version version;
  private final BigInteger buildNumber;
  private final String buildTail;
  private final String pythonPart;
  private final String abiPart;
  private final String platformPart;
  private transient String name;

  private WheelFilename(String filename, String namePart, Version version, BigInteger buildNumber,
      String buildTail, String pythonPart, String abiPart, String platformPart) {
    this.filename = filename;
    this.namePart = namePart;
    this.version = version;
    this.buildNumber = buildNumber;
    this.buildTail = buildTail;
    this.pythonPart = pythonPart;
    this.abiPart = abiPart;
    this.platformPart = platformPart;
  }

  /**
   * Parses {@code filename}; throws {@link InvalidFilenameException} saying what is wrong. The
   * compressed tag set is validated here and expanded only when {@link #tags()} asks.
   */
  public static WheelFilename parse(String filename) {
    if (!filename.endsWith(".whl")) {
      throw invalid("Invalid wheel filename (extension must be '.whl'): ", filename);
    }
    int stemEnd = filename.length() - 4;
    int[] dash = new int[6];
    int dashes = 0;
    for (int i = 0; i < stemEnd; i++) {
      if (filename.charAt(i) == '-') {
        if (dashes == 6) {
          dashes++;
          break;
        }
        dash[dashes++] = i;
      }
    }
    if (dashes != 4 && dashes != 5) {
      throw invalid("Invalid wheel filename (wrong number of parts): ", filename.substring(0, stemEnd));
    }
    String namePart = filename.substring(0, dash[0]);
    if (namePart.contains("__") || !isNamePart(namePart)) {
      throw invalid("Invalid project name: ", filename.substring(0, stemEnd));
    }
    Version version = Version.tryParse(filename.substring(dash[0] + 1, dash[1]));
    if (version == null) {
      throw invalid("Invalid wheel filename (invalid version): ", filename.substring(0, stemEnd));
    }
    BigInteger buildNumber = null;
    String buildTail = null;
    int tagStart = dash[1] + 1;
    if (dashes == 5) {
      String build = filename.substring(dash[1] + 1, dash[2]);
      int digits = 0;
      while (digits < build.length() && build.charAt(digits) >= '0' && build.charAt(digits) <= '9') {
        digits++;
      }
      if (digits == 0) {
        throw new InvalidFilenameException(
            "Invalid build number: " + build + " in " + PyText.repr(filename.substring(0, stemEnd)));
      }
      buildNumber = new BigInteger(build.substring(0, digits));
      buildTail = build.substring(digits);
      int newline = buildTail.indexOf('\n');
      if (newline >= 0) {
        buildTail = buildTail.substring(0, newline);
      }
      tagStart = dash[2] + 1;
    }
    int t = dashes - 3;
    return new WheelFilename(filename, namePart, version, buildNumber, buildTail,
        filename.substring(tagStart, dash[t + 1]), filename.substring(dash[t + 1] + 1, dash[t + 2]),
        filename.substring(dash[t + 2] + 1, stemEnd));
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
    if (component.indexOf('.') < 0) {
      return List.of(component);
    }
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
    String n = name;
    if (n == null) {
      n = ProjectNames.canonicalize(namePart);
      name = n;
    }
    return n;
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
    return split(pythonPart);
  }

  public List<String> abiTags() {
    return split(abiPart);
  }

  public List<String> platformTags() {
    return split(platformPart);
  }

  /** Every tag of the compressed tag set, each once (lower case). */
  public Set<Tag> tags() {
    Set<Tag> out = new LinkedHashSet<>();
    for (String py : pythonTags()) {
      for (String abi : abiTags()) {
        for (String platform : platformTags()) {
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
