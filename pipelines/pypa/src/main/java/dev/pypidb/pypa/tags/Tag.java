package dev.pypidb.pypa.tags;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** A PEP 425 compatibility tag, lower case: interpreter, ABI, platform. */
public record Tag(String interpreter, String abi, String platform) implements Serializable {

  public Tag {
    interpreter = interpreter.toLowerCase(Locale.ROOT);
    abi = abi.toLowerCase(Locale.ROOT);
    platform = platform.toLowerCase(Locale.ROOT);
  }

  /**
   * Expands a (possibly compressed) tag triple {@code py2.py3-none-any} into its tags, in
   * interpreter, ABI, platform order of appearance.
   *
   * @throws IllegalArgumentException unless there are exactly three dash-separated parts
   */
  public static Set<Tag> parseCompressed(String tag) {
    String[] parts = tag.split("-", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a tag triple: " + tag);
    }
    Set<Tag> out = new LinkedHashSet<>();
    for (String interpreter : parts[0].split("\\.", -1)) {
      for (String abi : parts[1].split("\\.", -1)) {
        for (String platform : parts[2].split("\\.", -1)) {
          out.add(new Tag(interpreter, abi, platform));
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return interpreter + "-" + abi + "-" + platform;
  }
}
