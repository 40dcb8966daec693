package dev.pypidb.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportTest {
  @TempDir
  Path dir;

  private static final byte[] BODY = "the body of a file".repeat(100).getBytes(StandardCharsets.UTF_8);
  private static final String SHA = HexFormat.of().formatHex(HttpTransport.sha256().digest(BODY));

  private HttpTransport transport(FetchStats stats, int retries, long timeoutMs) {
    return new HttpTransport(new HttpTransport.Settings("pypidb-test", Duration.ofMillis(timeoutMs),
        new RetryPolicy(retries, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(3)), 4), stats);
  }

  @Test
  void retriesServerErrorsResetsAndStallsThenVerifies() throws Exception {
    try (TestIndex index = new TestIndex()) {
      index.put("/f", BODY, "application/octet-stream");
      index.fault("/f", TestIndex.status(500, Map.of()), TestIndex.status(503, Map.of()), index.truncate("/f"),
          TestIndex.stall(3000), index.corrupt("/f"));
      FetchStats stats = new FetchStats();
      Path out = dir.resolve("f");
      HttpTransport.Reply r = transport(stats, 5, 500).get(index.uri("/f"), Map.of(),
          HttpTransport.Target.file(out, 1 << 20, SHA, (long) BODY.length));
      assertEquals(200, r.status());
      assertEquals(SHA, r.sha256());
      assertEquals(6, stats.requests());
      assertEquals(5, stats.retries());
      assertEquals(Map.of("HTTP 500", 1L, "HTTP 503", 1L, "connection", 1L, "timeout", 1L, "sha256 mismatch", 1L),
          stats.problems());
      assertTrue(java.util.Arrays.equals(BODY, Files.readAllBytes(out)));
    }
  }

  @Test
  void honoursRetryAfterOn429() throws Exception {
    try (TestIndex index = new TestIndex()) {
      index.put("/f", BODY, "application/octet-stream");
      index.fault("/f", TestIndex.status(429, Map.of("Retry-After", "1")));
      FetchStats stats = new FetchStats();
      long start = System.nanoTime();
      transport(stats, 1, 2000).get(index.uri("/f"), Map.of(), HttpTransport.Target.file(dir.resolve("f"), 1 << 20, SHA, null));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 1000, "waited " + ms + " ms, Retry-After said 1 s");
      assertEquals(Map.of("429", 1L, "200", 1L), stats.statuses());
    }
  }

  @Test
  void givesUpWithTheReasonAndNeverReturnsAMismatchedBody() throws Exception {
    try (TestIndex index = new TestIndex()) {
      index.put("/f", BODY, "application/octet-stream");
      for (int i = 0; i < 3; i++) {
        index.fault("/f", index.corrupt("/f"));
      }
      FetchFailure e = assertThrows(FetchFailure.class, () -> transport(new FetchStats(), 2, 2000).get(index.uri("/f"),
          Map.of(), HttpTransport.Target.file(dir.resolve("f"), 1 << 20, SHA, null)));
      assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains("gave up after 3 attempts"), e.getMessage());
      index.fault("/g", TestIndex.status(429, Map.of("Retry-After", "3600")));
      FetchFailure tooLong = assertThrows(FetchFailure.class, () -> transport(new FetchStats(), 2, 2000).get(index.uri("/g"),
          Map.of(), HttpTransport.Target.file(dir.resolve("g"), 1 << 20, null, null)));
      assertTrue(tooLong.getMessage().contains("exceeds the bound"), tooLong.getMessage());
    }
  }

  @Test
  void boundsBodiesAndPassesOtherStatusesThrough() throws Exception {
    try (TestIndex index = new TestIndex()) {
      index.put("/f", BODY, "application/octet-stream");
      FetchStats stats = new FetchStats();
      FetchFailure e = assertThrows(FetchFailure.class, () -> transport(stats, 3, 2000).get(index.uri("/f"), Map.of(),
          HttpTransport.Target.file(dir.resolve("f"), 100, null, null)));
      assertTrue(e.getMessage().contains("bound of 100"), e.getMessage());
      assertEquals(1, stats.requests()); // not retried
      HttpTransport.Reply missing = transport(stats, 3, 2000).get(index.uri("/nope"), Map.of(),
          HttpTransport.Target.file(dir.resolve("n"), 100, null, null));
      assertEquals(404, missing.status());
      HttpTransport.Reply range = transport(stats, 3, 2000).get(index.uri("/f"), Map.of("Range", "bytes=-10"),
          HttpTransport.Target.range(10));
      assertEquals(206, range.status());
      assertEquals(10, range.body().length);
      assertFalse(Files.exists(dir.resolve("n")) && Files.size(dir.resolve("n")) > 0);
    }
  }
}
