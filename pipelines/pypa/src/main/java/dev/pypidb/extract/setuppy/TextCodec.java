package dev.pypidb.extract.setuppy;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decoding bytes as Python's codecs do: encoding names normalised as
 * {@code encodings.normalize_encoding} does ({@code "utf-8\""} is {@code utf_8}), strict errors
 * with Python's {@code UnicodeDecodeError} wording, and the {@code ignore}/{@code replace}
 * handlers.
 */
final class TextCodec {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("utf_8", "utf-8"), Map.entry("utf8", "utf-8"), Map.entry("u8", "utf-8"), Map.entry("utf", "utf-8"),
      Map.entry("utf8_ucs2", "utf-8"), Map.entry("utf8_ucs4", "utf-8"), Map.entry("cp65001", "utf-8"),
      Map.entry("utf_8_sig", "utf-8-sig"), Map.entry("utf8_sig", "utf-8-sig"),
      Map.entry("ascii", "ascii"), Map.entry("us_ascii", "ascii"), Map.entry("646", "ascii"),
      Map.entry("ansi_x3.4_1968", "ascii"), Map.entry("us", "ascii"),
      Map.entry("latin_1", "latin-1"), Map.entry("latin1", "latin-1"), Map.entry("latin", "latin-1"),
      Map.entry("l1", "latin-1"), Map.entry("iso8859_1", "latin-1"), Map.entry("iso_8859_1", "latin-1"),
      Map.entry("8859", "latin-1"), Map.entry("cp819", "latin-1"), Map.entry("iso_ir_100", "latin-1"),
      Map.entry("utf_16", "utf-16"), Map.entry("utf16", "utf-16"), Map.entry("utf_16_le", "utf-16le"),
      Map.entry("utf_16_be", "utf-16be"), Map.entry("utf_32", "utf-32"), Map.entry("cp1252", "cp1252"),
      Map.entry("windows_1252", "cp1252"), Map.entry("cp1251", "cp1251"), Map.entry("windows_1251", "cp1251"),
      Map.entry("iso8859_15", "iso8859-15"), Map.entry("iso_8859_15", "iso8859-15"), Map.entry("latin9", "iso8859-15"),
      Map.entry("gbk", "gbk"), Map.entry("gb2312", "gb2312"), Map.entry("gb18030", "gb18030"),
      Map.entry("big5", "big5"), Map.entry("shift_jis", "shift_jis"), Map.entry("sjis", "shift_jis"),
      Map.entry("euc_jp", "euc_jp"), Map.entry("euc_kr", "euc_kr"), Map.entry("cp932", "cp932"),
      Map.entry("cp949", "cp949"), Map.entry("koi8_r", "koi8_r"), Map.entry("mbcs", "mbcs"));
  private static final Map<String, String> JAVA = Map.ofEntries(
      Map.entry("latin-1", "ISO-8859-1"), Map.entry("utf-16", "UTF-16"), Map.entry("utf-16le", "UTF-16LE"),
      Map.entry("utf-16be", "UTF-16BE"), Map.entry("utf-32", "UTF-32"), Map.entry("cp1252", "windows-1252"),
      Map.entry("cp1251", "windows-1251"), Map.entry("iso8859-15", "ISO-8859-15"), Map.entry("gbk", "GBK"),
      Map.entry("gb2312", "GB2312"), Map.entry("gb18030", "GB18030"), Map.entry("big5", "Big5"),
      Map.entry("shift_jis", "Shift_JIS"), Map.entry("euc_jp", "EUC-JP"), Map.entry("euc_kr", "EUC-KR"),
      Map.entry("cp932", "windows-31j"), Map.entry("cp949", "x-windows-949"), Map.entry("koi8_r", "KOI8-R"));

  private TextCodec() {}

  /** A decoding result: the text, or the exception class and message Python raises. */
  record Result(String text, String errorType, String error) {
    static Result ok(String text) {
      return new Result(text, null, null);
    }

    static Result fail(String type, String message) {
      return new Result(null, type, message);
    }
  }

  /** The canonical codec name for a Python encoding argument, or null when Python has none. */
  static String canonical(String encoding) {
    StringBuilder n = new StringBuilder();
    boolean punct = false;
    for (char c : encoding.toCharArray()) {
      if (Character.isLetterOrDigit(c) || c == '.') {
        if (punct && n.length() > 0) {
          n.append('_');
        }
        if (c < 128) {
          n.append(Character.toLowerCase(c));
        }
        punct = false;
      } else {
        punct = true;
      }
    }
    return ALIASES.get(n.toString());
  }

  /** Decodes {@code data} with a Python encoding name and errors handler. */
  static Result decode(byte[] data, String encoding, String errors) {
    String codec = canonical(encoding);
    if (codec == null || codec.equals("mbcs")) {
      return Result.fail("LookupError", "unknown encoding: " + encoding);
    }
    boolean strict = errors == null || errors.equals("strict");
    switch (codec) {
      case "utf-8":
      case "utf-8-sig": {
        int start = codec.equals("utf-8-sig") && data.length >= 3 && (data[0] & 0xff) == 0xef
            && (data[1] & 0xff) == 0xbb && (data[2] & 0xff) == 0xbf ? 3 : 0;
        return utf8(data, start, codec, errors);
      }
      case "ascii": {
        StringBuilder s = new StringBuilder(data.length);
        for (int k = 0; k < data.length; k++) {
          int b = data[k] & 0xff;
          if (b < 128) {
            s.append((char) b);
          } else if (strict) {
            return Result.fail("UnicodeDecodeError", "'ascii' codec can't decode byte 0x"
                + String.format("%02x", b) + " in position " + k + ": ordinal not in range(128)");
          } else if (!"ignore".equals(errors)) {
            s.append('\ufffd');
          }
        }
        return Result.ok(s.toString());
      }
      case "latin-1":
        return Result.ok(new String(data, StandardCharsets.ISO_8859_1));
      default:
        return javaDecode(data, codec, strict, errors);
    }
  }

  private static Result utf8(byte[] d, int start, String codec, String errors) {
    boolean strict = errors == null || errors.equals("strict");
    StringBuilder s = new StringBuilder(d.length);
    int k = start;
    while (k < d.length) {
      int b = d[k] & 0xff;
      int need;
      int cp;
      if (b < 0x80) {
        s.append((char) b);
        k++;
        continue;
      } else if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        cp = b & 0x07;
      } else {
        if (strict) {
          return invalid(codec, b, k, "invalid start byte");
        }
        k = replace(s, k, errors);
        continue;
      }
      int j = 1;
      String problem = null;
      for (; j <= need; j++) {
        if (k + j >= d.length) {
          problem = "unexpected end of data";
          break;
        }
        int c = d[k + j] & 0xff;
        boolean ok = (c & 0xc0) == 0x80;
        if (j == 1 && ok) {
          ok = !(b == 0xe0 && c < 0xa0) && !(b == 0xed && c > 0x9f) && !(b == 0xf0 && c < 0x90)
              && !(b == 0xf4 && c > 0x8f);
        }
        if (!ok) {
          problem = "invalid continuation byte";
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if (problem != null) {
        if (strict) {
          return invalid(codec, b, k, problem);
        }
        k = replace(s, k, errors) + Math.max(0, j - 1);
        continue;
      }
      s.appendCodePoint(cp);
      k += need + 1;
    }
    return Result.ok(s.toString());
  }

  private static Result invalid(String codec, int b, int position, String reason) {
    return Result.fail("UnicodeDecodeError", "'" + codec.replace("-sig", "") + "' codec can't decode byte 0x"
        + String.format("%02x", b) + " in position " + position + ": " + reason);
  }

  private static int replace(StringBuilder s, int k, String errors) {
    if (!"ignore".equals(errors)) {
      s.append('\ufffd');
    }
    return k + 1;
  }

  private static Result javaDecode(byte[] data, String codec, boolean strict, String errors) {
    String javaName = JAVA.get(codec);
    if (javaName == null || !Charset.isSupported(javaName)) {
      return Result.fail("LookupError", "unknown encoding: " + codec);
    }
    CharsetDecoder dec = Charset.forName(javaName).newDecoder();
    CodingErrorAction action = strict ? CodingErrorAction.REPORT
        : "ignore".equals(errors) ? CodingErrorAction.IGNORE : CodingErrorAction.REPLACE;
    dec.onMalformedInput(action).onUnmappableCharacter(action);
    ByteBuffer in = ByteBuffer.wrap(data);
    CharBuffer out = CharBuffer.allocate(data.length * 2 + 16);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int b = data[in.position()] & 0xff;
      return Result.fail("UnicodeDecodeError", "'" + codec + "' codec can't decode byte 0x"
          + String.format("%02x", b) + " in position " + in.position() + ": "
          + (r.isUnmappable() ? "character maps to <undefined>" : "illegal multibyte sequence"));
    }
    try {
      dec.flush(out);
    } catch (IllegalStateException e) {
      return Result.fail("UnicodeDecodeError", "'" + codec + "' codec can't decode the data");
    }
    out.flip();
    return Result.ok(out.toString());
  }

  /** Encodes text for {@code str.encode}; null when the codec is unknown. */
  static byte[] encode(String text, String encoding) throws CharacterCodingException {
    String codec = canonical(encoding);
    if (codec == null) {
      return null;
    }
    String javaName = switch (codec) {
      case "utf-8", "utf-8-sig" -> "UTF-8";
      case "ascii" -> "US-ASCII";
      default -> JAVA.get(codec);
    };
    if (javaName == null) {
      return null;
    }
    ByteBuffer out = Charset.forName(javaName).newEncoder().encode(CharBuffer.wrap(text));
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }
}
