package dev.pypidb.pypa.tags;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a PEP 425 platform tag says: its family (manylinux, macosx, win, ...), the libc or OS
 * version it needs, and its architecture as the tag spells it.
 */
public record PlatformTag(
    String platform, String family, Integer libcMajor, Integer libcMinor, Integer osMajor,
    Integer osMinor, String arch) {

  public static final String ANY = "any";
  public static final String MANYLINUX = "manylinux";
  public static final String MUSLLINUX = "musllinux";
  public static final String MACOSX = "macosx";
  public static final String WIN = "win";
  public static final String LINUX = "linux";
  public static final String IOS = "ios";
  public static final String ANDROID = "android";
  public static final String OTHER = "other";

  private static final Pattern GLIBC = Pattern.compile("manylinux_(\\d+)_(\\d+)_(.+)");
  private static final Pattern LEGACY = Pattern.compile("manylinux(1|2010|2014)_(.+)");
  private static final Pattern MUSL = Pattern.compile("musllinux_(\\d+)_(\\d+)_(.+)");
  private static final Pattern MAC = Pattern.compile("macosx_(\\d+)_(\\d+)_(.+)");
  private static final Pattern IOS_TAG = Pattern.compile("ios_(\\d+)_(\\d+)_(.+)");
  private static final Pattern ANDROID_TAG = Pattern.compile("android_(\\d+)_(.+)");

  /** Classifies a (lower-case) platform tag; unknown shapes are family {@code other}. */
  public static PlatformTag of(String platform) {
    Matcher m;
    if (platform.equals("any")) {
      return new PlatformTag(platform, ANY, null, null, null, null, null);
    }
    if ((m = GLIBC.matcher(platform)).matches()) {
      return libc(platform, MANYLINUX, m.group(1), m.group(2), m.group(3));
    }
    if ((m = LEGACY.matcher(platform)).matches()) {
      String minor = switch (m.group(1)) {
        case "1" -> "5";
        case "2010" -> "12";
        default -> "17";
      };
      return libc(platform, MANYLINUX, "2", minor, m.group(2));
    }
    if ((m = MUSL.matcher(platform)).matches()) {
      return libc(platform, MUSLLINUX, m.group(1), m.group(2), m.group(3));
    }
    if ((m = MAC.matcher(platform)).matches()) {
      return os(platform, MACOSX, m.group(1), m.group(2), m.group(3));
    }
    if ((m = IOS_TAG.matcher(platform)).matches()) {
      String multiarch = m.group(3);
      int cut = multiarch.indexOf("_iphone");
      return os(platform, IOS, m.group(1), m.group(2), cut > 0 ? multiarch.substring(0, cut) : multiarch);
    }
    if ((m = ANDROID_TAG.matcher(platform)).matches()) {
      return new PlatformTag(platform, ANDROID, null, null, small(m.group(1)), null, m.group(2));
    }
    if (platform.equals("win32")) {
      return new PlatformTag(platform, WIN, null, null, null, null, "x86");
    }
    if (platform.startsWith("win_")) {
      return new PlatformTag(platform, WIN, null, null, null, null, platform.substring(4));
    }
    if (platform.startsWith("linux_")) {
      return new PlatformTag(platform, LINUX, null, null, null, null, platform.substring(6));
    }
    return new PlatformTag(platform, OTHER, null, null, null, null, null);
  }

  private static PlatformTag libc(String platform, String family, String major, String minor, String arch) {
    return new PlatformTag(platform, family, small(major), small(minor), null, null, arch);
  }

  private static PlatformTag os(String platform, String family, String major, String minor, String arch) {
    return new PlatformTag(platform, family, null, null, small(major), small(minor), arch);
  }

  /** Version numbers in tags are small; absurd ones (corrupt tags) are dropped to null. */
  private static Integer small(String digits) {
    return digits.length() > 6 ? null : Integer.valueOf(digits);
  }
}
