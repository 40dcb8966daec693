package dev.pypidb.pypa.specifiers;

import dev.pypidb.pypa.text.PyText;
import dev.pypidb.pypa.version.Version;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One PEP 440 version specifier: an operator and a version as written ({@code >=1.0},
 * {@code ==2.*}, {@code ~=1.4.2}, {@code ===foobar}). Matching follows
 * {@code packaging.specifiers.Specifier} exactly, including its pre-release rules.
 */
public final class Specifier implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Operator operator;
  private final String version;
  private final Boolean explicitPrereleases;

  private transient Version parsedVersion;
  private transient boolean parsed;
  private transient List<String> wildcardSplit;
  private transient int wildcardNumeric;

  private Specifier(Operator operator, String version, Boolean explicitPrereleases) {
    this.operator = operator;
    this.version = version;
    this.explicitPrereleases = explicitPrereleases;
  }

  /** Parses one specifier; surrounding whitespace is allowed. */
  public static Specifier parse(String spec) {
    return parse(spec, null);
  }

  /**
   * Parses one specifier with an explicit pre-release policy ({@code null}: decide from the
   * specifier itself).
   */
  public static Specifier parse(String spec, Boolean prereleases) {
    if (!SpecifierGrammar.fullMatch(spec)) {
      throw new InvalidSpecifierException("Invalid specifier: " + PyText.repr(spec));
    }
    String stripped = PyText.strip(spec);
    Operator op = Operator.prefixOf(stripped);
    String version = PyText.strip(stripped.substring(op.symbol().length()));
    return new Specifier(op, version, prereleases);
  }

  public Operator operator() {
    return operator;
  }

  /** The version as written (whitespace removed), e.g. {@code 1.0.*} or {@code V1.0}. */
  public String version() {
    return version;
  }

  public boolean isWildcard() {
    return version.endsWith(".*");
  }

  /** The version as a parsed {@link Version} (null for {@code ===} with a non-version). */
  public Version parsedVersion() {
    if (!parsed) {
      String text = isWildcard() && operator != Operator.ARBITRARY
          ? version.substring(0, version.length() - 2) : version;
      parsedVersion = Version.tryParse(text);
      parsed = true;
    }
    return parsedVersion;
  }

  /** The explicit pre-release policy given at construction, or null. */
  public Boolean explicitPrereleases() {
    return explicitPrereleases;
  }

  /**
   * Whether this specifier admits pre-releases on its own: the explicit policy if any, false for
   * {@code !=} and {@code ==X.*}, unknown (null) for {@code ===} with a non-version, else whether
   * its version is a pre-release.
   */
  public Boolean prereleases() {
    if (explicitPrereleases != null) {
      return explicitPrereleases;
    }
    if (operator == Operator.NOT_EQUAL) {
      return false;
    }
    if (operator == Operator.EQUAL && isWildcard()) {
      return false;
    }
    Version v = Version.tryParse(version);
    return v == null ? null : v.isPrerelease();
  }

  /** {@code operator + version}, as packaging prints it. */
  @Override
  public String toString() {
    return operator.symbol() + version;
  }

  /** Equality ignores the pre-release policy and trailing zeros (except for {@code ~=}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Specifier s && canonicalKey().equals(s.canonicalKey());
  }

  @Override
  public int hashCode() {
    return canonicalKey().hashCode();
  }

  private String canonicalKey() {
    if (operator == Operator.ARBITRARY || isWildcard()) {
      return toString();
    }
    Version v = parsedVersion();
    return operator.symbol() + (operator == Operator.COMPATIBLE ? v.toString() : v.toStringTrimmed());
  }

  // ---- matching -------------------------------------------------------------------------

  /**
   * Whether the operator accepts {@code candidate} (given as parsed version and as the text the
   * caller holds, which {@code ===} compares), ignoring pre-release policy.
   */
  boolean operatorMatches(Version candidate, String candidateText) {
    switch (operator) {
      case ARBITRARY:
        return arbitraryEquals(candidateText);
      case COMPATIBLE:
        return compatible(candidate);
      case EQUAL:
        return equal(candidate, version);
      case NOT_EQUAL:
        return !equal(candidate, version);
      case LESS_EQUAL:
        return candidate.publicVersion().compareTo(parsedVersion()) <= 0;
      case GREATER_EQUAL:
        return candidate.publicVersion().compareTo(parsedVersion()) >= 0;
      case LESS:
        return less(candidate);
      case GREATER:
        return greater(candidate);
      default:
        throw new AssertionError(operator);
    }
  }

  boolean arbitraryEquals(String candidateText) {
    return candidateText.toLowerCase(Locale.ROOT).equals(version.toLowerCase(Locale.ROOT));
  }

  /** {@code ~=V}: {@code >=V} and {@code ==prefix.*}, the prefix being V without its last number. */
  private boolean compatible(Version candidate) {
    List<String> parts = new ArrayList<>();
    for (String part : VersionSplit.split(version)) {
      if (!VersionSplit.isNotSuffix(part)) {
        break;
      }
      parts.add(part);
    }
    String prefix = VersionSplit.join(parts.subList(0, parts.size() - 1)) + ".*";
    return candidate.publicVersion().compareTo(parsedVersion()) >= 0 && equal(candidate, prefix);
  }

  private boolean equal(Version candidate, String spec) {
    if (spec.endsWith(".*")) {
      List<String> specSplit = wildcardSplit(spec);
      List<String> split = VersionSplit.split(candidate.publicVersion().toString());
      List<String> padded = VersionSplit.leftPad(split, wildcardNumeric);
      if (padded.size() < specSplit.size()) {
        return false;
      }
      return padded.subList(0, specSplit.size()).equals(specSplit);
    }
    Version specVersion = parsedVersion();
    if (!specVersion.hasLocal()) {
      candidate = candidate.publicVersion();
    }
    return candidate.equals(specVersion);
  }

  /** packaging caches one wildcard split per specifier; a specifier only ever has one. */
  private List<String> wildcardSplit(String spec) {
    if (wildcardSplit == null) {
      List<String> split =
          VersionSplit.split(VersionSplit.canonical(spec.substring(0, spec.length() - 2)));
      wildcardNumeric = VersionSplit.numericPrefixLength(split);
      wildcardSplit = split;
    }
    return wildcardSplit;
  }

  /** {@code <V} excludes pre-releases of V unless V is one. */
  private boolean less(Version candidate) {
    Version spec = parsedVersion();
    if (candidate.compareTo(spec) >= 0) {
      return false;
    }
    return spec.isPrerelease()
        || !candidate.isPrerelease()
        || candidate.compareTo(spec.earliestPrerelease()) < 0;
  }

  /** {@code >V} excludes post-releases and local versions of V unless V is a post-release. */
  private boolean greater(Version candidate) {
    Version spec = parsedVersion();
    if (candidate.compareTo(spec) <= 0) {
      return false;
    }
    if (!spec.isPostrelease() && candidate.isPostrelease() && candidate.postBase().equals(spec)) {
      return false;
    }
    return !(candidate.hasLocal() && candidate.publicVersion().equals(spec));
  }

  // ---- packaging's Specifier.filter / contains ----------------------------------------------

  /**
   * {@code Specifier.contains(item, prereleases)}: whether a version string matches. A matching
   * pre-release counts unless pre-releases are excluded (explicitly, by the call or by this
   * specifier's own policy), because a lone candidate has no final release to prefer.
   */
  public boolean contains(String item, Boolean prereleases) {
    return !filter(List.of(Candidate.of(item)), prereleases).isEmpty();
  }

  /** {@code Specifier.contains(Version)}. */
  public boolean contains(Version item, Boolean prereleases) {
    return !filter(List.of(Candidate.of(item)), prereleases).isEmpty();
  }

  /** {@code Specifier.filter(iterable, prereleases)} over candidates, order kept. */
  List<Candidate> filter(List<Candidate> items, Boolean prereleases) {
    Boolean include = prereleases != null ? prereleases : prereleases();
    List<Candidate> out = new ArrayList<>();
    List<Candidate> heldBack = new ArrayList<>();
    boolean foundFinal = false;
    for (Candidate item : items) {
      if (item.version() == null) {
        if (operator == Operator.ARBITRARY && arbitraryEquals(item.text())) {
          out.add(item);
        }
        continue;
      }
      if (!operatorMatches(item.version(), item.text())) {
        continue;
      }
      if (!item.version().isPrerelease() || Boolean.TRUE.equals(include)) {
        foundFinal = true;
        out.add(item);
      } else if (prereleases == null && !Boolean.FALSE.equals(explicitPrereleases)) {
        heldBack.add(item);
      }
    }
    if (!foundFinal && prereleases == null && !Boolean.FALSE.equals(explicitPrereleases)) {
      out.addAll(heldBack);
    }
    return out;
  }

  /** A value being filtered: its text (what {@code ===} compares) and its parse, if any. */
  record Candidate(String text, Version version, Object original) {
    static Candidate of(String text) {
      return new Candidate(text, Version.tryParse(text), text);
    }

    static Candidate of(Version version) {
      return new Candidate(version.toString(), version, version);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Candidate c && Objects.equals(original, c.original);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(original);
    }
  }
}
