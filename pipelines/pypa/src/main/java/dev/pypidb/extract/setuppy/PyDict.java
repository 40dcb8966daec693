package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python dict, mutable and insertion-ordered; also a module's or exec()'s namespace.
 * {@link #taint} is set when something unknown may have changed it; then its content is unknown.
 */
final class PyDict {
  private final LinkedHashMap<Object, Object> values = new LinkedHashMap<>();
  private final HashMap<Object, Object> keys = new HashMap<>();
  String taint;
  /** For {@code collections.defaultdict}: called to make a missing key's value; null otherwise. */
  Object defaultFactory;

  /** The value for {@code key}, or null when absent. The key must be hashable. */
  Object get(Object key) {
    return values.get(Keys.normalize(key));
  }

  boolean containsKey(Object key) {
    return values.containsKey(Keys.normalize(key));
  }

  void put(Object key, Object value) {
    Object k = Keys.normalize(key);
    if (!values.containsKey(k)) {
      keys.put(k, key);
    }
    values.put(k, value);
  }

  Object remove(Object key) {
    Object k = Keys.normalize(key);
    keys.remove(k);
    return values.remove(k);
  }

  void clear() {
    values.clear();
    keys.clear();
  }

  int size() {
    return values.size();
  }

  /** The keys as inserted (first insertion's key object). */
  List<Object> keyList() {
    List<Object> out = new ArrayList<>(values.size());
    for (Object k : values.keySet()) {
      out.add(keys.get(k));
    }
    return out;
  }

  List<Object> valueList() {
    return new ArrayList<>(values.values());
  }

  /** Entries in order, with the inserted key objects. */
  List<Map.Entry<Object, Object>> entries() {
    List<Map.Entry<Object, Object>> out = new ArrayList<>(values.size());
    for (Map.Entry<Object, Object> e : values.entrySet()) {
      out.add(Map.entry(keys.get(e.getKey()), e.getValue() == null ? PyNone.NONE : e.getValue()));
    }
    return out;
  }

  PyDict copy() {
    PyDict d = new PyDict();
    for (Map.Entry<Object, Object> e : entries()) {
      d.put(e.getKey(), e.getValue());
    }
    d.taint = taint;
    return d;
  }
}
