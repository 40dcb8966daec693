package dev.pypidb.pipelines.normalize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * A project's fingerprint: the sum, modulo 2^128, of its records' 128-bit digests, and their
 * count. A sum does not depend on the order records arrive in or on how they were split among
 * workers, so a pipeline can fingerprint every project with a combiner, shuffling one small
 * value per project and bundle instead of every digest. Equal fingerprints mean equal
 * multisets of records (up to 128-bit collisions).
 */
public final class Fingerprint {
  private long high;
  private long low;
  private long count;

  /** Adds one record's digest (32 hex digits). */
  public Fingerprint add(String digestHex) {
    if (digestHex.length() != 32) {
      throw new IllegalArgumentException("a record digest has 32 hex digits, got " + digestHex);
    }
    long h = Long.parseUnsignedLong(digestHex.substring(0, 16), 16);
    long l = Long.parseUnsignedLong(digestHex.substring(16), 16);
    add(h, l, 1);
    return this;
  }

  private void add(long h, long l, long n) {
    long sum = low + l;
    high += h + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
    count += n;
  }

  public Fingerprint merge(Fingerprint other) {
    add(other.high, other.low, other.count);
    return this;
  }

  /** {@code <32 hex digits>-<record count>}. */
  @Override
  public String toString() {
    return String.format("%016x%016x-%d", high, low, count);
  }

  /** Fingerprints digests per key. */
  public static final class CombineFn extends Combine.CombineFn<String, Fingerprint, String> {
    @Override
    public Fingerprint createAccumulator() {
      return new Fingerprint();
    }

    @Override
    public Fingerprint addInput(Fingerprint acc, String digest) {
      return acc.add(digest);
    }

    @Override
    public Fingerprint mergeAccumulators(Iterable<Fingerprint> accs) {
      Fingerprint out = new Fingerprint();
      accs.forEach(out::merge);
      return out;
    }

    @Override
    public String extractOutput(Fingerprint acc) {
      return acc.toString();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Fingerprint> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<String> input) {
      return new Coder();
    }
  }

  /** The accumulator's coder: three longs. */
  static final class Coder extends AtomicCoder<Fingerprint> {
    @Override
    public void encode(Fingerprint f, OutputStream out) throws IOException {
      VarLongCoder.of().encode(f.high, out);
      VarLongCoder.of().encode(f.low, out);
      VarLongCoder.of().encode(f.count, out);
    }

    @Override
    public Fingerprint decode(InputStream in) throws IOException {
      Fingerprint f = new Fingerprint();
      f.high = VarLongCoder.of().decode(in);
      f.low = VarLongCoder.of().decode(in);
      f.count = VarLongCoder.of().decode(in);
      return f;
    }
  }
}
