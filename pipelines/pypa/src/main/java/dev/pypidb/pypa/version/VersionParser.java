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
  /** Longer digit runs may not fit a long; they are kept as BigIntegers. */
  private static final int MAX_LONG_DIGITS = 18;
  private static final String[] PRE_LABELS = {"alpha", "a", "beta", "b", "preview", "pre", "c", "rc"};
  private static final String[] POST_LABELS = {"post", "rev", "r"};

  private final String s;
  private int pos;
  private final int end;
  /** Set when a number has more digits than a long holds. */
  private boolean huge;

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
    int epochStart = -1;
    int epochDigits = 0;
    int digits = digitRun(pos);
    if (digits > 0 && pos + digits < end && s.charAt(pos + digits) == '!') {
      epochStart = pos;
      epochDigits = digits;
      pos += digits + 1;
    }
    int releaseStart = pos;
    int components = releaseComponents();
    if (components == 0) {
      return null;
    }
    int releaseEnd = pos;

    Version.PreKind preKind = null;
    int preStart = -1;
    int preDigits = 0;
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
      preStart = pos;
      preDigits = digitRun(pos);
      pos += preDigits;
    } else {
      pos = save;
    }

    int postStart = -1;
    int postDigits = 0;
    boolean hasPost = false;
    if (pos < end && s.charAt(pos) == '-' && digitRun(pos + 1) > 0) {
      hasPost = true;
      postStart = pos + 1;
      postDigits = digitRun(postStart);
      pos = postStart + postDigits;
    } else {
      save = pos;
      if (isSep(pos)) {
        pos++;
      }
      String postLabel = label(POST_LABELS);
      if (postLabel == null) {
        pos = save;
      } else {
        hasPost = true;
        pos += postLabel.length();
        if (isSep(pos)) {
          pos++;
        }
        postStart = pos;
        postDigits = digitRun(pos);
        pos += postDigits;
      }
    }

    boolean hasDev = false;
    int devStart = -1;
    int devDigits = 0;
    save = pos;
    if (isSep(pos)) {
      pos++;
    }
    if (pos + 3 <= end && PyText.regionMatchesIgnoreCase(s, pos, "dev")) {
      hasDev = true;
      pos += 3;
      if (isSep(pos)) {
        pos++;
      }
      devStart = pos;
      devDigits = digitRun(pos);
      pos += devDigits;
    } else {
      pos = save;
    }

    Object[] local = null;
    if (pos + 1 < end && s.charAt(pos) == '+' && PyText.isAsciiAlnum(s.charAt(pos + 1))) {
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
    }
    if (pos != end) {
      return null;
    }

    long[] release = new long[components];
    int p = releaseStart;
    for (int i = 0; i < components; i++) {
      int d = digitRun(p);
      release[i] = number(p, d);
      p += d + 1;
    }
    long epoch = epochStart < 0 ? 0 : number(epochStart, epochDigits);
    long pre = preKind == null ? 0 : number(preStart, preDigits);
    long post = hasPost ? number(postStart, postDigits) : Version.NONE;
    long dev = hasDev ? number(devStart, devDigits) : Version.NONE;
    BigInteger[] big = null;
    if (huge) {
      big = new BigInteger[components + 4];
      big[0] = epochStart < 0 ? BigInteger.ZERO : bigNumber(epochStart, epochDigits);
      p = releaseStart;
      for (int i = 0; i < components; i++) {
        int d = digitRun(p);
        big[1 + i] = bigNumber(p, d);
        p += d + 1;
      }
      big[components + 1] = preKind == null ? null : bigNumber(preStart, preDigits);
      big[components + 2] = hasPost ? bigNumber(postStart, postDigits) : null;
      big[components + 3] = hasDev ? bigNumber(devStart, devDigits) : null;
    }
    assert p - 1 == releaseEnd || components == 0;
    return new Version(epoch, release, preKind, pre, post, dev, local, big);
  }

  /** Counts the release numbers at pos ({@code 1.2.3}), moving past them. */
  private int releaseComponents() {
    int digits = digitRun(pos);
    if (digits == 0) {
      return 0;
    }
    int n = 1;
    pos += digits;
    while (pos < end && s.charAt(pos) == '.' && (digits = digitRun(pos + 1)) > 0) {
      pos += digits + 1;
      n++;
    }
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
    while (j < end) {
      char c = s.charAt(j);
      if (c < '0' || c > '9') {
        break;
      }
      j++;
    }
    return j - i;
  }

  /** The number (0 when there are no digits: an implicit number); marks huge ones. */
  private long number(int start, int digits) {
    if (digits > MAX_LONG_DIGITS) {
      huge = true;
      return 0;
    }
    long v = 0;
    for (int i = start; i < start + digits; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  private BigInteger bigNumber(int start, int digits) {
    if (digits == 0) {
      return BigInteger.ZERO;
    }
    return digits > MAX_LONG_DIGITS
        ? new BigInteger(s.substring(start, start + digits)) : BigInteger.valueOf(number(start, digits));
  }

  /** Splits a local label on {@code . _ -}; all-digit parts become numbers, others lower case. */
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
      if (allDigits && j > i) {
        if (j - i > MAX_LONG_DIGITS) {
          parts.add(new BigInteger(s.substring(i, j)));
        } else {
          long v = 0;
          for (int k = i; k < j; k++) {
            v = v * 10 + (s.charAt(k) - '0');
          }
          parts.add(v);
        }
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
