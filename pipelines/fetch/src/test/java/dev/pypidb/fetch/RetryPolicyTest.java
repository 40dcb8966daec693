package dev.pypidb.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMinutes(5));

  @Test
  void backoffDoublesWithJitterInItsUpperHalfAndStopsAtTheMaximum() {
    SplittableRandom random = new SplittableRandom(1);
    long[] ceilings = {500, 1000, 2000, 4000, 4000, 4000};
    for (int attempt = 1; attempt <= ceilings.length; attempt++) {
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 0; i < 2000; i++) {
        long d = policy.backoff(attempt, random).toMillis();
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      long c = ceilings[attempt - 1];
      assertTrue(min >= c / 2 && max <= c, attempt + ": " + min + ".." + max);
      assertTrue(max - min > c / 4, "jittered: " + min + ".." + max);
    }
  }

  @Test
  void retriesServerErrorsTimeoutsAndRateLimitsOnly() {
    for (int s : new int[] {408, 429, 500, 502, 503, 504, 599}) {
      assertTrue(RetryPolicy.retryable(s), "" + s);
    }
    for (int s : new int[] {200, 304, 400, 401, 403, 404, 410, 416}) {
      assertFalse(RetryPolicy.retryable(s), "" + s);
    }
  }

  @Test
  void parsesRetryAfterSecondsAndDates() {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryPolicy.parseRetryAfter(" 120 ", now));
    assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now));
    assertEquals(Optional.of(Duration.ZERO), RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("-1", now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(null, now));
  }
}
