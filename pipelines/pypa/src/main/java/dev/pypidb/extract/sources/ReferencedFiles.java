package dev.pypidb.extract.sources;

import dev.pypidb.extract.SourceTree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Files a declarative source names ({@code file:} in setup.cfg, {@code {file = [...]}} in
 * {@code [tool.setuptools.dynamic]}), read as setuptools' {@code expand.read_files} reads them:
 * relative to the project directory, never outside it, each existing file's text joined by a
 * newline, and a missing file skipped (setuptools only warns about it).
 */
final class ReferencedFiles {
  /** More references than any real project makes; a bound against hostile configurations. */
  static final int MAX_FILES = 32;

  private ReferencedFiles() {}

  /** The joined text, or the problem: a path outside the sdist, a file not kept or not UTF-8. */
  static SourceText read(SourceTree tree, List<String> paths) {
    if (paths.size() > MAX_FILES) {
      return new SourceText(null, paths.size() + " referenced files, over the limit of " + MAX_FILES);
    }
    StringBuilder out = new StringBuilder();
    boolean first = true;
    long total = 0;
    for (String written : paths) {
      String path = normalize(written);
      if (path == null) {
        return new SourceText(null, "'" + written + "' is outside the sdist's project directory,"
            + " which setuptools refuses to read");
      }
      if (!tree.exists(path)) {
        continue;
      }
      SourceText t = SourceText.read(tree, path);
      if (!t.ok()) {
        return t;
      }
      total += t.text().length();
      if (total > SourceText.MAX_BYTES) {
        return new SourceText(null, "the referenced files hold over " + SourceText.MAX_BYTES + " characters");
      }
      if (!first) {
        out.append('\n');
      }
      out.append(t.text());
      first = false;
    }
    return new SourceText(out.toString(), null);
  }

  /** The member path of {@code written} relative to the project directory; null when outside. */
  static String normalize(String written) {
    if (written.startsWith("/")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : written.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
        continue;
      }
      parts.addLast(segment);
    }
    return String.join("/", parts);
  }
}
