package dev.pypidb.pypa.requirements;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.parsing.ParserSyntaxException;
import dev.pypidb.pypa.specifiers.InvalidSpecifierException;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import dev.pypidb.pypa.text.PyStringLiteral;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A PEP 508 dependency specifier: {@code name[extras] specifier ; marker} or
 * {@code name[extras] @ url ; marker}. Also accepts the legacy {@code name (>=1.0)} form found in
 * old Requires-Dist. Mirrors {@code packaging.requirements.Requirement}.
 */
public final class Requirement implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<String> extras;
  private final SpecifierSet specifier;
  private final String url;
  private final Marker marker;

  Requirement(String name, List<String> extras, SpecifierSet specifier, String url, Marker marker) {
    this.name = name;
    this.extras = extras;
    this.specifier = specifier;
    this.url = url;
    this.marker = marker;
  }

  /** Parses {@code text}; throws {@link InvalidRequirementException} with packaging's message. */
  public static Requirement parse(String text) {
    try {
      return RequirementParser.parse(text);
    } catch (ParserSyntaxException | InvalidSpecifierException | PyStringLiteral.InvalidLiteralException e) {
      throw new InvalidRequirementException(e.getMessage(), e);
    }
  }

  /** The project name as written. */
  public String name() {
    return name;
  }

  /** The PEP 503 canonical project name. */
  public String canonicalName() {
    return ProjectNames.canonicalize(name);
  }

  /** The extras as written, each once, sorted (as packaging prints them). */
  public List<String> extras() {
    return extras;
  }

  public SpecifierSet specifier() {
    return specifier;
  }

  /** The direct URL, or null. */
  public String url() {
    return url;
  }

  /** The marker, or null. */
  public Marker marker() {
    return marker;
  }

  /** packaging's normalized form: {@code name[a,b]spec @ url ; marker} without extra spaces. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name);
    if (!extras.isEmpty()) {
      out.append('[').append(String.join(",", extras)).append(']');
    }
    if (!specifier.isEmpty()) {
      out.append(specifier);
    }
    if (url != null) {
      out.append(" @ ").append(url);
      if (marker != null) {
        out.append(' ');
      }
    }
    if (marker != null) {
      out.append("; ").append(marker);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Requirement r
        && canonicalName().equals(r.canonicalName())
        && extras.equals(r.extras)
        && specifier.equals(r.specifier)
        && Objects.equals(url, r.url)
        && Objects.equals(marker, r.marker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(canonicalName(), extras, specifier, url, marker);
  }

  /** Sorted, de-duplicated extras (Python sorts str by code point). */
  static List<String> sortedExtras(List<String> written) {
    Set<String> unique = new LinkedHashSet<>(written);
    List<String> out = new ArrayList<>(unique);
    out.sort(dev.pypidb.pypa.text.PyText::compareCodePoints);
    return List.copyOf(out);
  }
}
