package dev.pypidb.pipelines.read;

import java.util.Locale;

/** PyPI's packagetype values, inferred from a filename when a source does not say. */
public final class PackageTypes {
  public static final String WHEEL = "bdist_wheel";
  public static final String SDIST = "sdist";

  private PackageTypes() {}

  public static String fromFilename(String filename) {
    String f = filename.toLowerCase(Locale.ROOT);
    if (f.endsWith(".whl")) {
      return WHEEL;
    }
    if (f.endsWith(".egg")) {
      return "bdist_egg";
    }
    if (f.endsWith(".exe") || f.endsWith(".msi")) {
      return "bdist_wininst";
    }
    if (f.endsWith(".rpm")) {
      return "bdist_rpm";
    }
    if (f.endsWith(".dmg")) {
      return "bdist_dmg";
    }
    return SDIST;
  }
}
