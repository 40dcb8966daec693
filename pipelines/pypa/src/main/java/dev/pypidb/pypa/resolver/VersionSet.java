package dev.pypidb.pypa.resolver;

import java.util.Arrays;

/**
 * An immutable set of versions of one project, as a bitset over the project's sorted version
 * list (its "universe", {@code size} versions). Complement, union and intersection are exact.
 */
final class VersionSet {
  final int size;
  private final long[] words;
  private int hash;

  private VersionSet(int size, long[] words) {
    this.size = size;
    this.words = words;
  }

  private static int wordCount(int size) {
    return (size + 63) >>> 6;
  }

  static VersionSet empty(int size) {
    return new VersionSet(size, new long[wordCount(size)]);
  }

  static VersionSet full(int size) {
    long[] w = new long[wordCount(size)];
    Arrays.fill(w, -1L);
    return new VersionSet(size, trim(size, w));
  }

  static VersionSet single(int size, int index) {
    return range(size, index, index);
  }

  /** Indices {@code from..to}, both inclusive. */
  static VersionSet range(int size, int from, int to) {
    long[] w = new long[wordCount(size)];
    for (int i = from; i <= to; i++) {
      w[i >>> 6] |= 1L << i;
    }
    return new VersionSet(size, w);
  }

  /** A set built by the caller through {@link Builder}. */
  static Builder builder(int size) {
    return new Builder(size);
  }

  private static long[] trim(int size, long[] w) {
    int rem = size & 63;
    if (rem != 0 && w.length > 0) {
      w[w.length - 1] &= (1L << rem) - 1;
    }
    return w;
  }

  boolean contains(int i) {
    return (words[i >>> 6] & (1L << i)) != 0;
  }

  boolean isEmpty() {
    for (long x : words) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  boolean isFull() {
    return cardinality() == size;
  }

  int cardinality() {
    int n = 0;
    for (long x : words) {
      n += Long.bitCount(x);
    }
    return n;
  }

  /** The highest index in the set, or -1. */
  int highest() {
    for (int i = words.length - 1; i >= 0; i--) {
      if (words[i] != 0) {
        return (i << 6) + 63 - Long.numberOfLeadingZeros(words[i]);
      }
    }
    return -1;
  }

  /** The lowest index {@code >= from} in the set, or -1. */
  int next(int from) {
    if (from >= size) {
      return -1;
    }
    int wi = from >>> 6;
    long w = words[wi] & (-1L << from);
    while (true) {
      if (w != 0) {
        return (wi << 6) + Long.numberOfTrailingZeros(w);
      }
      if (++wi == words.length) {
        return -1;
      }
      w = words[wi];
    }
  }

  VersionSet and(VersionSet o) {
    long[] w = new long[words.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = words[i] & o.words[i];
    }
    return new VersionSet(size, w);
  }

  VersionSet or(VersionSet o) {
    long[] w = new long[words.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = words[i] | o.words[i];
    }
    return new VersionSet(size, w);
  }

  VersionSet minus(VersionSet o) {
    long[] w = new long[words.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = words[i] & ~o.words[i];
    }
    return new VersionSet(size, w);
  }

  VersionSet complement() {
    long[] w = new long[words.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = ~words[i];
    }
    return new VersionSet(size, trim(size, w));
  }

  boolean subsetOf(VersionSet o) {
    for (int i = 0; i < words.length; i++) {
      if ((words[i] & ~o.words[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  boolean disjoint(VersionSet o) {
    for (int i = 0; i < words.length; i++) {
      if ((words[i] & o.words[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionSet s && s.size == size && Arrays.equals(s.words, words);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(words) + size;
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    for (int i = next(0); i >= 0; i = next(i + 1)) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(i);
    }
    return out.append("}/").append(size).toString();
  }

  /** Mutable accumulation of indices, frozen by {@link #build()}. */
  static final class Builder {
    private final int size;
    private long[] words;

    private Builder(int size) {
      this.size = size;
      this.words = new long[wordCount(size)];
    }

    Builder add(int i) {
      words[i >>> 6] |= 1L << i;
      return this;
    }

    VersionSet build() {
      long[] w = words;
      words = null;
      return new VersionSet(size, w);
    }
  }
}
