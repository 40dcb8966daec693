package dev.pypidb.extract.setuppy;

import java.util.List;

/**
 * A Python tuple, immutable; {@code names} gives field names for the named tuples this
 * evaluator makes ({@code sys.version_info}), else null.
 */
final class PyTuple {
  static final PyTuple EMPTY = new PyTuple(List.of());

  final List<Object> items;
  final List<String> names;

  PyTuple(List<Object> items) {
    this(items, null);
  }

  PyTuple(List<Object> items, List<String> names) {
    this.items = List.copyOf(items);
    this.names = names;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PyTuple other) || other.items.size() != items.size()) {
      return false;
    }
    for (int k = 0; k < items.size(); k++) {
      if (!Keys.normalize(items.get(k)).equals(Keys.normalize(other.items.get(k)))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 7;
    for (Object o : items) {
      h = h * 31 + Keys.normalize(o).hashCode();
    }
    return h;
  }
}
