package dev.pypidb.pypa.version;

import dev.pypidb.pypa.text.PyText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written matcher for packaging's {@code VERSION_PATTERN} (the possessive variant that
 * CPython 3.11.5+ uses), fullmatched with surrounding whitespace and IGNORECASE. Each optional
 * group is tried at the current position and kept once it matches, which is what possessive
 * groups do; no backtracking across groups is ever needed.
 */
final class VersionParser {
  /** CPython refuses to convert longer digit strings to int (sys.int_info.default_max_str_digits). */
  static final int MAX_DIGITS = 4300;

  private static final String[] PRE_LABELS = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};
  private static final String[] POST_LABELS = {"post", "rev", "r"};

  private final String s;
  private int pos;
  private final int end;
  private boolean tooLong;

  private VersionParser(String s, int start, int end) {
    this.s = s;
    this.pos = start;
    this.end = end;
  }

  static Version parse(String text) {
    Version v = tryParse(text);
    if (v == null) {
      throw new InvalidVersionException("Invalid version: " + PyText.repr(text));
    }
    return v;
  }

  static Version tryParse(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && PyText.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && PyText.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return new VersionParser(text, start, end).run();
  }

  private Version run() {
    if (pos < end && (s.charAt(pos) == 'v' || s.charAt(pos) == 'V')) {
      pos++;
    }
    BigInteger epoch = BigInteger.ZERO;
    int digits = digitRun(pos);
    if (digits > 0 && pos + digits < end && s.charAt(pos + digits) == '!') {
      epoch = number(pos, digits);
      pos += digits + 1;
    }
    BigInteger[] release = release();
    if (release == null) {
      return null;
    }
    Version.PreKind preKind = null;
    BigInteger preNumber = null;
    int save = pos;
    if (isSep(pos)) {
      pos++;
    }
    String preLabel = label(PRE_LABELS);
    if (preLabel != null) {
      pos += preLabel.length();
      if (isSep(pos)) {
        pos++;
      }
      preKind = preKind(preLabel);
      preNumber = optionalNumber();
    } else {
      pos = save;
    }
    BigInteger post = post();
    BigInteger dev = null;
    save = pos;
    if (isSep(pos)) {
      pos++;
    }
    if (PyText.regionMatchesIgnoreCase(s, pos, "dev") && pos + 3 <= end) {
      pos += 3;
      if (isSep(pos)) {
        pos++;
      }
      dev = optionalNumber();
    } else {
      pos = save;
    }
    Object[] local = null;
    if (pos < end && s.charAt(pos) == '+' && pos + 1 < end && PyText.isAsciiAlnum(s.charAt(pos + 1))) {
      int localStart = pos + 1;
      pos = localStart;
      while (pos < end && PyText.isAsciiAlnum(s.charAt(pos))) {
        pos++;
      }
      while (isSep(pos) && pos + 1 < end && PyText.isAsciiAlnum(s.charAt(pos + 1))) {
        pos++;
        while (pos < end && PyText.isAsciiAlnum(s.charAt(pos))) {
          pos++;
        }
      }
      local = localSegments(s, localStart, pos);
      if (local == null) {
        return null;
      }
    }
    if (pos != end || tooLong) {
      return null;
    }
    return new Version(epoch, release, preKind, preNumber, post, dev, local);
  }

  private BigInteger[] release() {
    int digits = digitRun(pos);
    if (digits == 0) {
      return null;
    }
    List<BigInteger> parts = new ArrayList<>(4);
    parts.add(number(pos, digits));
    pos += digits;
    while (pos < end && s.charAt(pos) == '.' && (digits = digitRun(pos + 1)) > 0) {
      parts.add(number(pos + 1, digits));
      pos += digits + 1;
    }
    return parts.toArray(new BigInteger[0]);
  }

  /** The post segment: {@code -N}, or {@code [sep]post|rev|r[sep][N]}; null when absent. */
  private BigInteger post() {
    if (pos < end && s.charAt(pos) == '-') {
      int digits = digitRun(pos + 1);
      if (digits > 0) {
        BigInteger n = number(pos + 1, digits);
        pos += digits + 1;
        return n;
      }
    }
    int save = pos;
    if (isSep(pos)) {
      pos++;
    }
    String label = label(POST_LABELS);
    if (label == null) {
      pos = save;
      return null;
    }
    pos += label.length();
    if (isSep(pos)) {
      pos++;
    }
    return optionalNumber();
  }

  /** Digits at pos, or 0 when there are none (an implicit number). */
  private BigInteger optionalNumber() {
    int digits = digitRun(pos);
    if (digits == 0) {
      return BigInteger.ZERO;
    }
    BigInteger n = number(pos, digits);
    pos += digits;
    return n;
  }

  private String label(String[] labels) {
    for (String label : labels) {
      if (pos + label.length() <= end && PyText.regionMatchesIgnoreCase(s, pos, label)) {
        return label;
      }
    }
    return null;
  }

  private static Version.PreKind preKind(String label) {
    switch (label) {
      case "a", "alpha":
        return Version.PreKind.A;
      case "b", "beta":
        return Version.PreKind.B;
      default:
        return Version.PreKind.RC;
    }
  }

  private boolean isSep(int i) {
    if (i >= end) {
      return false;
    }
    char c = s.charAt(i);
    return c == '.' || c == '_' || c == '-';
  }

  private int digitRun(int i) {
    int j = i;
    while (j < end && PyText.isAsciiDigit(s.charAt(j))) {
      j++;
    }
    return j - i;
  }

  private BigInteger number(int start, int digits) {
    if (digits > MAX_DIGITS) {
      tooLong = true;
      return BigInteger.ZERO;
    }
    return toNumber(s, start, digits);
  }

  static BigInteger toNumber(String s, int start, int digits) {
    if (digits <= 18) {
      long v = 0;
      for (int i = start; i < start + digits; i++) {
        v = v * 10 + (s.charAt(i) - '0');
      }
      return BigInteger.valueOf(v);
    }
    return new BigInteger(s.substring(start, start + digits));
  }

  /**
   * Splits a local label on {@code . _ -}; all-digit parts become numbers, others lower case.
   * Null when a number is longer than Python will convert.
   */
  static Object[] localSegments(String s, int start, int stop) {
    List<Object> parts = new ArrayList<>(3);
    int i = start;
    while (i <= stop) {
      int j = i;
      boolean allDigits = true;
      while (j < stop && s.charAt(j) != '.' && s.charAt(j) != '_' && s.charAt(j) != '-') {
        allDigits &= PyText.isAsciiDigit(s.charAt(j));
        j++;
      }
      if (allDigits && j - i > MAX_DIGITS) {
        return null;
      }
      if (allDigits && j > i) {
        parts.add(toNumber(s, i, j - i));
      } else {
        StringBuilder part = new StringBuilder(j - i);
        for (int k = i; k < j; k++) {
          part.append(PyText.asciiLower(s.charAt(k)));
        }
        parts.add(part.toString());
      }
      i = j + 1;
    }
    return parts.toArray();
  }
}
