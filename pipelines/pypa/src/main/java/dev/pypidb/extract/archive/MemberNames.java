package dev.pypidb.extract.archive;

import dev.pypidb.extract.archive.ArchiveException.Kind;
import dev.pypidb.pypa.text.PyText;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Member names: decoding and the safety rules.
 *
 * <p>Decoding: a name is UTF-8 when its bytes are valid UTF-8; otherwise it is read one byte per
 * character (ISO-8859-1), which keeps distinct names distinct, and the contents note it.
 *
 * <p>Safety: a name that is absolute ({@code /etc/x}, {@code C:/x}, {@code \\host\x}), that
 * climbs above the archive root ({@code a/../../x}), or that contains a NUL is
 * {@link Kind#UNSAFE} for the whole archive, as pip refuses such archives. {@code .} components
 * and empty components are dropped and {@code ..} inside the archive is resolved, so that
 * {@code ./pkg-1.0//a/../PKG-INFO} is {@code pkg-1.0/PKG-INFO}. In a zip a backslash is a
 * separator (Windows tools wrote them); in a tar it is an ordinary character, but a name that
 * would be unsafe with backslashes read as separators is refused too.
 */
final class MemberNames {
  private MemberNames() {}

  /** A decoded name and whether its bytes were valid UTF-8. */
  record Decoded(String name, boolean utf8) {}

  static Decoded decode(byte[] raw) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
      return new Decoded(s, true);
    } catch (CharacterCodingException e) {
      return new Decoded(new String(raw, StandardCharsets.ISO_8859_1), false);
    }
  }

  /**
   * The member's path relative to the archive root, normalized, without a trailing slash;
   * {@code ""} for the root itself ({@code ./}).
   *
   * @param backslashSeparates whether {@code \} separates components (zip) or not (tar)
   */
  static String normalize(String name, boolean backslashSeparates) throws ArchiveException {
    if (name.indexOf('\0') >= 0) {
      throw unsafe(name, "contains a NUL character");
    }
    String slashed = name.replace('\\', '/');
    checkNotAbsolute(name, slashed);
    String path = resolve(name, backslashSeparates ? slashed : name);
    if (!backslashSeparates && name.indexOf('\\') >= 0) {
      resolve(name, slashed);
    }
    return path;
  }

  private static void checkNotAbsolute(String name, String slashed) throws ArchiveException {
    if (slashed.startsWith("/")) {
      throw unsafe(name, "is an absolute path");
    }
    if (slashed.length() >= 2 && slashed.charAt(1) == ':' && isAsciiLetter(slashed.charAt(0))) {
      throw unsafe(name, "starts with a Windows drive letter");
    }
  }

  private static String resolve(String name, String path) throws ArchiveException {
    Deque<String> parts = new ArrayDeque<>();
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String part = path.substring(start, end);
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw unsafe(name, "points outside the archive ('..')");
        }
        parts.removeLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
      start = end + 1;
    }
    return String.join("/", parts);
  }

  /**
   * Where a symbolic link at {@code linkPath} points, relative to the archive root, or null when
   * its target is absolute or climbs out of the archive.
   */
  static String linkTarget(String linkPath, String target) {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      return null;
    }
    String slashed = target.replace('\\', '/');
    if (slashed.startsWith("/")
        || (slashed.length() >= 2 && slashed.charAt(1) == ':' && isAsciiLetter(slashed.charAt(0)))) {
      return null;
    }
    int slash = linkPath.lastIndexOf('/');
    String joined = slash < 0 ? target : linkPath.substring(0, slash + 1) + target;
    try {
      return resolve(joined, joined);
    } catch (ArchiveException e) {
      return null;
    }
  }

  /** Longest name quoted whole in a reason. */
  private static final int QUOTED_CHARS = 200;

  /** A name for a reason: Python-quoted, cut after 200 characters (hostile names can be huge). */
  static String quote(String name) {
    if (name.length() <= QUOTED_CHARS) {
      return PyText.repr(name);
    }
    return PyText.repr(name.substring(0, QUOTED_CHARS)) + "... (" + name.length() + " characters)";
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static ArchiveException unsafe(String name, String why) {
    return new ArchiveException(Kind.UNSAFE, "member " + quote(name) + " " + why);
  }
}
