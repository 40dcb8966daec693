package dev.pypidb.extract;

import dev.pypidb.pypa.tags.PythonReleases;
import java.util.List;

/**
 * A Python version as pypi-deps-db keys it ({@code "27"}, {@code "36"}, ... {@code "310"}),
 * with the {@code python_full_version} a branch on {@code sys.version_info} sees: the newest
 * patch release of that minor series ({@link PythonReleases}, the one table of them).
 */
public record PythonKey(String key, int major, int minor, String fullVersion) {

  /** The keys pypi-deps-db uses, then 3.11 to 3.14, in version order. */
  public static final List<PythonKey> ALL = List.of(
      of(2, 7), of(3, 5), of(3, 6), of(3, 7), of(3, 8), of(3, 9), of(3, 10),
      of(3, 11), of(3, 12), of(3, 13), of(3, 14));

  public static PythonKey of(int major, int minor) {
    return new PythonKey(major + "" + minor, major, minor, PythonReleases.cpythonFullVersion(major, minor));
  }

  /** The key for {@code "27"}, {@code "310"}...; null when it is not one of {@link #ALL}. */
  public static PythonKey forKey(String key) {
    for (PythonKey k : ALL) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }

  /** {@code sys.version_info[:3]} of this Python. */
  public int[] versionInfo() {
    String[] parts = fullVersion.split("\\.");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
  }

  /** {@code "3.10"}: what {@code python_version} is in a marker environment. */
  public String pythonVersion() {
    return major + "." + minor;
  }

  @Override
  public String toString() {
    return key;
  }
}
