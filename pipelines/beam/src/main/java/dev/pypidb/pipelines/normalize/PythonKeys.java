package dev.pypidb.pipelines.normalize;

import java.util.Comparator;

/** pypi-deps-db's python keys ({@code "27"}, {@code "36"}, ... {@code "310"}) in version order. */
public final class PythonKeys {
  private PythonKeys() {}

  /** Numeric order of major then minor: 27 < 36 < 39 < 310; anything else after, by text. */
  public static final Comparator<String> ORDER = Comparator
      .comparingInt(PythonKeys::rank)
      .thenComparing(Comparator.naturalOrder());

  private static int rank(String key) {
    if (key.length() < 2 || !key.chars().allMatch(Character::isDigit)) {
      return Integer.MAX_VALUE;
    }
    return (key.charAt(0) - '0') * 1000 + Integer.parseInt(key.substring(1));
  }
}
