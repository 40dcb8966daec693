package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.RawRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, for records that describe the same thing (one file, one release, one sdist build),
 * which are merged and which are dead letters. Records must arrive in priority order.
 *
 * <ul>
 *   <li>the first record claims the key;
 *   <li>a second record from the same input is a duplicate;
 *   <li>a record in a format already seen from another input merges when it agrees with it
 *       (every field both give is equal; one may know more, as a PyPI release document knows a
 *       yank state its project document does not), and otherwise conflicts (the first is kept);
 *   <li>a record in another format merges: formats complement each other.
 * </ul>
 */
final class RecordMerger<K> {
  private final Map<K, List<RawRecord>> claims = new LinkedHashMap<>();

  /** Returns null when {@code r} is accepted for {@code key}, else its dead letter. */
  DeadLetter offer(K key, RawRecord r, String what) {
    List<RawRecord> accepted = claims.get(key);
    if (accepted == null) {
      accepted = new ArrayList<>(2);
      accepted.add(r);
      claims.put(key, accepted);
      return null;
    }
    RawRecord sameFormat = null;
    for (RawRecord a : accepted) {
      if (a.input().equals(r.input())) {
        String how = a.digest().equals(r.digest()) ? "duplicate of" : "second record for the same " + what + " as";
        return new DeadLetter(r.input(), r.position(), DeadLetter.MERGE,
            how + " position " + a.position() + " of the same input (" + what + " " + key + "); kept the first",
            r.describe());
      }
      if (a.format() == r.format() && sameFormat == null) {
        sameFormat = a;
      }
    }
    if (sameFormat != null) {
      for (RawRecord a : accepted) {
        if (a.format() == r.format() && agree(a, r)) {
          accepted.add(r);
          return null;
        }
      }
      return new DeadLetter(r.input(), r.position(), DeadLetter.MERGE,
          "conflicts with " + sameFormat.input() + " position " + sameFormat.position()
              + " (same format, different content for " + what + " " + key + "); kept that one",
          r.describe());
    }
    accepted.add(r);
    return null;
  }

  /** Whether two records never give different values for the same field. */
  static boolean agree(RawRecord a, RawRecord b) {
    return a.digest().equals(b.digest())
        || (same(a.version(), b.version()) && same(a.filename(), b.filename())
            && same(a.packagetype(), b.packagetype()) && same(a.pythonVersion(), b.pythonVersion())
            && same(a.size(), b.size()) && same(a.sha256(), b.sha256())
            && same(a.uploadTimeMicros(), b.uploadTimeMicros()) && same(a.requiresPython(), b.requiresPython())
            && same(a.yanked(), b.yanked()) && same(a.yankedReason(), b.yankedReason())
            && same(a.requiresDist(), b.requiresDist()) && same(a.providesExtra(), b.providesExtra())
            && same(a.sdistBuilds(), b.sdistBuilds()));
  }

  private static boolean same(Object x, Object y) {
    return x == null || y == null || x.equals(y);
  }

  /** The accepted records per key, keys in first-claimed order, records in priority order. */
  Map<K, List<RawRecord>> accepted() {
    return claims;
  }
}
