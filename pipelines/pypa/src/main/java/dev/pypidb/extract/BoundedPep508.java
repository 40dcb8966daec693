package dev.pypidb.extract;

import dev.pypidb.pypa.markers.InvalidMarkerException;
import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;

/**
 * {@link Requirement#parse} and {@link Marker#parse} for text from an sdist: their parsers
 * recurse once per parenthesis, so text nesting parentheses deeper than
 * {@value #MAX_NESTING} is refused before parsing (packaging itself stops near 1000, at
 * Python's recursion limit; no real marker nests more than a few).
 */
public final class BoundedPep508 {
  /** Deepest parenthesis nesting parsed. */
  public static final int MAX_NESTING = 64;

  private BoundedPep508() {}

  /** @throws InvalidRequirementException also for nesting deeper than {@link #MAX_NESTING} */
  public static Requirement requirement(String text) {
    if (tooDeep(text)) {
      throw new InvalidRequirementException("parentheses nested deeper than " + MAX_NESTING, null);
    }
    return Requirement.parse(text);
  }

  /** @throws InvalidMarkerException also for nesting deeper than {@link #MAX_NESTING} */
  public static Marker marker(String text) {
    if (tooDeep(text)) {
      throw new InvalidMarkerException("parentheses nested deeper than " + MAX_NESTING, null);
    }
    return Marker.parse(text);
  }

  /** Whether parentheses outside quoted strings nest deeper than the bound. */
  static boolean tooDeep(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' && ++depth > MAX_NESTING) {
        return true;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
    return false;
  }
}
