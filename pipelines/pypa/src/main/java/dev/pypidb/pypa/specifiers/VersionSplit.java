package dev.pypidb.pypa.specifiers;

import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * packaging's string-level helpers for prefix matching ({@code ==1.2.*}) and {@code ~=}: a
 * version split into epoch, release numbers and suffixes, compared as strings. Reproduced as
 * written because they act on the specifier text, not on a parsed version.
 */
final class VersionSplit {
  private VersionSplit() {}

  /** {@code _version_split}: epoch first, then dot parts, with {@code 1rc2} split into two. */
  static List<String> split(String version) {
    List<String> out = new ArrayList<>(5);
    int bang = version.lastIndexOf('!');
    String epoch = bang < 0 ? "" : version.substring(0, bang);
    out.add(epoch.isEmpty() ? "0" : epoch);
    String rest = version.substring(bang + 1);
    int start = 0;
    while (true) {
      int dot = rest.indexOf('.', start);
      String item = dot < 0 ? rest.substring(start) : rest.substring(start, dot);
      int cut = prefixCut(item);
      if (cut > 0) {
        out.add(item.substring(0, cut));
        out.add(item.substring(cut));
      } else {
        out.add(item);
      }
      if (dot < 0) {
        return out;
      }
      start = dot + 1;
    }
  }

  /** Where {@code ([0-9]+)((?:a|b|c|rc)[0-9]+)} splits {@code item}, or -1 if it does not match. */
  private static int prefixCut(String item) {
    int i = 0;
    int n = item.length();
    while (i < n && Character.isDigit(item.charAt(i)) && item.charAt(i) < 128) {
      i++;
    }
    if (i == 0 || i == n) {
      return -1;
    }
    int j = i;
    if (item.startsWith("rc", j)) {
      j += 2;
    } else if (item.charAt(j) == 'a' || item.charAt(j) == 'b' || item.charAt(j) == 'c') {
      j += 1;
    } else {
      return -1;
    }
    int digitsStart = j;
    while (j < n && item.charAt(j) >= '0' && item.charAt(j) <= '9') {
      j++;
    }
    return j == n && j > digitsStart ? i : -1;
  }

  /** {@code _version_join}: the epoch, a bang, the rest joined by dots. */
  static String join(List<String> parts) {
    StringBuilder out = new StringBuilder(parts.get(0)).append('!');
    for (int i = 1; i < parts.size(); i++) {
      if (i > 1) {
        out.append('.');
      }
      out.append(parts.get(i));
    }
    return out.toString();
  }

  /** {@code _is_not_suffix}. */
  static boolean isNotSuffix(String segment) {
    return !(segment.startsWith("dev")
        || segment.startsWith("a")
        || segment.startsWith("b")
        || segment.startsWith("rc")
        || segment.startsWith("post"));
  }

  /** {@code _numeric_prefix_len}: leading parts made of digits only. */
  static int numericPrefixLength(List<String> split) {
    int count = 0;
    for (String segment : split) {
      if (!isDigits(segment)) {
        break;
      }
      count++;
    }
    return count;
  }

  /** {@code _left_pad}: zeros inserted after the numeric prefix up to {@code target} numbers. */
  static List<String> leftPad(List<String> split, int target) {
    int numeric = numericPrefixLength(split);
    int pad = target - numeric;
    if (pad <= 0) {
      return split;
    }
    List<String> out = new ArrayList<>(split.size() + pad);
    out.addAll(split.subList(0, numeric));
    for (int i = 0; i < pad; i++) {
      out.add("0");
    }
    out.addAll(split.subList(numeric, split.size()));
    return out;
  }

  /**
   * {@code canonicalize_version(v, strip_trailing_zero=False)} of a string: the normalized
   * version, or the string unchanged when it is not a version.
   */
  static String canonical(String version) {
    Version v = Version.tryParse(version);
    return v == null ? version : v.toString();
  }

  /** {@code str.isdigit()} on text the specifier grammar admitted, which is ASCII here. */
  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
