package dev.pypidb.pypa.version;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PEP 440 version: immutable, totally ordered, equal when PEP 440 says so ({@code 1.0 == 1.0.0}).
 *
 * <p>Numbers have no size limit: real releases use numbers past 2^63 (date stamps, hashes turned
 * into digits). They are held as {@code long}s when they fit, which is nearly always, and as
 * {@link BigInteger}s otherwise. Parsing follows {@code packaging.version.Version} exactly,
 * including what it accepts around the canonical form (case, {@code v} prefix, separators,
 * implicit numbers, surrounding Unicode whitespace).
 */
public final class Version implements Comparable<Version>, Serializable {
  private static final long serialVersionUID = 2L;
  static final long NONE = -1;

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

  private final long epoch;
  private final long[] release;
  private final PreKind preKind;
  private final long preNumber;
  private final long post;
  private final long dev;
  /** Local segments: {@link String} (lower case), {@link Long} or {@link BigInteger}; null when absent. */
  private final Object[] local;
  /**
   * When any number of epoch, release, pre, post or dev does not fit a long: all of them as
   * BigIntegers, in the order epoch, release..., pre, post, dev (absent parts null).
   */
  private final BigInteger[] big;

  private transient int hash;
  private transient String text;

  Version(long epoch, long[] release, PreKind preKind, long preNumber, long post, long dev,
      Object[] local, BigInteger[] big) {
    this.epoch = epoch;
    this.release = release;
    this.preKind = preKind;
    this.preNumber = preNumber;
    this.post = post;
    this.dev = dev;
    this.local = local;
    this.big = big;
  }

  /** Parses {@code text}; throws {@link InvalidVersionException} when it is not PEP 440. */
  public static Version parse(String text) {
    return VersionParser.parse(text);
  }

  /** Parses {@code text}, or returns null when it is not PEP 440. */
  public static Version tryParse(String text) {
    return VersionParser.tryParse(text);
  }

  private static BigInteger bigOf(long v) {
    return v == NONE ? null : BigInteger.valueOf(v);
  }

  public BigInteger epoch() {
    return big != null ? big[0] : BigInteger.valueOf(epoch);
  }

  /** The release segment as written (trailing zeros kept). */
  public List<BigInteger> release() {
    List<BigInteger> out = new ArrayList<>(release.length);
    for (int i = 0; i < release.length; i++) {
      out.add(releaseAt(i));
    }
    return out;
  }

  public int releaseLength() {
    return release.length;
  }

  public BigInteger releaseAt(int i) {
    return big != null ? big[1 + i] : BigInteger.valueOf(release[i]);
  }

  /** The pre-release kind, or null. */
  public PreKind preKind() {
    return preKind;
  }

  /** The pre-release number, or null when there is no pre-release. */
  public BigInteger preNumber() {
    if (preKind == null) {
      return null;
    }
    return big != null ? big[release.length + 1] : BigInteger.valueOf(preNumber);
  }

  public BigInteger post() {
    return big != null ? big[release.length + 2] : bigOf(post);
  }

  public BigInteger dev() {
    return big != null ? big[release.length + 3] : bigOf(dev);
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
    return dev != NONE || preKind != null;
  }

  public boolean isPostrelease() {
    return post != NONE;
  }

  public boolean isDevrelease() {
    return dev != NONE;
  }

  /** This version without its local label. */
  public Version publicVersion() {
    return local == null ? this : new Version(epoch, release, preKind, preNumber, post, dev, null, big);
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

  /** This version with dev = 0 and no local label ({@code _earliest_prerelease}). */
  public Version earliestPrerelease() {
    BigInteger[] b = big == null ? null : big.clone();
    if (b != null) {
      b[release.length + 3] = BigInteger.ZERO;
    }
    return new Version(epoch, release, preKind, preNumber, post, 0, null, b);
  }

  /** This version without post, dev and local ({@code _post_base}). */
  public Version postBase() {
    BigInteger[] b = big == null ? null : big.clone();
    if (b != null) {
      b[release.length + 2] = null;
      b[release.length + 3] = null;
    }
    return new Version(epoch, release, preKind, preNumber, NONE, NONE, null, b);
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
      out.append(preKind.label).append(preNumber());
    }
    if (post != NONE) {
      out.append(".post").append(post());
    }
    if (dev != NONE) {
      out.append(".dev").append(dev());
    }
    if (local != null) {
      out.append('+');
      appendLocal(out);
    }
    return out.toString();
  }

