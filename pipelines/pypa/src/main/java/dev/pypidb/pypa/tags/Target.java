package dev.pypidb.pypa.tags;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kind of host, {@code <impl><version>[abiflags]-<platform>} (e.g.
 * {@code cp312-manylinux_2_39_x86_64}): the wheel tags it accepts in priority order, as
 * {@code packaging.tags.sys_tags()} yields them on such a host, and its PEP 508 marker
 * environment. See docs/targets.md for every rule.
 */
public final class Target implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern SYNTAX = Pattern.compile("(cp|pp)([0-9])([0-9]+)([a-z]*)-([a-z0-9_]+)");
  private static final Pattern FLAGS = Pattern.compile("t?d?m?u?");
  private static final Pattern GLIBC = Pattern.compile("manylinux_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
  private static final Pattern LEGACY = Pattern.compile("manylinux(1|2010|2014)_([a-z0-9_]+)");
  private static final Pattern MUSL = Pattern.compile("musllinux_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
  private static final Pattern MAC = Pattern.compile("macosx_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
  private static final Pattern IOS = Pattern.compile("ios_([0-9]+)_([0-9]+)_([a-z0-9_]+)");
  private static final Pattern ANDROID = Pattern.compile("android_([0-9]+)_([a-z0-9_]+)");
  private static final Pattern LINUX = Pattern.compile("linux_([a-z0-9_]+)");

  private final String text;
  private final boolean pypy;
  private final int major;
  private final int minor;
  private final String abiFlags;
  private final String platform;
  private final List<Tag> tags;
  private final Map<String, String> environment;
  private transient Map<Tag, Integer> ranks;

  private Target(String text, boolean pypy, int major, int minor, String abiFlags,
      String platform, List<Tag> tags, Map<String, String> environment) {
    this.text = text;
    this.pypy = pypy;
    this.major = major;
    this.minor = minor;
    this.abiFlags = abiFlags;
    this.platform = platform;
    this.tags = tags;
    this.environment = environment;
  }

  /** Parses a target string; throws {@link InvalidTargetException} saying what is wrong. */
  public static Target parse(String text) {
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new InvalidTargetException("Invalid target " + quote(text)
          + ": expected <cp|pp><major><minor>[abiflags]-<platform>, e.g. cp312-manylinux_2_39_x86_64");
    }
    boolean pypy = m.group(1).equals("pp");
    int major = Integer.parseInt(m.group(2));
    int minor = parseSmall(m.group(3), text);
    String flags = m.group(4);
    String platform = m.group(5);
    if (pypy && !flags.isEmpty()) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": PyPy targets take no ABI flags");
    }
    if (!FLAGS.matcher(flags).matches()) {
      throw new InvalidTargetException("Invalid target " + quote(text)
          + ": ABI flags must be a subset of t, d, m, u in that order, got " + quote(flags));
    }
    boolean before38 = major < 3 || (major == 3 && minor < 8);
    if (flags.contains("t") && (major < 3 || (major == 3 && minor < 13))) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": free-threaded builds ('t') start at 3.13");
    }
    if (flags.contains("m") && !before38) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": the 'm' ABI flag ended with 3.7");
    }
    if (flags.contains("u") && !(major < 3 || (major == 3 && minor < 3))) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": the 'u' ABI flag ended with 3.2");
    }
    if (!pypy && before38 && flags.isEmpty()) {
      flags = "m";
    }
    List<String> platforms = platforms(platform, text);
    if (platforms.isEmpty()) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": " + platform
          + " accepts no platform tags (iOS tags start at 12.0, Android at API level 16, macOS at 10.0)");
    }
    List<Tag> tags = pypy
        ? pypyTags(major, minor, platforms)
        : cpythonTags(major, minor, flags, platforms);
    return new Target(text, pypy, major, minor, flags, platform, List.copyOf(tags),
        Collections.unmodifiableMap(environment(pypy, major, minor, platform)));
  }

  private static int parseSmall(String digits, String text) {
    if (digits.length() > 3) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": minor version too large");
    }
    return Integer.parseInt(digits);
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }

  // ---- platforms ------------------------------------------------------------------------

  private static List<String> platforms(String platform, String text) {
    Matcher m;
    if ((m = GLIBC.matcher(platform)).matches()) {
      return linux(m.group(3), small(m.group(1), text), small(m.group(2), text), false);
    }
    if ((m = LEGACY.matcher(platform)).matches()) {
      int glibcMinor = switch (m.group(1)) {
        case "1" -> 5;
        case "2010" -> 12;
        default -> 17;
      };
      return linux(m.group(2), 2, glibcMinor, false);
    }
    if ((m = MUSL.matcher(platform)).matches()) {
      return linux(m.group(3), small(m.group(1), text), small(m.group(2), text), true);
    }
    if ((m = MAC.matcher(platform)).matches()) {
      return PlatformLadders.mac(small(m.group(1), text), small(m.group(2), text), m.group(3));
    }
    if ((m = IOS.matcher(platform)).matches()) {
      return PlatformLadders.ios(small(m.group(1), text), small(m.group(2), text), m.group(3));
    }
    if ((m = ANDROID.matcher(platform)).matches()) {
      return PlatformLadders.android(small(m.group(1), text), m.group(2));
    }
    if ((m = LINUX.matcher(platform)).matches()) {
      List<String> out = new ArrayList<>();
      for (String arch : linuxArchs(m.group(1))) {
        out.add("linux_" + arch);
      }
      return out;
    }
    return List.of(platform);
  }

  private static int small(String digits, String text) {
    if (digits.length() > 4) {
      throw new InvalidTargetException("Invalid target " + quote(text) + ": version number too large");
    }
    return Integer.parseInt(digits);
  }

  private static List<String> linuxArchs(String arch) {
    return arch.equals("armv8l") ? List.of("armv8l", "armv7l") : List.of(arch);
  }

  /** The native {@code linux_ARCH} first (pypa/packaging#160), then the manylinux or musllinux ladder. */
  private static List<String> linux(String arch, int major, int minor, boolean musl) {
    List<String> archs = linuxArchs(arch);
    List<String> out = new ArrayList<>();
    for (String a : archs) {
      out.add("linux_" + a);
    }
    out.addAll(musl
        ? PlatformLadders.musllinux(archs, major, minor)
        : PlatformLadders.manylinux(archs, major, minor));
    return out;
  }

  // ---- tags -----------------------------------------------------------------------------

  /** {@code cpython_tags()} then {@code compatible_tags()}. */
  private static List<Tag> cpythonTags(int major, int minor, String flags, List<String> platforms) {
    String nodot = "" + major + minor;
    String interpreter = "cp" + nodot;
    boolean threading = flags.contains("t");
    List<String> abis = new ArrayList<>();
    abis.add(interpreter + flags);
    if (flags.contains("d") && !(major < 3 || (major == 3 && minor < 8))) {
      abis.add(interpreter + (threading ? "t" : ""));
    }
    List<Tag> out = new ArrayList<>();
    for (String abi : abis) {
      for (String p : platforms) {
        out.add(new Tag(interpreter, abi, p));
      }
    }
    boolean stableAbi = major == 3 && minor >= 2 || major > 3;
    boolean useAbi3 = stableAbi && !threading;
    boolean useAbi3t = stableAbi && threading;
    for (String p : platforms) {
      if (useAbi3) {
        out.add(new Tag(interpreter, "abi3", p));
      }
    }
    for (String p : platforms) {
      if (useAbi3t) {
        out.add(new Tag(interpreter, "abi3t", p));
      }
    }
    for (String p : platforms) {
      out.add(new Tag(interpreter, "none", p));
    }
    if (useAbi3 || useAbi3t) {
      for (int m = minor - 1; m > 1; m--) {
        for (String p : platforms) {
          String older = "cp" + major + m;
          if (useAbi3) {
            out.add(new Tag(older, "abi3", p));
          }
          if (useAbi3t) {
            out.add(new Tag(older, "abi3t", p));
          }
        }
      }
    }
    out.addAll(compatibleTags(major, minor, interpreter, platforms));
    return out;
  }

  /** {@code generic_tags()} for PyPy, then {@code compatible_tags(interpreter="pp3")}. */
  private static List<Tag> pypyTags(int major, int minor, List<String> platforms) {
    String interpreter = "pp" + major + minor;
    String abi = major == 2 ? "pypy_73" : "pypy" + major + minor + "_pp73";
    List<Tag> out = new ArrayList<>();
    for (String a : List.of(abi, "none")) {
      for (String p : platforms) {
        out.add(new Tag(interpreter, a, p));
      }
    }
    // packaging names the PyPy interpreter "pp3" whatever the language version.
    out.addAll(compatibleTags(major, minor, "pp3", platforms));
    return out;
  }

  /** {@code compatible_tags()}: pure-Python tags for the platforms, then for {@code any}. */
  private static List<Tag> compatibleTags(int major, int minor, String interpreter, List<String> platforms) {
    List<String> versions = new ArrayList<>();
    versions.add("py" + major + minor);
    versions.add("py" + major);
    for (int m = minor - 1; m >= 0; m--) {
      versions.add("py" + major + m);
    }
    List<Tag> out = new ArrayList<>();
    for (String v : versions) {
      for (String p : platforms) {
        out.add(new Tag(v, "none", p));
      }
    }
    out.add(new Tag(interpreter, "none", "any"));
    for (String v : versions) {
      out.add(new Tag(v, "none", "any"));
    }
    return out;
  }

  // ---- marker environment -----------------------------------------------------------------

  private static Map<String, String> environment(boolean pypy, int major, int minor, String platform) {
    Map<String, String> env = new LinkedHashMap<>();
    String full = pypy
        ? PythonReleases.pypyLanguageVersion(major, minor)
        : PythonReleases.cpythonFullVersion(major, minor);
    env.put("python_version", major + "." + minor);
    env.put("python_full_version", full);
    env.put("implementation_name", pypy ? "pypy" : "cpython");
    env.put("implementation_version", pypy ? PythonReleases.pypyVersion(major, minor) : full);
    env.put("platform_python_implementation", pypy ? "PyPy" : "CPython");
    String system;
    String sysPlatform;
    String machine;
    if (platform.startsWith("win")) {
      system = "Windows";
      sysPlatform = "win32";
      machine = switch (platform) {
        case "win32" -> "x86";
        case "win_arm64" -> "ARM64";
        case "win_arm32" -> "ARM";
        default -> "AMD64";
      };
    } else if (platform.startsWith("macosx_")) {
      system = "Darwin";
      sysPlatform = "darwin";
      String arch = platform.substring(platform.indexOf('_', platform.indexOf('_', 7) + 1) + 1);
      machine = switch (arch) {
        case "arm64", "universal2" -> "arm64";
        case "i386", "fat", "fat32" -> "i386";
        case "ppc", "ppc64" -> arch;
        default -> "x86_64";
      };
    } else if (platform.startsWith("ios_")) {
      system = "iOS";
      sysPlatform = "ios";
      machine = platform.contains("x86_64") ? "x86_64" : "arm64";
    } else if (platform.startsWith("android_")) {
      system = "Android";
      sysPlatform = "android";
      String abi = platform.substring(platform.indexOf('_', 8) + 1);
      machine = switch (abi) {
        case "arm64_v8a" -> "aarch64";
        case "armeabi_v7a" -> "armv7l";
        case "x86" -> "i686";
        default -> abi;
      };
    } else {
      system = "Linux";
      sysPlatform = "linux";
      machine = linuxMachine(platform);
    }
    env.put("os_name", system.equals("Windows") ? "nt" : "posix");
    env.put("sys_platform", sysPlatform);
    env.put("platform_system", system);
    env.put("platform_machine", machine);
    env.put("platform_release", "");
    env.put("platform_version", "");
    return env;
  }

  private static String linuxMachine(String platform) {
    for (Pattern p : new Pattern[] {GLIBC, MUSL}) {
      Matcher m = p.matcher(platform);
      if (m.matches()) {
        return m.group(3);
      }
    }
    Matcher m = LEGACY.matcher(platform);
    if (m.matches()) {
      return m.group(2);
    }
    m = LINUX.matcher(platform);
    return m.matches() ? m.group(1) : platform;
  }

  // ---- accessors --------------------------------------------------------------------------

  /** The target as written. */
  public String text() {
    return text;
  }

  public boolean isPyPy() {
    return pypy;
  }

  public int pythonMajor() {
    return major;
  }

  public int pythonMinor() {
    return minor;
  }

  /** The CPython ABI flags in effect ({@code m} implied before 3.8). */
  public String abiFlags() {
    return abiFlags;
  }

  public String platform() {
    return platform;
  }

  /** Whether this is a free-threaded CPython build. */
  public boolean isFreeThreaded() {
    return abiFlags.contains("t");
  }

  /** The accepted tags, most preferred first. */
  public List<Tag> tags() {
    return tags;
  }

  /** The PEP 508 marker environment (see docs/targets.md). */
  public Map<String, String> markerEnvironment() {
    return environment;
  }

  /** The pypi-deps-db python key of this target ({@code "27"}, {@code "310"}). */
  public String pythonKey() {
    return "" + major + minor;
  }

  /** Priority of {@code tag} (0 = best), or -1 when this target does not accept it. */
  public int rank(Tag tag) {
    Map<Tag, Integer> r = ranks;
    if (r == null) {
      r = new HashMap<>(tags.size() * 2);
      for (int i = 0; i < tags.size(); i++) {
        r.putIfAbsent(tags.get(i), i);
      }
      ranks = r;
    }
    return r.getOrDefault(tag, -1);
  }

  /** Best priority among {@code candidates}, or -1 when none is accepted. */
  public int bestRank(Collection<Tag> candidates) {
    int best = -1;
    for (Tag t : candidates) {
      int r = rank(t);
      if (r >= 0 && (best < 0 || r < best)) {
        best = r;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Target t && t.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
