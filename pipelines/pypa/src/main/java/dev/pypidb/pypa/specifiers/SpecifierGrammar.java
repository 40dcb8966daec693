package dev.pypidb.pypa.specifiers;

import dev.pypidb.pypa.text.PyText;

/**
 * Matches one version specifier ({@code >=1.0}, {@code ==1.*}, {@code ===foo}) the way
 * packaging's {@code Specifier._specifier_regex_str} does, IGNORECASE. Every part after the
 * operator is optional and no part can start where an earlier one could have continued, so the
 * regex's first (greedy) match is also its only one; a single greedy scan reproduces it.
 */
public final class SpecifierGrammar {
  private static final String[] PRE_LABELS = {"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"};
  private static final String[] POST_LABELS = {"post", "rev", "r"};

  private SpecifierGrammar() {}

  /**
   * The end of the specifier that starts at {@code pos} (the tokenizer's SPECIFIER rule), or -1
   * when none starts there.
   */
  public static int matchPrefix(String s, int pos) {
    int n = s.length();
    if (s.startsWith("===", pos)) {
      int i = skipWhitespace(s, pos + 3);
      while (i < n) {
        char c = s.charAt(i);
        if (PyText.isWhitespace(c) || c == ';' || c == ')') {
          break;
        }
        i++;
      }
      return i;
    }
    if (s.startsWith("==", pos) || s.startsWith("!=", pos)) {
      return versionAfterOperator(s, pos + 2, Form.EQUALITY);
    }
    if (s.startsWith("~=", pos)) {
      return versionAfterOperator(s, pos + 2, Form.COMPATIBLE);
    }
    if (s.startsWith("<=", pos) || s.startsWith(">=", pos)) {
      int end = versionAfterOperator(s, pos + 2, Form.ORDERED);
      if (end >= 0) {
        return end;
      }
      // The regex falls back to "<" or ">" alone, which cannot match "<=" followed by a digit.
      return -1;
    }
    if (pos < n && (s.charAt(pos) == '<' || s.charAt(pos) == '>')) {
      return versionAfterOperator(s, pos + 1, Form.ORDERED);
    }
    return -1;
  }

  /** Whether {@code s} is exactly one specifier, optionally surrounded by whitespace. */
  public static boolean fullMatch(String s) {
    int start = skipWhitespace(s, 0);
    int end = matchPrefix(s, start);
    return end >= 0 && skipWhitespace(s, end) == s.length();
  }

  private enum Form {
    /** {@code ==} and {@code !=}: wildcard or local label allowed. */
    EQUALITY,
    /** {@code ~=}: at least two release numbers. */
    COMPATIBLE,
    /** {@code <=, >=, <, >}. */
    ORDERED
  }

  private static int versionAfterOperator(String s, int pos, Form form) {
    int n = s.length();
    int i = skipWhitespace(s, pos);
    if (i < n && (s.charAt(i) == 'v' || s.charAt(i) == 'V')) {
      i++;
    }
    int digits = digitRun(s, i);
    if (digits > 0 && i + digits < n && s.charAt(i + digits) == '!') {
      i += digits + 1;
    }
    digits = digitRun(s, i);
    if (digits == 0) {
      return -1;
    }
    i += digits;
    int components = 1;
    while (i < n && s.charAt(i) == '.' && (digits = digitRun(s, i + 1)) > 0) {
      i += digits + 1;
      components++;
    }
    if (form == Form.COMPATIBLE && components < 2) {
      return -1;
    }
    if (form == Form.EQUALITY && s.startsWith(".*", i)) {
      return i + 2;
    }
    i = pre(s, i);
    i = post(s, i);
    i = dev(s, i);
    if (form == Form.EQUALITY) {
      i = local(s, i);
    }
    return i;
  }

  private static int pre(String s, int i) {
    int j = isSep(s, i) ? i + 1 : i;
    String label = label(s, j, PRE_LABELS);
    if (label == null) {
      return i;
    }
    j += label.length();
    if (isSep(s, j)) {
      j++;
    }
    return j + digitRun(s, j);
  }

  private static int post(String s, int i) {
    if (i < s.length() && s.charAt(i) == '-' && digitRun(s, i + 1) > 0) {
      return i + 1 + digitRun(s, i + 1);
    }
    int j = isSep(s, i) ? i + 1 : i;
    String label = label(s, j, POST_LABELS);
    if (label == null) {
      return i;
    }
    j += label.length();
    if (isSep(s, j)) {
      j++;
    }
    return j + digitRun(s, j);
  }

  private static int dev(String s, int i) {
    int j = isSep(s, i) ? i + 1 : i;
    if (!PyText.regionMatchesIgnoreCase(s, j, "dev")) {
      return i;
    }
    j += 3;
    if (isSep(s, j)) {
      j++;
    }
    return j + digitRun(s, j);
  }

  /** The tokenizer's VERSION_LOCAL_LABEL_TRAIL as well: {@code \+[a-z0-9]+([-_.][a-z0-9]+)*}. */
  static int local(String s, int i) {
    int n = s.length();
    if (i + 1 >= n || s.charAt(i) != '+' || !PyText.isAsciiAlnum(s.charAt(i + 1))) {
      return i;
    }
    int j = i + 1;
    while (j < n && PyText.isAsciiAlnum(s.charAt(j))) {
      j++;
    }
    while (isSep(s, j) && j + 1 < n && PyText.isAsciiAlnum(s.charAt(j + 1))) {
      j++;
      while (j < n && PyText.isAsciiAlnum(s.charAt(j))) {
        j++;
      }
    }
    return j;
  }

  /** End of a local label starting at {@code i}, or -1 when there is none there. */
  public static int matchLocalLabel(String s, int i) {
    int end = local(s, i);
    return end == i ? -1 : end;
  }

  private static String label(String s, int i, String[] labels) {
    for (String label : labels) {
      if (PyText.regionMatchesIgnoreCase(s, i, label)) {
        return label;
      }
    }
    return null;
  }

  private static boolean isSep(String s, int i) {
    if (i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c == '.' || c == '_' || c == '-';
  }

  private static int digitRun(String s, int i) {
    int j = i;
    while (j < s.length() && PyText.isAsciiDigit(s.charAt(j))) {
      j++;
    }
    return j - i;
  }

  static int skipWhitespace(String s, int i) {
    while (i < s.length() && PyText.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
