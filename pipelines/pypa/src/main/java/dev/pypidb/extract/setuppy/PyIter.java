package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.List;

/**
 * A lazy sequence of Python 3 (and Python 2's generators and enumerate): an iterator such as
 * {@code map}, {@code filter}, {@code zip} or a generator, which is used up by iterating it and
 * cannot be indexed or measured; or a dict view ({@code dict_keys}...), which can be iterated
 * again and measured but not indexed. Its items are computed eagerly (and bounded) when made.
 */
final class PyIter {
  final String typeName;
  final boolean view;
  private final List<Object> items;
  private int position;

  PyIter(String typeName, boolean view, List<Object> items) {
    this.typeName = typeName;
    this.view = view;
    this.items = new ArrayList<>(items);
  }

  /** The items still to come; an iterator is used up by this. */
  List<Object> drain() {
    List<Object> out = new ArrayList<>(items.subList(position, items.size()));
    if (!view) {
      position = items.size();
    }
    return out;
  }

  /** The next item of an iterator, or null when it is used up. */
  Object next() {
    return position < items.size() ? items.get(position++) : null;
  }

  int size() {
    return items.size() - position;
  }
}
