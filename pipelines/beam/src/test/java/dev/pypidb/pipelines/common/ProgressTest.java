package dev.pypidb.pipelines.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The progress line: done of total, percent, time left, and totals that become known later. */
public class ProgressTest {
  @Test
  public void showsDoneOfTotalPercentAndTimeLeft() throws Exception {
    Progress.start("test");
    Progress.plan("read", 4_000_000, "bytes");
    Progress.planAfter("parse", "lines", "lines read", "read");
    assertEquals("read waiting (4.00 MB)", Progress.line(System.nanoTime()));

    Progress.add("read", 1_000_000);
    Progress.tally("lines read", 500);
    long later = System.nanoTime() + 10_000_000_000L; // 10 s for a quarter: 30 s left
    String line = Progress.line(later);
    assertTrue(line, line.startsWith("read 1.00 MB of 4.00 MB (25 %, 0:3"));
    assertTrue(line, line.endsWith("left)"));

    // parse has counted, but its total is unknown until read is done
    Progress.add("parse", 200);
    assertTrue(Progress.line(later), Progress.line(later).endsWith(" | parse 200 lines"));

    Progress.add("read", 3_000_000);
    Progress.tally("lines read", 300);
    // within 3 s of its first count a stage's rate is too noisy to estimate the time left
    assertEquals("read 4.00 MB, done | parse 200 of 800 lines (25 %)", Progress.line(System.nanoTime()));
    assertEquals("read 4.00 MB, parse 200 lines", Progress.snapshot());
    assertEquals("read 4.00 MB", Progress.plannedTotals());
  }

  @Test
  public void stagesWithNothingToDoAndHiddenCountersAreLeftOut() {
    Progress.start("test");
    Progress.plan("read", 100, "bytes");
    Progress.planAfter("parse", "lines", "lines read", "read");
    Progress.plan("export", 0, "projects");
    Progress.add("read", 100);
    Progress.tally("write files rows", 7);
    assertEquals("read 100 B, done", Progress.line(System.nanoTime())); // no line input: parse has 0 to do
    Progress.add("resolve", 3);
    assertEquals("read 100 B, done | resolve 3", Progress.line(System.nanoTime()));
    assertEquals(7, Progress.value("write files rows"));
  }

  @Test
  public void startForgetsThePreviousRun() {
    Progress.start("one");
    Progress.add("normalize", 5);
    Progress.start("two");
    assertEquals("", Progress.line(System.nanoTime()));
    assertEquals(0, Progress.value("normalize"));
  }

  @Test
  public void formatsSizesAndClocks() {
    assertEquals("999 B", Progress.bytes(999));
    assertEquals("14.7 MB", Progress.bytes(14_716_117));
    assertEquals("1.21 GB", Progress.bytes(1_210_000_000));
    assertEquals("0:05", Progress.clock(5));
    assertEquals("2:05", Progress.clock(125));
    assertEquals("1:02:05", Progress.clock(3725));
  }
}
