package dev.pypidb.extract.archive;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The format of a file's content as its first bytes show it, whatever its name says. Only
 * {@link #GZIP}, {@link #BZIP2}, {@link #XZ}, {@link #TAR} and {@link #ZIP} can be read; the
 * others are recognised so that a wrong file gets a precise reason.
 */
public enum ArchiveFormat {
  GZIP("a gzip stream"),
  BZIP2("a bzip2 stream"),
  XZ("an xz stream"),
  TAR("an uncompressed tar archive"),
  ZIP("a zip archive"),
  ZSTD("a zstandard stream"),
  SEVEN_ZIP("a 7z archive"),
  RAR("a rar archive"),
  UNIX_COMPRESS("a Unix compress (.Z) stream"),
  HTML("an HTML page"),
  EMPTY("an empty file"),
  TEXT("text"),
  UNKNOWN("not a recognised archive format");

  /** How many leading bytes {@link #detect} looks at (a tar header's magic is at 257..262). */
  public static final int HEAD_BYTES = 512;

  private final String description;

  ArchiveFormat(String description) {
    this.description = description;
  }

  /** For reasons: "a zip archive", "an HTML page". */
  public String description() {
    return description;
  }

  /**
   * The format of content that starts with {@code head[0..length)} (at most {@link #HEAD_BYTES}
   * are needed; pass fewer only when the file is shorter).
   */
  public static ArchiveFormat detect(byte[] head, int length) {
    if (length == 0) {
      return EMPTY;
    }
    if (startsWith(head, length, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (startsWith(head, length, 'B', 'Z', 'h') && length > 3 && head[3] >= '1' && head[3] <= '9') {
      return BZIP2;
    }
    if (startsWith(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return XZ;
    }
    if (startsWith(head, length, 'P', 'K', 3, 4) || startsWith(head, length, 'P', 'K', 5, 6)
        || startsWith(head, length, 'P', 'K', 7, 8)) {
      return ZIP;
    }
    if (isTarHeader(head, length)) {
      return TAR;
    }
    if (startsWith(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
      return ZSTD;
    }
    if (startsWith(head, length, '7', 'z', 0xbc, 0xaf, 0x27, 0x1c)) {
      return SEVEN_ZIP;
    }
    if (startsWith(head, length, 'R', 'a', 'r', '!')) {
      return RAR;
    }
    if (startsWith(head, length, 0x1f, 0x9d)) {
      return UNIX_COMPRESS;
    }
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
    String lower = text.stripLeading().toLowerCase(Locale.ROOT);
    if (lower.startsWith("<") && (lower.contains("<html") || lower.startsWith("<!doctype html"))) {
      return HTML;
    }
    return isText(head, length) ? TEXT : UNKNOWN;
  }

  /** A ustar/GNU magic at 257, or a v7 header whose checksum is right. */
  private static boolean isTarHeader(byte[] h, int length) {
    if (length < HEAD_BYTES) {
      return false;
    }
    if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r') {
      return true;
    }
    // v7: the checksum field (148..155, octal) is the sum of the header bytes, the field as spaces.
    long stored = 0;
    boolean digits = false;
    for (int i = 148; i < 156; i++) {
      int c = h[i] & 0xff;
      if (c >= '0' && c <= '7') {
        stored = stored * 8 + (c - '0');
        digits = true;
      } else if (c != ' ' && c != 0) {
        return false;
      }
    }
    long sum = 0;
    for (int i = 0; i < HEAD_BYTES; i++) {
      sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
    }
    return digits && h[0] != 0 && sum == stored;
  }

  private static boolean isText(byte[] h, int length) {
    for (int i = 0; i < length; i++) {
      int c = h[i] & 0xff;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] h, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((h[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
