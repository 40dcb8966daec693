package dev.pypidb.extract.sources.poetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as poetry-core 1.x models it ({@code poetry.core.constraints.version.Version}): a
 * PEP 440 version that keeps its text as written, knows how many release parts were written
 * (its precision: {@code 1.2} is not {@code 1.2.0} when poetry bumps it), and is itself a
 * constraint allowing only itself.
 *
 * <p>Ordering follows poetry-core's compare key, including its quirk that release tuples of
 * different lengths compare as tuples ({@code 1.2.0 < 1.2.0.0}).
 */
public final class PoetryVersion implements RangeConstraint {
  /** packaging's VERSION_PATTERN, which poetry-core uses to parse versions. */
  static final String VERSION_PATTERN = "v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
      + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
      + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
      + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?)"
      + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?";
  private static final Pattern FULL =
      Pattern.compile("^\\s*" + VERSION_PATTERN + "\\s*$", Pattern.CASE_INSENSITIVE);
  private static final long INF = Long.MAX_VALUE;
  private static final long NEG_INF = Long.MIN_VALUE;
  /** Longest release part poetry-core parses here; longer digit runs are rejected, not wrapped. */
  private static final int MAX_DIGITS = 18;

  /** A pre, post or dev tag: phase ("a", "b", "rc", "post", "dev") and number. */
  record Tag(String phase, long number) implements Comparable<Tag> {
    @Override
    public int compareTo(Tag o) {
      int c = phase.compareTo(o.phase);
      return c != 0 ? c : Long.compare(number, o.number);
    }
  }

  private static final Tag INF_TAG = new Tag("z", INF);
  private static final Tag NEG_INF_TAG = new Tag("", NEG_INF);

  private final int epoch;
  private final long major;
  private final Long minor;
  private final Long patch;
  private final long[] extra;
  private final Tag pre;
  private final Tag post;
  private final Tag dev;
  private final List<String> local;
  private final String text;

  PoetryVersion(int epoch, long major, Long minor, Long patch, long[] extra, Tag pre, Tag post,
      Tag dev, List<String> local, String text) {
    this.epoch = epoch;
    this.major = major;
    boolean hasExtra = extra.length > 0;
    this.minor = minor == null && hasExtra ? Long.valueOf(0) : minor;
    this.patch = patch == null && hasExtra ? Long.valueOf(0) : patch;
    this.extra = extra.clone();
    this.pre = pre;
    this.post = post;
    this.dev = dev;
    this.local = local;
    this.text = text != null && !text.isEmpty() ? text : toNormalString();
  }

  /**
   * Parses {@code value} as poetry-core does ({@code Version.parse}), keeping it as the text.
   *
   * @throws IllegalArgumentException when it is not a PEP 440 version
   */
  public static PoetryVersion parse(String value) {
    Matcher m = value == null ? null : FULL.matcher(value);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("Invalid PEP 440 version: '" + value + "'");
    }
    String[] parts = m.group("release").split("\\.");
    long[] release = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      release[i] = number(parts[i]);
    }
    Tag pre = m.group("pre") == null ? null
        : new Tag(normalizePhase(m.group("prel")), m.group("pren") == null ? 0 : number(m.group("pren")));
    Tag post = null;
    if (m.group("post") != null) {
      String n = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
      post = new Tag("post", n == null ? 0 : number(n));
    }
    Tag dev = m.group("dev") == null ? null
        : new Tag("dev", m.group("devn") == null ? 0 : number(m.group("devn")));
    List<String> local = null;
    if (m.group("local") != null) {
      local = new ArrayList<>();
      for (String s : m.group("local").split("[-_.]")) {
        local.add(s.toLowerCase(Locale.ROOT));
      }
    }
    int epoch = m.group("epoch") == null ? 0 : (int) Math.min(Integer.MAX_VALUE, number(m.group("epoch")));
    return fromRelease(epoch, release, pre, post, dev, local, value);
  }

  private static long number(String digits) {
    String d = digits.replaceFirst("^0+(?=.)", "");
    if (d.length() > MAX_DIGITS) {
      throw new IllegalArgumentException("version part '" + digits + "' has more than " + MAX_DIGITS + " digits");
    }
    return Long.parseLong(d);
  }

  private static String normalizePhase(String written) {
    String p = written.toLowerCase(Locale.ROOT);
    return switch (p) {
      case "alpha" -> "a";
      case "beta" -> "b";
      case "c", "pre", "preview" -> "rc";
      default -> p;
    };
  }

  static PoetryVersion fromRelease(int epoch, long[] release, Tag pre, Tag post, Tag dev,
      List<String> local, String text) {
    long[] extra = release.length > 3 ? Arrays.copyOfRange(release, 3, release.length) : new long[0];
    return new PoetryVersion(epoch, release[0], release.length > 1 ? release[1] : null,
        release.length > 2 ? release[2] : null, extra, pre, post, dev, local, text);
  }

  /** {@code Version.from_parts(major, minor, patch)}. */
  static PoetryVersion of(long major, Long minor, Long patch) {
    return new PoetryVersion(0, major, minor, patch, new long[0], null, null, null, null, null);
  }

  /** The text as written (or normalized, for a version poetry computed). */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  long major() {
    return major;
  }

  Long minor() {
    return minor;
  }

  Long patch() {
    return patch;
  }

  /** How many release parts there are: {@code 1.2} has 2, {@code 1.2.3.4} has 4. */
  int precision() {
    return (minor == null ? 1 : patch == null ? 2 : 3) + extra.length;
  }

  /** The release parts with unwritten minor/patch as 0: {@code [major, minor, patch, *extra]}. */
  long[] paddedRelease() {
    long[] out = new long[3 + extra.length];
    out[0] = major;
    out[1] = minor == null ? 0 : minor;
    out[2] = patch == null ? 0 : patch;
    System.arraycopy(extra, 0, out, 3, extra.length);
    return out;
  }

  long[] extra() {
    return extra.clone();
  }

  boolean isPrerelease() {
    return pre != null;
  }

  boolean isPostrelease() {
    return post != null;
  }

  boolean isDevrelease() {
    return dev != null;
  }

  boolean isLocal() {
    return local != null;
  }

  boolean isStable() {
    return pre == null && dev == null;
  }

  boolean isUnstable() {
    return !isStable();
  }

  PoetryVersion withoutLocal() {
    return new PoetryVersion(epoch, major, minor, patch, extra, pre, post, dev, null, null);
  }

  PoetryVersion withoutPostrelease() {
    return new PoetryVersion(epoch, major, minor, patch, extra, pre, null, dev, local, null);
  }

  /** The release of this version, as a version of its own. */
  PoetryVersion stable() {
    if (isStable()) {
      return this;
    }
    Tag keptPost = pre == null ? post : null;
    return new PoetryVersion(epoch, major, minor, patch, extra, null, keptPost, null, null, null);
  }

  PoetryVersion firstPrerelease() {
    return new PoetryVersion(epoch, major, minor, patch, extra, new Tag("a", 0), null, null, null, null);
  }

  private boolean incrementRequired() {
    return isStable() || (!isPrerelease() && isPostrelease());
  }

  PoetryVersion nextMajor() {
    if (incrementRequired() || compareRelease(new long[] {major, 0, 0}, releaseKey()) < 0) {
      long[] zeros = new long[extra.length];
      return new PoetryVersion(epoch, major + 1, minor != null ? Long.valueOf(0) : null,
          patch != null ? Long.valueOf(0) : null, zeros, null, null, null, null, null);
    }
    return new PoetryVersion(epoch, major, minor, patch, extra, null, null, null, null, null);
  }

  PoetryVersion nextMinor() {
    if (incrementRequired() || compareRelease(new long[] {major, minor == null ? 0 : minor, 0}, releaseKey()) < 0) {
      long[] zeros = new long[extra.length];
      return new PoetryVersion(epoch, major, minor != null ? minor + 1 : 1L,
          patch != null ? Long.valueOf(0) : null, zeros, null, null, null, null, null);
    }
    return new PoetryVersion(epoch, major, minor, patch, extra, null, null, null, null, null);
  }

  PoetryVersion nextPatch() {
    long[] key = {major, minor == null ? 0 : minor, patch == null ? 0 : patch};
    if (incrementRequired() || compareRelease(key, releaseKey()) < 0) {
      long[] zeros = new long[extra.length];
      return new PoetryVersion(epoch, major, minor != null ? minor : Long.valueOf(0),
          patch != null ? patch + 1 : 1L, zeros, null, null, null, null, null);
    }
    return new PoetryVersion(epoch, major, minor, patch, extra, null, null, null, null, null);
  }

  /** The bound of a caret range: the next version that changes the first non-zero part. */
  PoetryVersion nextBreaking() {
    if (major > 0 || minor == null) {
      return stable().nextMajor();
    }
    if (minor > 0 || patch == null) {
      return stable().nextMinor();
    }
    return stable().nextPatch();
  }

  /** Whether the releases are equal by poetry's Release compare key. */
  boolean sameRelease(PoetryVersion o) {
    return Arrays.equals(releaseKey(), o.releaseKey());
  }

  private long[] releaseKey() {
    return paddedRelease();
  }

  private static int compareRelease(long[] a, long[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = Long.compare(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** Orders as poetry-core's {@code _compare_key}. */
  int compareVersion(PoetryVersion o) {
    int c = Integer.compare(epoch, o.epoch);
    if (c != 0) {
      return c;
    }
    c = compareRelease(releaseKey(), o.releaseKey());
    if (c != 0) {
      return c;
    }
    c = preKey().compareTo(o.preKey());
    if (c != 0) {
      return c;
    }
    c = (post == null ? NEG_INF_TAG : post).compareTo(o.post == null ? NEG_INF_TAG : o.post);
    if (c != 0) {
      return c;
    }
    c = (dev == null ? INF_TAG : dev).compareTo(o.dev == null ? INF_TAG : o.dev);
    if (c != 0) {
      return c;
    }
    return compareLocal(local, o.local);
  }

  private Tag preKey() {
    if (pre == null && post == null && dev != null) {
      return NEG_INF_TAG;
    }
    return pre == null ? INF_TAG : pre;
  }

  private static int compareLocal(List<String> a, List<String> b) {
    List<String> x = a == null ? List.of() : a;
    List<String> y = b == null ? List.of() : b;
    if (a == null || b == null) {
      if (a == null && b == null) {
        return 0;
      }
      return a == null ? -1 : 1;
    }
    int n = Math.min(x.size(), y.size());
    for (int i = 0; i < n; i++) {
      String p = x.get(i);
      String q = y.get(i);
      boolean pn = p.chars().allMatch(Character::isDigit);
      boolean qn = q.chars().allMatch(Character::isDigit);
      int c;
      if (pn && qn) {
        c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
      } else if (pn != qn) {
        c = pn ? 1 : -1;
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  private String toNormalString() {
    StringBuilder out = new StringBuilder();
    if (epoch != 0) {
      out.append(epoch).append('!');
    }
    out.append(major);
    if (minor != null) {
      out.append('.').append(minor);
    }
    if (patch != null) {
      out.append('.').append(patch);
    }
    for (long e : extra) {
      out.append('.').append(e);
    }
    if (pre != null) {
      out.append(pre.phase).append(pre.number);
    }
    if (post != null) {
      out.append(".post").append(post.number);
    }
    if (dev != null) {
      out.append(".dev").append(dev.number);
    }
    if (local != null) {
      out.append('+').append(String.join(".", local));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoetryVersion v && compareVersion(v) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(epoch, Arrays.hashCode(releaseKey()), preKey(), post, dev, local);
  }

  // --- as a constraint (poetry's Version is a range of one version) ---

  @Override
  public PoetryVersion min() {
    return this;
  }

  @Override
  public PoetryVersion max() {
    return this;
  }

  @Override
  public PoetryVersion fullMax() {
    return this;
  }

  @Override
  public boolean includeMin() {
    return true;
  }

  @Override
  public boolean includeMax() {
    return true;
  }

  @Override
  public boolean isAny() {
    return false;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public boolean allows(PoetryVersion other) {
    if (other == null) {
      return false;
    }
    PoetryVersion o = !isLocal() && other.isLocal() ? other.withoutLocal() : other;
    return compareVersion(o) == 0;
  }

  @Override
  public boolean allowsAny(VersionConstraint other) {
    if (other instanceof PoetryVersion v) {
      return allows(v);
    }
    return other.allows(this);
  }

  @Override
  public VersionConstraint intersect(VersionConstraint other) {
    if (other.allows(this)) {
      return this;
    }
    if (other instanceof PoetryVersion v && allows(v)) {
      return v;
    }
    return EmptyConstraint.INSTANCE;
  }

  @Override
  public VersionConstraint union(VersionConstraint other) {
    if (other.allows(this)) {
      return other;
    }
    if (other instanceof RangeConstraint r) {
      if (allows(r.min())) {
        return new VersionRange(r.min(), r.max(), true, r.includeMax());
      }
      if (allows(r.max())) {
        return new VersionRange(r.min(), r.max(), r.includeMin(), true);
      }
    }
    return VersionUnion.of(List.of(this, other));
  }

  @Override
  public VersionConstraint difference(VersionConstraint other) {
    return other.allows(this) ? EmptyConstraint.INSTANCE : this;
  }

  @Override
  public List<RangeConstraint> flatten() {
    return List.of(this);
  }
}
