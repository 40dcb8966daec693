package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A Python set or frozenset. Iteration follows insertion order, where CPython's follows hashes:
 * a requirement list made from a set has CPython's members in an order that may differ.
 */
final class PySet {
  private final LinkedHashMap<Object, Object> members = new LinkedHashMap<>();
  final boolean frozen;
  String taint;

  PySet(boolean frozen) {
    this.frozen = frozen;
  }

  boolean add(Object v) {
    return members.putIfAbsent(Keys.normalize(v), v) == null;
  }

  boolean contains(Object v) {
    return members.containsKey(Keys.normalize(v));
  }

  boolean remove(Object v) {
    return members.remove(Keys.normalize(v)) != null;
  }

  void clear() {
    members.clear();
  }

  int size() {
    return members.size();
  }

  List<Object> items() {
    return new ArrayList<>(members.values());
  }
}
