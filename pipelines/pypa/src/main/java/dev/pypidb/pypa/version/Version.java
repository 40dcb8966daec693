package dev.pypidb.pypa.version;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A PEP 440 version: immutable, totally ordered, equal when PEP 440 says so ({@code 1.0 == 1.0.0}).
 *
 * <p>Numbers are {@link BigInteger}s because real releases use numbers past 2^63 (date stamps,
 * hashes turned into digits). Parsing follows {@code packaging.version.Version} exactly,
 * including what it accepts around the canonical form (case, {@code v} prefix, separators,
 * implicit numbers, surrounding Unicode whitespace).
 */
public final class Version implements Comparable<Version>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The pre-release kinds in order. */
  public enum PreKind {
    A("a"),
    B("b"),
    RC("rc");

    private final String label;

    PreKind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final BigInteger epoch;
  private final BigInteger[] release;
  private final PreKind preKind;
  private final BigInteger preNumber;
  private final BigInteger post;
  private final BigInteger dev;
  /** Local segments: {@link String} (lower case) or {@link BigInteger}; null when absent. */
  private final Object[] local;

  private transient int hash;
  private transient String text;

  Version(
      BigInteger epoch,
      BigInteger[] release,
      PreKind preKind,
      BigInteger preNumber,
      BigInteger post,
      BigInteger dev,
      Object[] local) {
    this.epoch = epoch;
    this.release = release;
    this.preKind = preKind;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  /** Parses {@code text}; throws {@link InvalidVersionException} when it is not PEP 440. */
  public static Version parse(String text) {
    return VersionParser.parse(text);
  }

  /** Parses {@code text}, or returns null when it is not PEP 440. */
  public static Version tryParse(String text) {
    return VersionParser.tryParse(text);
  }

  public BigInteger epoch() {
    return epoch;
  }

  /** The release segment as written (trailing zeros kept). */
  public List<BigInteger> release() {
    return List.of(release);
  }

  public int releaseLength() {
    return release.length;
  }

  public BigInteger releaseAt(int i) {
    return release[i];
  }

  /** The pre-release kind, or null. */
  public PreKind preKind() {
    return preKind;
  }

  /** The pre-release number, or null when there is no pre-release. */
  public BigInteger preNumber() {
    return preNumber;
  }

  public BigInteger post() {
    return post;
  }

  public BigInteger dev() {
    return dev;
  }

  /** The local label in normalized form ({@code ubuntu.1}), or null. */
  public String local() {
    if (local == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    appendLocal(out);
    return out.toString();
  }

  public boolean hasLocal() {
    return local != null;
  }

  public boolean isPrerelease() {
    return dev != null || preKind != null;
  }

  public boolean isPostrelease() {
    return post != null;
  }

  public boolean isDevrelease() {
    return dev != null;
  }

  /** This version without its local label. */
  public Version publicVersion() {
    return local == null ? this : new Version(epoch, release, preKind, preNumber, post, dev, null);
  }

  /** The normalized public part as a string ({@code 1!1.2.3.dev1}). */
  public String publicText() {
    return publicVersion().toString();
  }

  /** Epoch and release only ({@code 1!1.2.3}). */
  public String baseVersion() {
    StringBuilder out = new StringBuilder();
    appendEpochAndRelease(out, release.length);
    return out.toString();
  }

  /** Same version with other parts; {@code null} clears a part. Used by specifier logic. */
  Version with(PreKind newPreKind, BigInteger newPreNumber, BigInteger newPost, BigInteger newDev,
      Object[] newLocal) {
    return new Version(epoch, release, newPreKind, newPreNumber, newPost, newDev, newLocal);
  }

  /** This version with dev = 0 and no local label ({@code _earliest_prerelease}). */
  public Version earliestPrerelease() {
    return with(preKind, preNumber, post, BigInteger.ZERO, null);
  }

  /** This version without post, dev and local ({@code _post_base}). */
  public Version postBase() {
    return with(preKind, preNumber, null, null, null);
  }

  /** The normalized text; {@code Version.parse(v.toString()).equals(v)}. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = format(release.length);
      text = t;
    }
    return t;
  }

  /** Normalized text with trailing zeros of the release dropped (PEP 625 {@code 1.0.0 -> 1}). */
  public String toStringTrimmed() {
    return format(trimmedLength());
  }

  private String format(int releaseLength) {
    StringBuilder out = new StringBuilder(16);
    appendEpochAndRelease(out, releaseLength);
    if (preKind != null) {
      out.append(preKind.label).append(preNumber);
    }
    if (post != null) {
      out.append(".post").append(post);
    }
    if (dev != null) {
      out.append(".dev").append(dev);
    }
    if (local != null) {
      out.append('+');
      appendLocal(out);
    }
    return out.toString();
  }

  private void appendEpochAndRelease(StringBuilder out, int releaseLength) {
    if (epoch.signum() != 0) {
      out.append(epoch).append('!');
    }
    for (int i = 0; i < releaseLength; i++) {
      if (i > 0) {
        out.append('.');
      }
      out.append(release[i]);
    }
  }

  private void appendLocal(StringBuilder out) {
    for (int i = 0; i < local.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      out.append(local[i]);
    }
  }

  /** Release length without trailing zeros, at least 1. */
  private int trimmedLength() {
    int n = release.length;
    while (n > 1 && release[n - 1].signum() == 0) {
      n--;
    }
    return n;
  }

  // PEP 440 order, the same key as packaging's _cmpkey: epoch, release without trailing
  // zeros, then (pre rank, pre n, post rank, post n, dev rank, dev n), then local segments.

  private int preRank() {
    if (preKind == null) {
      return post == null && dev != null ? -1 : 3;
    }
    return preKind.ordinal();
  }

  @Override
  public int compareTo(Version o) {
    int c = epoch.compareTo(o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(o);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    c = compareOptional(preNumber, o.preNumber);
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(post != null, o.post != null);
    if (c != 0) {
      return c;
    }
    c = compareOptional(post, o.post);
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(dev == null, o.dev == null);
    if (c != 0) {
      return c;
    }
    c = compareOptional(dev, o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  private int compareRelease(Version o) {
    int n = trimmedLength();
    int m = o.trimmedLength();
    for (int i = 0; i < Math.min(n, m); i++) {
      int c = release[i].compareTo(o.release[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(n, m);
  }

  /** Absent numbers count as 0, as in the comparison key. */
  private static int compareOptional(BigInteger a, BigInteger b) {
    return (a == null ? BigInteger.ZERO : a).compareTo(b == null ? BigInteger.ZERO : b);
  }

  /** Strings sort before numbers; numbers numerically; a shorter prefix first. */
  private static int compareLocal(Object[] a, Object[] b) {
    if (a == null || b == null) {
      return Boolean.compare(a != null, b != null);
    }
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      Object x = a[i];
      Object y = b[i];
      int c;
      if (x instanceof BigInteger bx && y instanceof BigInteger by) {
        c = bx.compareTo(by);
      } else if (x instanceof String sx && y instanceof String sy) {
        c = sx.compareTo(sy);
      } else {
        c = x instanceof String ? -1 : 1;
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof Version v && compareTo(v) == 0);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(epoch, preRank(), preNumber, post, dev);
      h = 31 * h + Arrays.hashCode(Arrays.copyOf(release, trimmedLength()));
      h = 31 * h + Arrays.hashCode(local);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  Object[] localSegments() {
    return local;
  }
}
