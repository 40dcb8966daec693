package dev.pypidb.pypa.resolver;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A small thread-safe least-recently-used cache, bounded by the total weight of its values (by
 * default each weighs 1, so by its size); values are computed outside the lock. The most
 * recently used value stays even when it alone weighs more than the bound.
 */
final class LruCache<K, V> {
  private final LinkedHashMap<K, V> map = new LinkedHashMap<>(64, 0.75f, true);
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private long weight;

  LruCache(int maxEntries) {
    this(maxEntries, v -> 1);
  }

  LruCache(long maxWeight, ToLongFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  V get(K key, Function<K, V> compute) {
    synchronized (this) {
      V v = map.get(key);
      if (v != null) {
        return v;
      }
    }
    V v = compute.apply(key);
    synchronized (this) {
      V raced = map.putIfAbsent(key, v);
      if (raced != null) {
        return raced;
      }
      weight += weigher.applyAsLong(v);
      Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
      while (weight > maxWeight && map.size() > 1) {
        Map.Entry<K, V> e = eldest.next();
        weight -= weigher.applyAsLong(e.getValue());
        eldest.remove();
      }
      return v;
    }
  }

  synchronized int size() {
    return map.size();
  }
}
