package dev.pypidb.pypa.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LruCacheTest {
  @Test
  void evictsTheLeastRecentlyUsedUntilTheWeightFits() {
    List<String> computed = new ArrayList<>();
    LruCache<String, String> c = new LruCache<>(10, v -> v.length());
    c.get("a", k -> { computed.add(k); return "aaaa"; });      // 4
    c.get("b", k -> { computed.add(k); return "bbbb"; });      // 8
    c.get("a", k -> { computed.add(k); return "never"; });     // hit: a is now the most recent
    c.get("c", k -> { computed.add(k); return "cccc"; });      // 12 > 10: b goes
    assertEquals(2, c.size());
    assertEquals("aaaa", c.get("a", k -> "recomputed"));
    assertEquals("recomputed b", c.get("b", k -> "recomputed b")); // b was evicted
    assertEquals(List.of("a", "b", "c"), computed);
  }

  @Test
  void aValueHeavierThanTheBoundStaysAlone() {
    LruCache<String, String> c = new LruCache<>(3, v -> v.length());
    c.get("x", k -> "x");
    c.get("big", k -> "bigger than three");
    assertEquals(1, c.size());
    assertEquals("bigger than three", c.get("big", k -> "other"));
  }
}
