package dev.pypidb.extract.setuppy;

/** Python's {@code Ellipsis} ({@code ...}). */
enum PyEllipsis {
  ELLIPSIS;

  @Override
  public String toString() {
    return "Ellipsis";
  }
}
