package dev.pypidb.pypa.specifiers;

import dev.pypidb.pypa.specifiers.Specifier.Candidate;
import dev.pypidb.pypa.text.PyText;
import dev.pypidb.pypa.version.Version;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A comma-separated set of specifiers, all of which must match ({@code >=1.0,!=1.3.*,<2}).
 * Follows {@code packaging.specifiers.SpecifierSet}: the same pre-release rules (PEP 440:
 * pre-releases only when asked for, named by a specifier, or when nothing else matches) and the
 * same normalized text (sorted, de-duplicated, no spaces).
 */
public final class SpecifierSet implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final SpecifierSet EMPTY = new SpecifierSet(List.of(), false, null);

  private final List<Specifier> specifiers;
  private final boolean hasArbitrary;
  private final Boolean explicitPrereleases;

  private SpecifierSet(List<Specifier> specifiers, boolean hasArbitrary, Boolean prereleases) {
    this.specifiers = specifiers;
    this.hasArbitrary = hasArbitrary;
    this.explicitPrereleases = prereleases;
  }

  /** The set that accepts every version. */
  public static SpecifierSet empty() {
    return EMPTY;
  }

  /** Parses {@code specifiers} (may be empty); throws {@link InvalidSpecifierException}. */
  public static SpecifierSet parse(String specifiers) {
    return parse(specifiers, null);
  }

  public static SpecifierSet parse(String specifiers, Boolean prereleases) {
    List<Specifier> parsed = new ArrayList<>(2);
    int start = 0;
    while (start <= specifiers.length()) {
      int comma = specifiers.indexOf(',', start);
      int end = comma < 0 ? specifiers.length() : comma;
      String part = PyText.strip(specifiers.substring(start, end));
      if (!part.isEmpty()) {
        parsed.add(Specifier.parse(part));
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    if (parsed.isEmpty() && prereleases == null) {
      return EMPTY;
    }
    return new SpecifierSet(
        Collections.unmodifiableList(parsed), specifiers.contains("==="), prereleases);
  }

  /** The specifiers in the order written. */
  public List<Specifier> specifiers() {
    return specifiers;
  }

  public boolean isEmpty() {
    return specifiers.isEmpty();
  }

  /**
   * Whether the set admits pre-releases by itself: the explicit policy, else true when a
   * specifier names a pre-release, else unknown (null) — never false by default.
   */
  public Boolean prereleases() {
    if (explicitPrereleases != null) {
      return explicitPrereleases;
    }
    for (Specifier s : specifiers) {
      if (Boolean.TRUE.equals(s.prereleases())) {
        return true;
      }
    }
    return null;
  }

  /** This set and {@code other} together (both must match). */
  public SpecifierSet and(SpecifierSet other) {
    List<Specifier> all = new ArrayList<>(specifiers);
    all.addAll(other.specifiers);
    Boolean pre;
    if (explicitPrereleases == null || explicitPrereleases.equals(other.explicitPrereleases)) {
      pre = other.explicitPrereleases;
    } else if (other.explicitPrereleases == null) {
      pre = explicitPrereleases;
    } else {
      throw new IllegalArgumentException(
          "Cannot combine SpecifierSets with True and False prerelease overrides.");
    }
    return new SpecifierSet(
        Collections.unmodifiableList(all), hasArbitrary || other.hasArbitrary, pre);
  }

  /** Normalized text: specifiers sorted by their text, equal ones once, joined by commas. */
  @Override
  public String toString() {
    if (specifiers.size() == 1) {
      return specifiers.get(0).toString();
    }
    List<Specifier> sorted = new ArrayList<>(specifiers);
    sorted.sort((a, b) -> PyText.compareCodePoints(a.toString(), b.toString()));
    StringBuilder out = new StringBuilder();
    for (Specifier s : new LinkedHashSet<>(sorted)) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(s);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecifierSet s
        && new LinkedHashSet<>(specifiers).equals(new LinkedHashSet<>(s.specifiers));
  }

  @Override
  public int hashCode() {
    return new java.util.HashSet<>(specifiers).hashCode();
  }

  // ---- contains / filter ----------------------------------------------------------------

  /** {@code SpecifierSet.contains(item, prereleases)} for a version string as a user wrote it. */
  public boolean contains(String item, Boolean prereleases) {
    Version v = Version.tryParse(item);
    Candidate c = v == null || hasArbitrary ? new Candidate(item, v, item) : Candidate.of(v);
    return !filterCandidates(List.of(c), prereleases).isEmpty();
  }

  /** {@code SpecifierSet.contains(Version, prereleases)}. */
  public boolean contains(Version item, Boolean prereleases) {
    return !filterCandidates(List.of(Candidate.of(item)), prereleases).isEmpty();
  }

  /** Whether every specifier's operator accepts {@code v}, pre-release policy aside. */
  public boolean matchesIgnoringPrereleases(Version v) {
    String text = null;
    for (Specifier s : specifiers) {
      if (s.operator() == Operator.ARBITRARY) {
        text = text == null ? v.toString() : text;
        if (!s.arbitraryEquals(text)) {
          return false;
        }
      } else if (!s.operatorMatches(v, null)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code SpecifierSet.filter(versions, prereleases)}: the matching versions in their order;
   * with {@code prereleases == null}, pre-releases only if no final release matched.
   */
  public List<Version> filter(List<Version> versions, Boolean prereleases) {
    List<Candidate> items = new ArrayList<>(versions.size());
    for (Version v : versions) {
      items.add(Candidate.of(v));
    }
    List<Candidate> kept = filterCandidates(items, prereleases);
    List<Version> out = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      out.add(c.version());
    }
    return out;
  }

  private List<Candidate> filterCandidates(List<Candidate> items, Boolean prereleases) {
    if (prereleases == null) {
      prereleases = prereleases();
    }
    if (!specifiers.isEmpty()) {
      Boolean passDown = prereleases == null ? Boolean.TRUE : prereleases;
      List<Candidate> filtered = specifiers.size() == 1
          ? specifiers.get(0).filter(items, passDown)
          : filterAll(items, passDown);
      return prereleases != null ? filtered : finalsFirst(filtered);
    }
    if (Boolean.TRUE.equals(prereleases)) {
      return items;
    }
    if (Boolean.FALSE.equals(prereleases)) {
      List<Candidate> out = new ArrayList<>();
      for (Candidate c : items) {
        if (c.version() == null || !c.version().isPrerelease()) {
          out.add(c);
        }
      }
      return out;
    }
    return finalsFirst(items);
  }

  /** {@code _filter_versions}: items every specifier accepts. */
  private List<Candidate> filterAll(List<Candidate> items, boolean includePrereleases) {
    List<Candidate> out = new ArrayList<>();
    for (Candidate item : items) {
      if (item.version() == null) {
        boolean all = true;
        for (Specifier s : specifiers) {
          all &= s.operator() == Operator.ARBITRARY && s.arbitraryEquals(item.text());
        }
        if (all) {
          out.add(item);
        }
      } else if (!includePrereleases && item.version().isPrerelease()) {
        continue;
      } else {
        boolean all = true;
        for (Specifier s : specifiers) {
          if (!s.operatorMatches(item.version(), item.text())) {
            all = false;
            break;
          }
        }
        if (all) {
          out.add(item);
        }
      }
    }
    return out;
  }

  /**
   * {@code _pep440_filter_prereleases}: drop pre-releases if any final release is present;
   * non-versions always stay.
   */
  private static List<Candidate> finalsFirst(List<Candidate> items) {
    boolean anyFinal = false;
    for (Candidate c : items) {
      if (c.version() != null && !c.version().isPrerelease()) {
        anyFinal = true;
        break;
      }
    }
    if (!anyFinal) {
      return items;
    }
    List<Candidate> out = new ArrayList<>(items.size());
    for (Candidate c : items) {
      if (c.version() == null || !c.version().isPrerelease()) {
        out.add(c);
      }
    }
    return out;
  }
}
