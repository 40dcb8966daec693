package dev.pypidb.extract.setuppy;

/** Python's {@code None}. */
enum PyNone {
  NONE;

  @Override
  public String toString() {
    return "None";
  }
}
