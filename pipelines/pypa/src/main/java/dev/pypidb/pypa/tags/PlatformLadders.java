package dev.pypidb.pypa.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The platform tags a host accepts, most preferred first, as packaging's platform functions
 * compute them for a given glibc, musl, macOS, iOS or Android version.
 */
final class PlatformLadders {
  private PlatformLadders() {}

  private static final Set<String> MANYLINUX_ARCHS = Set.of(
      "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64", "armv7l", "i686");
  /** Highest minor packaging assumes for an older glibc major. */
  private static final int LAST_GLIBC_MINOR = 50;

  /** {@code _manylinux.platform_tags(archs)} for a host with glibc {@code major.minor}. */
  static List<String> manylinux(List<String> archs, int major, int minor) {
    List<String> out = new ArrayList<>();
    boolean compatible = false;
    for (String arch : archs) {
      compatible |= MANYLINUX_ARCHS.contains(arch);
    }
    if (!compatible) {
      return out;
    }
    int tooOldMinor = archs.contains("x86_64") || archs.contains("i686") ? 4 : 16;
    for (String arch : archs) {
      for (int glibcMajor = major; glibcMajor > 1; glibcMajor--) {
        int maxMinor = glibcMajor == major ? minor : LAST_GLIBC_MINOR;
        int minMinor = glibcMajor == 2 ? tooOldMinor : -1;
        for (int m = maxMinor; m > minMinor; m--) {
          out.add("manylinux_" + glibcMajor + "_" + m + "_" + arch);
          String legacy = legacyAlias(glibcMajor, m);
          if (legacy != null) {
            out.add(legacy + "_" + arch);
          }
        }
      }
    }
    return out;
  }

  /** PEP 600's aliases for the older manylinux policies. */
  static String legacyAlias(int major, int minor) {
    if (major != 2) {
      return null;
    }
    switch (minor) {
      case 17:
        return "manylinux2014";
      case 12:
        return "manylinux2010";
      case 5:
        return "manylinux1";
      default:
        return null;
    }
  }

  /** {@code _musllinux.platform_tags(archs)} for musl {@code major.minor}. */
  static List<String> musllinux(List<String> archs, int major, int minor) {
    List<String> out = new ArrayList<>();
    for (String arch : archs) {
      for (int m = minor; m >= 0; m--) {
        out.add("musllinux_" + major + "_" + m + "_" + arch);
      }
    }
    return out;
  }

  /** {@code mac_platforms((major, minor), arch)}. */
  static List<String> mac(int major, int minor, String arch) {
    List<String> out = new ArrayList<>();
    if (major == 10) {
      for (int m = minor; m >= 0; m--) {
        for (String format : macBinaryFormats(10, m, arch)) {
          out.add("macosx_10_" + m + "_" + format);
        }
      }
    }
    if (major >= 11) {
      for (int v = major; v > 10; v--) {
        for (String format : macBinaryFormats(v, 0, arch)) {
          out.add("macosx_" + v + "_0_" + format);
        }
      }
      for (int m = 16; m > 3; m--) {
        if (arch.equals("x86_64")) {
          for (String format : macBinaryFormats(10, m, arch)) {
            out.add("macosx_10_" + m + "_" + format);
          }
        } else {
          out.add("macosx_10_" + m + "_universal2");
        }
      }
    }
    return out;
  }

  /** {@code _mac_binary_formats}. */
  private static List<String> macBinaryFormats(int major, int minor, String arch) {
    List<String> formats = new ArrayList<>();
    formats.add(arch);
    boolean before104 = major == 10 && minor < 4;
    switch (arch) {
      case "x86_64":
        if (before104) {
          return List.of();
        }
        formats.addAll(List.of("intel", "fat64", "fat32"));
        break;
      case "i386":
        if (before104) {
          return List.of();
        }
        formats.addAll(List.of("intel", "fat32", "fat"));
        break;
      case "ppc64":
        if (major > 10 || (major == 10 && minor > 5) || before104) {
          return List.of();
        }
        formats.add("fat64");
        break;
      case "ppc":
        if (major > 10 || (major == 10 && minor > 6)) {
          return List.of();
        }
        formats.addAll(List.of("fat32", "fat"));
        break;
      default:
        break;
    }
    if (arch.equals("arm64") || arch.equals("x86_64")) {
      formats.add("universal2");
    }
    if (Set.of("x86_64", "i386", "ppc64", "ppc", "intel").contains(arch)) {
      formats.add("universal");
    }
    return formats;
  }

  /** {@code ios_platforms((major, minor), multiarch)}. */
  static List<String> ios(int major, int minor, String multiarch) {
    List<String> out = new ArrayList<>();
    if (major < 12) {
      return out;
    }
    for (int m = minor; m >= 0; m--) {
      out.add("ios_" + major + "_" + m + "_" + multiarch);
    }
    for (int v = major - 1; v > 11; v--) {
      for (int m = 9; m >= 0; m--) {
        out.add("ios_" + v + "_" + m + "_" + multiarch);
      }
    }
    return out;
  }

  /** {@code android_platforms(api_level, abi)}: down to API level 16. */
  static List<String> android(int apiLevel, String abi) {
    List<String> out = new ArrayList<>();
    for (int v = apiLevel; v >= 16; v--) {
      out.add("android_" + v + "_" + abi);
    }
    return out;
  }
}
