package dev.pypidb.pipelines.read;

import java.nio.charset.StandardCharsets;

/** Helpers for keeping raw input text in dead letters. */
public final class RawText {
  /** Dead letters keep at most this much of a record (CONTRACT §4). */
  public static final int RAW_LIMIT_BYTES = 4096;

  private RawText() {}

  /** The longest prefix of {@code s} whose UTF-8 encoding fits in 4 KiB. */
  public static String first4k(String s) {
    if (s.length() * 3 <= RAW_LIMIT_BYTES) {
      return s;
    }
    int bytes = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (bytes + n > RAW_LIMIT_BYTES) {
        return s.substring(0, i);
      }
      bytes += n;
      i += Character.charCount(c);
    }
    return s;
  }

  /** Bytes shown as text; invalid UTF-8 sequences become U+FFFD. */
  public static String lenient(byte[] bytes, int offset, int length) {
    int n = Math.min(length, RAW_LIMIT_BYTES);
    return first4k(new String(bytes, offset, n, StandardCharsets.UTF_8));
  }
}
