package dev.pypidb.pypa.names;

import java.util.Locale;

/** PEP 503/625 project (and extra) names: validation and canonical form. */
public final class ProjectNames {
  private ProjectNames() {}

  /**
   * The canonical form: lower case, every run of {@code -_.} replaced by one {@code -}. Works on
   * any string, valid or not, exactly like {@code packaging.utils.canonicalize_name}.
   */
  public static String canonicalize(String name) {
    int n = name.length();
    if (isCanonicalFast(name)) {
      return name;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(n);
    boolean lastDash = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c == '-' || c == '_' || c == '.') {
        if (!lastDash) {
          out.append('-');
        }
        lastDash = true;
      } else {
        out.append(c);
        lastDash = false;
      }
    }
    return out.toString();
  }

  /** Canonical already: ASCII lower-case letters, digits and single dashes only. */
  private static boolean isCanonicalFast(String name) {
    char prev = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && prev != '-');
      if (!ok) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  /**
   * Whether {@code name} is a valid distribution name per the core metadata spec: ASCII letters,
   * digits, {@code .}, {@code _} and {@code -}, starting and ending with a letter or digit.
   */
  public static boolean isValid(String name) {
    int n = name.length();
    if (n == 0 || !isAsciiAlnum(name.charAt(0)) || !isAsciiAlnum(name.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = name.charAt(i);
      if (!isAsciiAlnum(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} is valid and already canonical. */
  public static boolean isNormalized(String name) {
    return isValid(name) && canonicalize(name).equals(name);
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
