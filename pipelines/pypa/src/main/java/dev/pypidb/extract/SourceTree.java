package dev.pypidb.extract;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The members of an sdist, relative to its project directory (the archive's one top-level
 * directory, e.g. {@code requests-2.31.0/}, stripped), with {@code /} separators. Only some
 * members' contents are kept (the text files that can carry dependencies, within the limits of
 * the archive reader); {@link #unavailable} says why another member cannot be read.
 */
public interface SourceTree {

  /** Every member path (files only), sorted. */
  List<String> paths();

  /** Whether a member (file) exists at {@code path}. */
  default boolean exists(String path) {
    return paths().contains(path);
  }

  /**
   * The bytes of a regular file member, or null when there is no such member or its content was
   * not kept (then {@link #unavailable} says why).
   */
  byte[] bytes(String path);

  /**
   * Why {@code path} cannot be read ("no such file", "is a symbolic link to ...", "is 80 MiB, over
   * the 1 MiB limit for kept members"...), or null when {@link #bytes} returns its content.
   */
  String unavailable(String path);

  /** The member as text: UTF-8, invalid bytes replaced; null when it cannot be read. */
  default String text(String path) {
    byte[] b = bytes(path);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
