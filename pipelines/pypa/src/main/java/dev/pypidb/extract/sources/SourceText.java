package dev.pypidb.extract.sources;

import dev.pypidb.extract.SourceTree;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A member of the sdist read as the build tools read it: strict UTF-8 (setuptools opens setup.cfg
 * and referenced files with {@code encoding='utf-8'}, TOML is UTF-8 by definition), within a size
 * bound. Either the text or why it cannot be had.
 *
 * @param text the content, or null
 * @param problem why there is no text (missing, not kept, not UTF-8, too big), or null
 */
record SourceText(String text, String problem) {
  /** Larger declarative files are not read: no real setup.cfg or requirements file comes close. */
  static final int MAX_BYTES = 1 << 20;

  static SourceText read(SourceTree tree, String path) {
    byte[] bytes = tree.bytes(path);
    if (bytes == null) {
      return new SourceText(null, path + " cannot be read: " + tree.unavailable(path));
    }
    if (bytes.length > MAX_BYTES) {
      return new SourceText(null, path + " is " + bytes.length + " bytes, over the " + MAX_BYTES
          + "-byte limit for a declarative file");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return new SourceText(text, null);
    } catch (CharacterCodingException e) {
      return new SourceText(null, path + " is not UTF-8, which the build tools require");
    }
  }

  boolean ok() {
    return text != null;
  }
}
