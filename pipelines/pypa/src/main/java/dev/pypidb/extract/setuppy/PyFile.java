package dev.pypidb.extract.setuppy;

/**
 * An open file of the sdist: its whole content read at open ({@code String} for text mode,
 * {@link PyBytes} for binary, {@link Unknown} when the archive reader did not keep it), or the
 * decoding error its first read raises. A file opened for writing accepts and drops writes.
 */
final class PyFile {
  final String name;
  final Object content;
  final PyException readError;
  final boolean writing;
  int pos;
  boolean closed;

  PyFile(String name, Object content, PyException readError, boolean writing) {
    this.name = name;
    this.content = content;
    this.readError = readError;
    this.writing = writing;
  }
}
