package dev.pypidb.pipelines.update;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ChangeFeedTest {
  @Test
  public void readsEveryShapePypiHandsOut() {
    Map<String, Long> feed = ChangeFeed.parse(List.of(
        "# changelog_since_serial rows, then other shapes",
        "[\"Requests\", \"2.32.0\", 1700000000, \"new release\", 20001]",
        "[\"Django_Rest\", 20005]",
        "{\"project\": \"numpy\", \"serial\": 20010}",
        "{\"name\": \"zope.interface\", \"_last-serial\": 19000}",
        "",
        "six 20020",
        "attrs",
        "[\"requests\", 19999]"), "feed.txt");
    assertEquals(Map.of("requests", 20001L, "django-rest", 20005L, "numpy", 20010L,
        "zope-interface", 19000L, "six", 20020L, "attrs", -1L), feed);
  }

  @Test
  public void aMalformedLineIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChangeFeed.parse(List.of("six 1", "{\"serial\": 3}"), "feed.txt"));
    assertTrue(e.getMessage(), e.getMessage().startsWith("feed.txt line 2: expected"));
    e = assertThrows(IllegalArgumentException.class, () -> ChangeFeed.parse(List.of("six one"), "f"));
    assertEquals("f line 1: the serial must be an integer, got one", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ChangeFeed.parse(List.of("[\"-bad-\", 1]"), "f"));
    assertEquals("f line 1: -bad- is not a valid project name", e.getMessage());
  }

  @Test
  public void reasonsFollowTheFingerprints() {
    assertEquals(DetectChanges.ADDED, DetectChanges.reason("f1", null, false));
    assertEquals(DetectChanges.REMOVED, DetectChanges.reason(null, "f1 0", false));
    assertEquals(DetectChanges.CHANGED_RECORDS, DetectChanges.reason("f2", "f1 0", true));
    assertEquals(DetectChanges.FEED, DetectChanges.reason("f1", "f1 0", true));
    assertEquals(DetectChanges.DEAD_LETTERS, DetectChanges.reason("f1", "f1 2", false));
    assertEquals(DetectChanges.UNCHANGED, DetectChanges.reason("f1", "f1 0", false));
    assertEquals(DetectChanges.UNCHANGED, DetectChanges.reason(null, null, true));
  }
}
