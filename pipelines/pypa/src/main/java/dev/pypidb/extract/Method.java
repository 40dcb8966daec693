package dev.pypidb.extract;

/** Where a static answer came from, most trusted first (the declaration order). */
public enum Method {
  /** PKG-INFO with Metadata-Version 2.2 or later, the field not Dynamic (PEP 643). */
  PKG_INFO("pkg-info"),
  /** {@code *.egg-info/requires.txt} and the PKG-INFO beside it, as setuptools wrote them. */
  EGG_INFO("egg-info"),
  /** pyproject.toml: PEP 621 {@code [project]}, {@code [tool.poetry]}, {@code [tool.flit.metadata]}. */
  PYPROJECT("pyproject"),
  /** setup.cfg {@code [options]} and {@code [options.extras_require]}. */
  SETUP_CFG("setup-cfg"),
  /** setup.py read as Python source, its {@code setup()} call evaluated without running it. */
  SETUP_PY("setup-py");

  private final String label;

  Method(String label) {
    this.label = label;
  }

  /** The name in tables and reports. */
  public String label() {
    return label;
  }

  public static Method fromLabel(String label) {
    for (Method m : values()) {
      if (m.label.equals(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown extraction method '" + label + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
