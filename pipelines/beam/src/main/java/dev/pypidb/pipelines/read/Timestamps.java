package dev.pypidb.pipelines.read;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/** Parses the timestamp spellings PyPI data uses into microseconds since the epoch (UTC). */
public final class Timestamps {
  private static final DateTimeFormatter LOCAL = new java.time.format.DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd")
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private Timestamps() {}

  /**
   * Accepts BigQuery's {@code 2023-05-22 15:12:44.123456 UTC}, ISO-8601 with {@code Z} or an
   * offset, and naive ISO times (taken as UTC, as PyPI's {@code upload_time} is).
   *
   * @throws DateTimeParseException when none of these fits
   */
  public static long parseMicros(String text) {
    String t = text.strip();
    if (t.endsWith(" UTC")) {
      t = t.substring(0, t.length() - 4);
    }
    if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
      try {
        return micros(OffsetDateTime.parse(t.replace(' ', 'T')).toInstant());
      } catch (DateTimeParseException e) {
        if (!t.endsWith("Z")) {
          throw e;
        }
        t = t.substring(0, t.length() - 1);
      }
    }
    return micros(LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC));
  }

  private static long micros(Instant i) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, i);
  }
}
