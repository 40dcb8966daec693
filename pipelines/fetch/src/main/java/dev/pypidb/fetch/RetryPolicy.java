package dev.pypidb.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a request again and how long to wait first, as pip, uv and bandersnatch do:
 * exponential backoff with jitter after a 5xx answer, a timeout or a dropped connection; the
 * server's {@code Retry-After} after a 429 or 503 (bounded).
 *
 * @param retries how many times a request is tried again after its first attempt
 * @param base the wait before the first retry; each further retry doubles it
 * @param max the longest backoff wait
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the request
 */
public record RetryPolicy(int retries, Duration base, Duration max, Duration maxRetryAfter) {
  /** 5 retries, 0.5 s doubling up to 30 s, Retry-After up to 5 minutes. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
      Duration.ofMinutes(5));

  public RetryPolicy {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }
  }

  /** Statuses worth another try: request timeout, too many requests, and server errors. */
  public static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500 && status <= 599;
  }

  /**
   * The wait before retry number {@code attempt} (1-based): {@code base * 2^(attempt-1)}, at
   * most {@code max}, drawn uniformly from its upper half so that clients do not retry in step.
   */
  public Duration backoff(int attempt, RandomGenerator random) {
    long ceiling = base.toMillis();
    for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + (ceiling - half == 0 ? 0 : random.nextLong(ceiling - half + 1)));
  }

  /** A {@code Retry-After} value: delta-seconds or an HTTP-date; empty when it is neither. */
  public static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
