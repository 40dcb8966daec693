package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.SourceTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file system setup.py sees: the sdist's members under its build directory
 * ({@code /build/<project directory>}, the crawler's working directory), nothing else. Paths
 * resolve against the current directory; a path outside the sdist is not read (the reason says
 * where it points). Files setup.py writes are remembered, their content unknown.
 */
final class SourceFiles {
  final SourceTree tree;
  final String root;
  String cwd;
  private final Set<String> dirs = new HashSet<>();
  private final Set<String> written = new HashSet<>();

  SourceFiles(SourceTree tree, String root) {
    this.tree = tree;
    this.root = root;
    this.cwd = root;
    for (String p : tree.paths()) {
      for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
        dirs.add(p.substring(0, slash));
      }
    }
  }

  /** A path inside the sdist ({@code member}, "" for its root), or why it is not. */
  record Resolved(String member, String outside) {}

  /** The absolute, normalised form of {@code path} against the current directory. */
  String absolute(String path) {
    String abs = path.startsWith("/") ? path : cwd + "/" + path;
    List<String> parts = new ArrayList<>();
    for (String part : abs.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    return "/" + String.join("/", parts);
  }

  Resolved resolve(String path) {
    if (path.startsWith("~")) {
      return new Resolved(null, "path " + PyRepr.quote(path) + " is in the home directory, outside the sdist");
    }
    String abs = absolute(path);
    if (abs.equals(root)) {
      return new Resolved("", null);
    }
    if (abs.startsWith(root + "/")) {
      return new Resolved(abs.substring(root.length() + 1), null);
    }
    return new Resolved(null, "path " + PyRepr.quote(path) + " resolves to " + PyRepr.quote(abs) + ", outside the sdist");
  }

  boolean isFile(String member) {
    return !member.isEmpty() && (tree.exists(member) || written.contains(member));
  }

  boolean isDir(String member) {
    return member.isEmpty() || dirs.contains(member);
  }

  /** The names directly inside directory {@code member}, sorted. */
  List<String> list(String member) {
    String prefix = member.isEmpty() ? "" : member + "/";
    Set<String> out = new TreeSet<>();
    for (String p : tree.paths()) {
      if (p.startsWith(prefix)) {
        String rest = p.substring(prefix.length());
        int slash = rest.indexOf('/');
        out.add(slash < 0 ? rest : rest.substring(0, slash));
      }
    }
    return new ArrayList<>(out);
  }

  /** Every member file path, sorted. */
  List<String> allFiles() {
    return tree.paths();
  }

  /** The bytes of a member, or null: then {@link #unavailable} says why. */
  byte[] bytes(String member) {
    return written.contains(member) ? null : tree.bytes(member);
  }

  String unavailable(String member) {
    if (written.contains(member)) {
      return "setup.py wrote " + member + " before reading it";
    }
    return member + ": " + tree.unavailable(member);
  }

  void markWritten(String member) {
    written.add(member);
  }
}
