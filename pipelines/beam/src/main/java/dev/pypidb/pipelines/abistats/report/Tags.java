package dev.pypidb.pipelines.abistats.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the report groups tag values: Python versions, ABI kinds, architectures, libc policies. */
final class Tags {
  private Tags() {}

  // ---------------------------------------------------------------- Python versions

  /** A CPython version parsed from an interpreter tag {@code cpXY} (one-digit major). */
  record PyVersion(int major, int minor) implements Comparable<PyVersion> {
    String tag() {
      return "cp" + major + minor;
    }

    String dotted() {
      return major + "." + minor;
    }

    @Override
    public int compareTo(PyVersion o) {
      return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }
  }

  private static final Pattern CPYTHON = Pattern.compile("cp([23])(\\d{1,2})");

  /** The version of a CPython interpreter tag ({@code cp38 -> 3.8}, 2.0-2.7 and 3.0-3.30), or null. */
  static PyVersion cpython(String interpreter) {
    if (interpreter == null) {
      return null;
    }
    Matcher m = CPYTHON.matcher(interpreter.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    // only versions that exist or may soon: corrupt tags (cp29, cp399) stay out of the chart
    return (major == 2 && minor <= 7) || (major == 3 && minor <= 30) ? new PyVersion(major, minor) : null;
  }

  // ---------------------------------------------------------------- ABI kinds

  /** What an ABI tag is, relative to the CPython interpreter tag it is paired with. */
  enum AbiKind {
    PLAIN("cpXY", "no ABI flags (3.8+ default build)", "#1f77b4"),
    PYMALLOC("cpXYm", "pymalloc build (default before 3.8)", "#ff7f0e"),
    UNICODE("cpXYmu / cpXYu", "wide unicode (Python 2)", "#f7c873"),
    DEBUG("cpXYd", "debug build", "#9467bd"),
    FREE_THREADED("cpXYt", "free-threaded", "#d62728"),
    ABI3("abi3", "stable ABI", "#2ca02c"),
    ABI3T("abi3t", "free-threaded stable ABI", "#98df8a"),
    NONE("none", "no ABI (pure Python)", "#8c8c8c"),
    OTHER("other", "another version's ABI or unknown", "#cfcfcf");

    final String label;
    final String description;
    final String color;

    AbiKind(String label, String description, String color) {
      this.label = label;
      this.description = description;
      this.color = color;
    }

    /** Legend text, e.g. {@code cpXYm (pymalloc build ...)}. */
    String legend() {
      return label + " \u2013 " + description;
    }
  }

  private static final Pattern FLAGS = Pattern.compile("[tdmu]*");

  /** Classifies {@code abi} as carried together with the CPython interpreter tag {@code interpreter}. */
  static AbiKind abiKind(String interpreter, String abi) {
    String a = abi == null ? "" : abi.toLowerCase(Locale.ROOT);
    String i = interpreter == null ? "" : interpreter.toLowerCase(Locale.ROOT);
    switch (a) {
      case "abi3":
        return AbiKind.ABI3;
      case "abi3t":
        return AbiKind.ABI3T;
      case "none":
        return AbiKind.NONE;
      default:
        break;
    }
    if (i.isEmpty() || !a.startsWith(i)) {
      return AbiKind.OTHER;
    }
    String flags = a.substring(i.length());
    if (!FLAGS.matcher(flags).matches()) {
      return AbiKind.OTHER;
    }
    if (flags.contains("t")) {
      return AbiKind.FREE_THREADED;
    }
    if (flags.contains("d")) {
      return AbiKind.DEBUG;
    }
    if (flags.contains("u")) {
      return AbiKind.UNICODE;
    }
    if (flags.contains("m")) {
      return AbiKind.PYMALLOC;
    }
    return AbiKind.PLAIN;
  }

  // ---------------------------------------------------------------- architectures

  /** An architecture group: a display name and the spellings tags use for it. */
  record ArchGroup(String name, int order, List<String> spellings) {}

  private static final List<ArchGroup> GROUPS = List.of(
      new ArchGroup("x86-64", 0, List.of("x86_64", "amd64", "intel", "x86_64_iphonesimulator")),
      new ArchGroup("arm64", 1, List.of("aarch64", "arm64", "arm64_v8a", "arm64e", "arm64_iphoneos",
          "arm64_iphonesimulator")),
      new ArchGroup("x86 32-bit", 2, List.of("i686", "i386", "x86", "win32", "i586", "i486")),
      new ArchGroup("universal2", 3, List.of("universal2")),
      new ArchGroup("fat (old macOS)", 4, List.of("universal", "fat", "fat3", "fat32", "fat64")),
      new ArchGroup("arm 32-bit", 5, List.of("armv7l", "armv6l", "armv7", "armv7a", "armeabi_v7a", "armv8l",
          "arm")),
      new ArchGroup("ppc64le", 6, List.of("ppc64le")),
      new ArchGroup("s390x", 7, List.of("s390x")),
      new ArchGroup("ppc64", 8, List.of("ppc64")),
      new ArchGroup("riscv64", 9, List.of("riscv64")),
      new ArchGroup("loongarch64", 10, List.of("loongarch64")),
      new ArchGroup("ppc", 11, List.of("ppc", "powerpc")));

  /** The group an architecture spelling belongs to; unknown spellings are a group of their own. */
  static ArchGroup archGroup(String arch) {
    String a = arch == null || arch.isBlank() ? "" : arch.toLowerCase(Locale.ROOT);
    if (a.isEmpty()) {
      return new ArchGroup("\u2013", 1000, List.of());
    }
    for (ArchGroup g : GROUPS) {
      if (g.spellings().contains(a)) {
        return g;
      }
    }
    return new ArchGroup(a, 100, List.of(a));
  }

  static final Comparator<ArchGroup> GROUP_ORDER =
      Comparator.comparingInt(ArchGroup::order).thenComparing(ArchGroup::name);

  // ---------------------------------------------------------------- platform families

  private static final List<String> FAMILIES =
      List.of("manylinux", "musllinux", "macosx", "win", "linux", "ios", "android", "any", "other");

  static int familyOrder(String family) {
    int i = FAMILIES.indexOf(family == null ? "" : family.toLowerCase(Locale.ROOT));
    return i < 0 ? FAMILIES.size() : i;
  }

  static final Comparator<String> FAMILY_ORDER =
      Comparator.comparingInt(Tags::familyOrder).thenComparing(Comparator.naturalOrder());

  static String familyTitle(String family) {
    return switch (family == null ? "" : family) {
      case "manylinux" -> "manylinux (glibc Linux)";
      case "musllinux" -> "musllinux (musl Linux)";
      case "macosx" -> "macOS";
      case "win" -> "Windows";
      case "linux" -> "linux_* (built on the machine)";
      case "ios" -> "iOS";
      case "android" -> "Android";
      case "any" -> "any (pure)";
      default -> family;
    };
  }

  // ---------------------------------------------------------------- libc policies

  /** A libc policy: manylinux (glibc) or musllinux, with its version (null when unversioned). */
  record Policy(String family, Integer major, Integer minor) implements Comparable<Policy> {
    /** How people name it: manylinux2014 (2.17), manylinux_2_28, musllinux_1_2. */
    String label() {
      if (major == null) {
        return family;
      }
      if (family.equals("manylinux") && major == 2) {
        String legacy = switch (minor) {
          case 5 -> "manylinux1";
          case 12 -> "manylinux2010";
          case 17 -> "manylinux2014";
          default -> null;
        };
        if (legacy != null) {
          return legacy + " (2." + minor + ")";
        }
      }
      return family + "_" + major + "_" + minor;
    }

    @Override
    public int compareTo(Policy o) {
      int c = family.compareTo(o.family);
      if (c == 0) {
        c = NULLS_FIRST.compare(major, o.major);
      }
      return c != 0 ? c : NULLS_FIRST.compare(minor, o.minor);
    }
  }

  private static final Comparator<Integer> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Pattern PEP600 = Pattern.compile("(manylinux|musllinux)_(\\d+)_(\\d+)(?:_.*)?");
  private static final Pattern LEGACY = Pattern.compile("manylinux(1|2010|2014)(?:_.*)?");

  /**
   * The libc policy a by_month {@code policy} value names ({@code manylinux_2_17}, legacy
   * {@code manylinux2014}, {@code musllinux_1_2}, or the family alone); null for other families.
   */
  static Policy policy(String value) {
    if (value == null) {
      return null;
    }
    String v = value.toLowerCase(Locale.ROOT);
    Matcher m = PEP600.matcher(v);
    if (m.matches()) {
      return new Policy(m.group(1), small(m.group(2)), small(m.group(3)));
    }
    m = LEGACY.matcher(v);
    if (m.matches()) {
      int minor = switch (m.group(1)) {
        case "1" -> 5;
        case "2010" -> 12;
        default -> 17;
      };
      return new Policy("manylinux", 2, minor);
    }
    if (v.equals("manylinux") || v.equals("musllinux")) {
      return new Policy(v, null, null);
    }
    return null;
  }

  private static final Pattern TWO_NUMBERS = Pattern.compile("(\\d+)\\D+(\\d+)");

  /** A version string like {@code 2.17} or {@code manylinux_2_17} as [major, minor]; null if none. */
  static int[] version(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = TWO_NUMBERS.matcher(value);
    if (m.find()) {
      Integer a = small(m.group(1));
      Integer b = small(m.group(2));
      if (a != null && b != null) {
        return new int[] {a, b};
      }
    }
    return null;
  }

  /** Orders version strings numerically (2.5 before 2.17); unparsable ones last, by text. */
  static final Comparator<String> VERSION_ORDER = (a, b) -> {
    int[] x = version(a);
    int[] y = version(b);
    if (x != null && y != null) {
      int c = x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]);
      return c != 0 ? c : a.compareTo(b);
    }
    if (x != null) {
      return -1;
    }
    if (y != null) {
      return 1;
    }
    return a.compareTo(b);
  };

  /** A glibc version with its legacy policy name: {@code 2.17 (manylinux2014)}. */
  static String glibcLabel(String version) {
    int[] v = version(version);
    if (v == null) {
      return version;
    }
    String base = v[0] + "." + v[1];
    if (v[0] == 2) {
      switch (v[1]) {
        case 5:
          return base + " (manylinux1)";
        case 12:
          return base + " (manylinux2010)";
        case 17:
          return base + " (manylinux2014)";
        default:
          break;
      }
    }
    return base;
  }

  private static Integer small(String digits) {
    return digits.length() > 6 ? null : Integer.valueOf(digits);
  }

  // ---------------------------------------------------------------- readiness targets

  private static final Pattern TARGET = Pattern.compile("(cp|pp)(\\d)(\\d+)([a-z]*)-(.+)");

  /**
   * Orders targets by platform family and architecture, then interpreter (CPython first), version
   * and ABI flags, then the platform's libc/OS version; unparsable targets last, by text.
   */
  static final Comparator<String> TARGET_ORDER = Comparator.comparing(Tags::targetKey);

  private static String targetKey(String target) {
    Matcher m = TARGET.matcher(target == null ? "" : target.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return "~" + target;
    }
    String platform = m.group(5);
    dev.pypidb.pypa.tags.PlatformTag p = dev.pypidb.pypa.tags.PlatformTag.of(platform);
    ArchGroup g = archGroup(p.arch());
    return String.format(Locale.ROOT, "%02d|%04d|%s|%s|%02d|%03d|%-4s|%06d|%06d|%06d|%06d|%s",
        familyOrder(p.family()), g.order(), g.name(), m.group(1).equals("cp") ? "0" : "1",
        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3).length() > 3 ? "999" : m.group(3)),
        m.group(4), zero(p.libcMajor()), zero(p.libcMinor()), zero(p.osMajor()), zero(p.osMinor()), platform);
  }

  private static int zero(Integer v) {
    return v == null ? 0 : v;
  }
}
