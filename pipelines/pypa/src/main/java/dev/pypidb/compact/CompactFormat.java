package dev.pypidb.compact;

import dev.pypidb.pypa.names.ProjectNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/** Constants and rules shared by the writer and the reader; docs/compact-format.md is the spec. */
final class CompactFormat {
  private CompactFormat() {}

  /** First 8 bytes of every file. */
  static final byte[] MAGIC = {(byte) 0x89, 'P', 'Y', 'D', 'B', '\r', '\n', 0x1A};
  /** Last 4 bytes of every file. */
  static final byte[] END_MAGIC = {'P', 'D', 'B', 'E'};
  static final int MAJOR = 1;
  static final int MINOR = 0;
  static final int HEADER_SIZE = 16;
  /** 4 sections x (u64 offset, u64 length), u32 CRC-32 of those 64 bytes, end magic. */
  static final int TRAILER_SIZE = 72;

  static final int SECTION_BLOCKS = 0;
  static final int SECTION_META = 1;
  static final int SECTION_DICTIONARY = 2;
  static final int SECTION_HASH_EXCEPTIONS = 3;
  static final int SECTIONS = 4;

  /** Global dictionaries, in the order the meta section stores them. */
  static final int DICT_PACKAGETYPE = 0;
  static final int DICT_PYTHON_VERSION = 1;
  static final int DICT_PYTHON_KEYS = 2;
  static final int DICT_WHEEL_PYTHON = 3;
  static final int DICT_WHEEL_ABI = 4;
  static final int DICT_WHEEL_PLATFORM = 5;
  static final int DICT_SUFFIX = 6;
  static final int DICTS = 7;
  static final String[] DICT_NAMES = {
    "packagetype", "python_version", "python_keys", "wheel python tags", "wheel abi tags",
    "wheel platform tags", "filename suffixes"};

  // Project flags.
  static final int P_DISPLAY_NAME = 1;

  // pypi-deps-db name tags.
  static final int KEY_CANONICAL = 0;
  static final int KEY_DISPLAY = 1;
  static final int KEY_LITERAL = 2;

  // Release flags.
  static final int R_YANKED = 1;
  static final int R_REQUIRES_PYTHON = 1 << 1;
  static final int R_YANKED_REASON = 1 << 2;
  static final int R_REQUIRES_DIST = 1 << 3;

  // File flags: bits 0-1 are the filename form.
  static final int F_FORM_MASK = 3;
  static final int FORM_LITERAL = 0;
  static final int FORM_WHEEL = 1;
  static final int FORM_VERSIONED = 2;
  static final int F_VERSION_LITERAL = 1 << 2;
  static final int F_BUILD_TAG = 1 << 3;
  static final int F_PYTHON_VERSION = 1 << 4;
  static final int F_SHA256 = 1 << 5;
  static final int F_YANKED = 1 << 6;
  static final int F_YANKED_REASON = 1 << 7;
  static final int F_REQUIRES_PYTHON = 1 << 8;
  static final int F_REQUIRES_DIST = 1 << 9;
  static final int F_PROVIDES_EXTRA = 1 << 10;
  static final int F_DEPS_DB_NAME = 1 << 11;
  static final int F_ALL = (1 << 12) - 1;

  // Sdist build flags: bits 3-7 are keys_present, in SdistBuild.KEYS order.
  static final int B_ERROR = 1;
  static final int B_DEPS_DB_NAME = 1 << 1;
  static final int B_PYTHON_REQUIRES = 1 << 2;
  static final int B_KEYS_SHIFT = 3;
  static final int B_ALL = (1 << 8) - 1;

  /** Project names order: unsigned UTF-8 bytes (= code point order, as Python sorts str). */
  static int compareNames(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The projects a file may belong to, judging by its name, in the order a hash lookup tries
   * them: for a {@code .whl}, the canonical text before the first {@code -}; then the canonical
   * text before every {@code -}, longest first. Files whose project is not among these are
   * listed in the hash-exceptions section.
   */
  static List<String> candidateProjects(String filename) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (filename.endsWith(".whl")) {
      int dash = filename.indexOf('-');
      if (dash > 0) {
        out.add(ProjectNames.canonicalize(filename.substring(0, dash)));
      }
    }
    for (int i = filename.length() - 1; i > 0; i--) {
      if (filename.charAt(i) == '-') {
        out.add(ProjectNames.canonicalize(filename.substring(0, i)));
      }
    }
    return new ArrayList<>(out);
  }

  static String hex(byte[] b) {
    char[] out = new char[b.length * 2];
    final String digits = "0123456789abcdef";
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = digits.charAt((b[i] >> 4) & 0xF);
      out[2 * i + 1] = digits.charAt(b[i] & 0xF);
    }
    return new String(out);
  }

  /** 32 bytes from 64 hex digits, or null when {@code s} is not that. */
  static byte[] sha256Bytes(String s) {
    if (s == null || s.length() != 64) {
      return null;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
