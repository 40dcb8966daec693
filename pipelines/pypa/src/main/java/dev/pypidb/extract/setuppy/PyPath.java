package dev.pypidb.extract.setuppy;

/** A {@code pathlib.Path} (a PosixPath): its path text, normalised as pathlib does. */
record PyPath(String path) {

  static PyPath of(String raw) {
    if (raw.isEmpty()) {
      return new PyPath(".");
    }
    boolean absolute = raw.startsWith("/");
    StringBuilder out = new StringBuilder(absolute ? "/" : "");
    for (String part : raw.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
        out.append('/');
      }
      out.append(part);
    }
    return new PyPath(out.length() == 0 ? "." : out.toString());
  }

  PyPath join(String other) {
    if (other.startsWith("/")) {
      return of(other);
    }
    return of(path.equals(".") ? other : path + "/" + other);
  }

  String name() {
    if (path.equals(".") || path.equals("/")) {
      return "";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  PyPath parent() {
    int slash = path.lastIndexOf('/');
    if (path.equals(".") || path.equals("/")) {
      return this;
    }
    if (slash < 0) {
      return new PyPath(".");
    }
    return new PyPath(slash == 0 ? "/" : path.substring(0, slash));
  }

  String suffix() {
    String n = name();
    int dot = n.lastIndexOf('.');
    return dot <= 0 ? "" : n.substring(dot);
  }

  String stem() {
    String n = name();
    String s = suffix();
    return n.substring(0, n.length() - s.length());
  }
}
