package dev.pypidb.pypa.resolver;

import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a {@link VersionSet} compactly as PEP 440 specifiers over the project's sorted versions:
 * {@code >=1.2,<2}, {@code ==1.0}, {@code !=1.1,<2}, {@code <1 | >=2} (a union of ranges). A
 * range is bounded by its first member ({@code >=}) and the first version after it that is out
 * ({@code <}), a bound being left out at an end of the version list, as pub prints ranges; a
 * single version between two excluded ones prints as {@code ==}. When two forms are possible
 * (ranges joined by {@code |}, or one range with {@code !=} holes) the shorter wins.
 *
 * <p>Versions the set leaves out that a plain specifier would leave out anyway are "don't care":
 * pre-releases when the set holds no pre-release, and yanked versions when it holds no yanked
 * one. So the set {1.0, 1.1, 2.0} over 1.0, 1.1, 2.0b1, 2.0 prints {@code ""} (every version),
 * read the PEP 440 way. An empty result means "any version"; callers print the bare name.
 */
final class RangeFormat {
  private RangeFormat() {}

  private static final byte DONT_CARE = 0;
  private static final byte MEMBER = 1;
  private static final byte EXCLUDED = 2;

  /** The set as specifiers; "" when it is (effectively) every version. */
  static String format(VersionSet set, List<Version> versions, VersionSet yanked) {
    int n = versions.size();
    if (set.isEmpty()) {
      return " (no version)";
    }
    boolean anyPre = false;
    boolean anyYanked = false;
    for (int i = set.next(0); i >= 0; i = set.next(i + 1)) {
      anyPre |= versions.get(i).isPrerelease();
      anyYanked |= yanked != null && yanked.contains(i);
    }
    byte[] cls = new byte[n];
    int firstExcluded = -1;
    for (int i = 0; i < n; i++) {
      if (set.contains(i)) {
        cls[i] = MEMBER;
      } else if ((!anyPre && versions.get(i).isPrerelease())
          || (!anyYanked && yanked != null && yanked.contains(i))) {
        cls[i] = DONT_CARE;
      } else {
        cls[i] = EXCLUDED;
        if (firstExcluded < 0) {
          firstExcluded = i;
        }
      }
    }
    if (firstExcluded < 0) {
      return "";
    }
    int[] nextExcluded = new int[n + 1];
    nextExcluded[n] = -1;
    for (int i = n - 1; i >= 0; i--) {
      nextExcluded[i] = cls[i] == EXCLUDED ? i : nextExcluded[i + 1];
    }
    List<int[]> runs = new ArrayList<>();
    int i = 0;
    while (i < n) {
      if (cls[i] != MEMBER) {
        i++;
        continue;
      }
      int start = i;
      int end = i;
      int j = i + 1;
      while (j < n && cls[j] != EXCLUDED) {
        if (cls[j] == MEMBER) {
          end = j;
        }
        j++;
      }
      runs.add(new int[] {start, end});
      i = j;
    }
    List<String> parts = new ArrayList<>();
    for (int[] run : runs) {
      parts.add(run(run[0], run[1], versions, firstExcluded, nextExcluded));
    }
    String union = String.join(" | ", parts);
    if (runs.size() == 1) {
      return union;
    }
    int first = runs.get(0)[0];
    int last = runs.get(runs.size() - 1)[1];
    List<String> hull = new ArrayList<>();
    if (firstExcluded < first) {
      hull.add(">=" + versions.get(first));
    }
    for (int k = nextExcluded[first]; k >= 0 && k < last; k = nextExcluded[k + 1]) {
      hull.add("!=" + versions.get(k));
    }
    int upper = nextExcluded[last];
    if (upper >= 0) {
      hull.add("<" + versions.get(upper));
    }
    String holes = String.join(",", hull);
    return holes.length() < union.length() ? holes : union;
  }

  private static String run(int start, int end, List<Version> versions, int firstExcluded,
      int[] nextExcluded) {
    int upper = nextExcluded[end];
    if (start == end && firstExcluded < start && upper >= 0) {
      return "==" + versions.get(start);
    }
    StringBuilder out = new StringBuilder();
    if (firstExcluded < start) {
      out.append(">=").append(versions.get(start));
    }
    if (upper >= 0) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append('<').append(versions.get(upper));
    }
    return out.toString();
  }
}