  private void appendEpochAndRelease(StringBuilder out, int releaseLength) {
    if (big != null ? big[0].signum() != 0 : epoch != 0) {
      out.append(epoch()).append('!');
    }
    for (int i = 0; i < releaseLength; i++) {
      if (i > 0) {
        out.append('.');
      }
      if (big != null) {
        out.append(big[1 + i]);
      } else {
        out.append(release[i]);
      }
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
    if (big != null) {
      while (n > 1 && big[n].signum() == 0) {
        n--;
      }
    } else {
      while (n > 1 && release[n - 1] == 0) {
        n--;
      }
    }
    return n;
  }

  // PEP 440 order, the same key as packaging's _cmpkey: epoch, release without trailing
  // zeros, then (pre rank, pre n, post rank, post n, dev rank, dev n), then local segments.

  private int preRank() {
    if (preKind == null) {
      return post == NONE && dev != NONE ? -1 : 3;
    }
    return preKind.ordinal();
  }

  @Override
  public int compareTo(Version o) {
    if (big != null || o.big != null) {
      return compareBig(o);
    }
    int c = Long.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    int n = trimmedLength();
    int m = o.trimmedLength();
    for (int i = 0; i < Math.min(n, m); i++) {
      c = Long.compare(release[i], o.release[i]);
      if (c != 0) {
        return c;
      }
    }
    if (n != m) {
      return Integer.compare(n, m);
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    c = Long.compare(preKind == null ? 0 : preNumber, o.preKind == null ? 0 : o.preNumber);
    if (c != 0) {
      return c;
    }
    c = Long.compare(post, o.post);  // NONE (-1) sorts before every post number
    if (c != 0) {
      return c;
    }
    c = Boolean.compare(dev == NONE, o.dev == NONE);
    if (c != 0) {
      return c;
    }
    c = Long.compare(dev, o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /** Numbers as BigIntegers: epoch, release (trimmed), pre n, post, dev; absent as null. */
  private BigInteger[] numbers() {
    int n = trimmedLength();
    BigInteger[] out = new BigInteger[n + 4];
    out[0] = epoch();
    for (int i = 0; i < n; i++) {
      out[1 + i] = releaseAt(i);
    }
    out[n + 1] = preKind == null ? BigInteger.ZERO : preNumber();
    out[n + 2] = post();
    out[n + 3] = dev();
    return out;
  }

  private int compareBig(Version o) {
    BigInteger[] a = numbers();
    BigInteger[] b = o.numbers();
    int c = a[0].compareTo(b[0]);
    if (c != 0) {
      return c;
    }
    int n = a.length - 4;
    int m = b.length - 4;
    for (int i = 0; i < Math.min(n, m); i++) {
      c = a[1 + i].compareTo(b[1 + i]);
      if (c != 0) {
        return c;
      }
    }
    if (n != m) {
      return Integer.compare(n, m);
    }
    c = Integer.compare(preRank(), o.preRank());
    if (c != 0) {
      return c;
    }
    c = a[n + 1].compareTo(b[n + 1]);
    if (c != 0) {
      return c;
    }
    c = compareOptional(a[n + 2], b[n + 2], false);
    if (c != 0) {
      return c;
    }
    c = compareOptional(a[n + 3], b[n + 3], true);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  /** Absent sorts first, or last when {@code absentLast} (a dev segment lowers a version). */
  private static int compareOptional(BigInteger a, BigInteger b, boolean absentLast) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null) == absentLast ? 1 : -1;
    }
    return a.compareTo(b);
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
      if (x instanceof String sx) {
        c = y instanceof String sy ? sx.compareTo(sy) : -1;
      } else if (y instanceof String) {
        c = 1;
      } else if (x instanceof Long lx && y instanceof Long ly) {
        c = Long.compare(lx, ly);
      } else {
        c = toBig(x).compareTo(toBig(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static BigInteger toBig(Object n) {
    return n instanceof BigInteger b ? b : BigInteger.valueOf((Long) n);
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof Version v && compareTo(v) == 0);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      BigInteger[] nums = numbers();
      h = Arrays.hashCode(nums) * 31 + preRank();
      if (local != null) {
        for (Object seg : local) {
          h = 31 * h + (seg instanceof String s ? s.hashCode() : toBig(seg).hashCode());
        }
      }
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }
}
