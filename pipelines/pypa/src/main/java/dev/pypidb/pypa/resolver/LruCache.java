package dev.pypidb.pypa.resolver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small thread-safe least-recently-used cache; values are computed outside the lock. */
final class LruCache<K, V> {
  private final LinkedHashMap<K, V> map;

  LruCache(int maxEntries) {
    this.map = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
      }
    };
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
      return raced != null ? raced : v;
    }
  }

  synchronized int size() {
    return map.size();
  }
}
