package dev.pypidb.extract.sources.poetry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * poetry-core 1.x's {@code parse_constraint}: caret ({@code ^1.2}), tilde ({@code ~1.2}),
 * PEP 440 tilde ({@code ~=1.2}), wildcards ({@code *}, {@code 1.2.*}), comparisons
 * ({@code >=1.2,<2}, space- or comma-separated) and {@code ||} unions.
 */
public final class ConstraintParser {
  private static final String V = PoetryVersion.VERSION_PATTERN;
  private static final Pattern ANY = Pattern.compile("^v?[xX*](\\.[xX*])*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern TILDE = Pattern.compile("^~(?!=)\\s*(?<version>" + V + ")$", Pattern.CASE_INSENSITIVE);
  private static final Pattern TILDE_PEP440 = Pattern.compile("^~=\\s*(?<version>" + V + ")$", Pattern.CASE_INSENSITIVE);
  private static final Pattern CARET = Pattern.compile("^\\^(?<version>" + V + ")$", Pattern.CASE_INSENSITIVE);
  private static final Pattern X_RANGE =
      Pattern.compile("^(?<op>!=|==)?\\s*v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.[xX*])+$");
  private static final Pattern BASIC = Pattern.compile(
      "^(?<op><>|!=|>=?|<=?|==?)?\\s*(?<version>" + V + "|dev)(\\.\\*)?$", Pattern.CASE_INSENSITIVE);
  private static final Pattern OR_SPLIT = Pattern.compile("\\s*\\|\\|?\\s*");
  private static final Pattern AND_SPLIT = Pattern.compile("(?<!^)(?<![~=>< ,]) *(?<!-)[, ](?!-) *(?!,|$)");
  /** Bound on the parts of one constraint string, so a hostile one cannot make the algebra slow. */
  private static final int MAX_PARTS = 64;

  private ConstraintParser() {}

  /**
   * Parses a poetry version constraint.
   *
   * @throws IllegalArgumentException naming the part poetry-core could not parse either
   */
  public static VersionConstraint parse(String constraints) {
    if (constraints.equals("*")) {
      return VersionRange.ANY;
    }
    String[] orParts = OR_SPLIT.split(constraints.strip(), -1);
    if (orParts.length > MAX_PARTS) {
      throw new IllegalArgumentException("constraint has more than " + MAX_PARTS + " '||' parts");
    }
    List<VersionConstraint> groups = new ArrayList<>();
    for (String or : orParts) {
      String group = rstripCommas(or).stripTrailing();
      String[] ands = AND_SPLIT.split(group, -1);
      if (ands.length > MAX_PARTS) {
        throw new IllegalArgumentException("constraint has more than " + MAX_PARTS + " parts");
      }
      VersionConstraint c = parseSingle(ands[0]);
      for (int i = 1; i < ands.length; i++) {
        c = c.intersect(parseSingle(ands[i]));
      }
      groups.add(c);
    }
    return groups.size() == 1 ? groups.get(0) : VersionUnion.of(groups);
  }

  private static String rstripCommas(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ',') {
      end--;
    }
    return s.substring(0, end);
  }

  static VersionConstraint parseSingle(String constraint) {
    if (ANY.matcher(constraint).matches()) {
      return VersionRange.ANY;
    }
    Matcher m = TILDE.matcher(constraint);
    if (m.matches()) {
      PoetryVersion version = version(m.group("version"), constraint);
      PoetryVersion high = version.precision() == 1 ? version.stable().nextMajor() : version.stable().nextMinor();
      return new VersionRange(version, high, true, false);
    }
    m = TILDE_PEP440.matcher(constraint);
    if (m.matches()) {
      PoetryVersion version = version(m.group("version"), constraint);
      PoetryVersion high = version.precision() == 2 ? version.stable().nextMajor() : version.stable().nextMinor();
      return new VersionRange(version, high, true, false);
    }
    m = CARET.matcher(constraint);
    if (m.matches()) {
      PoetryVersion version = version(m.group("version"), constraint);
      return new VersionRange(version, version.nextBreaking(), true, false);
    }
    m = X_RANGE.matcher(constraint);
    if (m.matches()) {
      long major = number(m.group(2), constraint);
      VersionConstraint result;
      if (m.group(3) != null) {
        PoetryVersion version = PoetryVersion.of(major, number(m.group(3), constraint), 0L);
        result = new VersionRange(version, version.nextMinor(), true, false);
      } else if (major == 0) {
        result = new VersionRange(null, PoetryVersion.of(1, 0L, 0L), false, false);
      } else {
        PoetryVersion version = PoetryVersion.of(major, 0L, 0L);
        result = new VersionRange(version, version.nextMajor(), true, false);
      }
      if ("!=".equals(m.group("op"))) {
        result = VersionRange.ANY.difference(result);
      }
      return result;
    }
    m = BASIC.matcher(constraint);
    if (m.matches()) {
      String op = m.group("op");
      String text = m.group("version");
      PoetryVersion version = version(text.equals("dev") ? "0.0-dev" : text, constraint);
      if (op == null) {
        return version;
      }
      return switch (op) {
        case "<" -> new VersionRange(null, version, false, false);
        case "<=" -> new VersionRange(null, version, false, true);
        case ">" -> new VersionRange(version, null, false, false);
        case ">=" -> new VersionRange(version, null, true, false);
        case "!=" -> new VersionUnion(List.of(
            new VersionRange(null, version, false, false), new VersionRange(version, null, false, false)));
        default -> version;
      };
    }
    throw new IllegalArgumentException("Could not parse version constraint: " + constraint);
  }

  private static PoetryVersion version(String text, String constraint) {
    try {
      return PoetryVersion.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Could not parse version constraint: " + constraint, e);
    }
  }

  private static long number(String digits, String constraint) {
    if (digits.length() > 18) {
      throw new IllegalArgumentException("Could not parse version constraint: " + constraint);
    }
    return Long.parseLong(digits);
  }
}
