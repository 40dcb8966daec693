package dev.pypidb.extract;

/**
 * The {@code setup()} keywords pypi-deps-db records, in its order. Values: a
 * {@code List<String>} of requirement strings for the list fields, a
 * {@code Map<String, List<String>>} (insertion-ordered; keys as written, {@code "extra"},
 * {@code ":marker"} or {@code "extra:marker"}) for {@link #EXTRAS_REQUIRE}, a {@code String}
 * specifier set for {@link #PYTHON_REQUIRES}.
 */
public enum SetupField {
  INSTALL_REQUIRES("install_requires"),
  SETUP_REQUIRES("setup_requires"),
  EXTRAS_REQUIRE("extras_require"),
  TESTS_REQUIRE("tests_require"),
  PYTHON_REQUIRES("python_requires");

  private final String keyword;

  SetupField(String keyword) {
    this.keyword = keyword;
  }

  /** The {@code setup()} keyword. */
  public String keyword() {
    return keyword;
  }

  @Override
  public String toString() {
    return keyword;
  }
}
