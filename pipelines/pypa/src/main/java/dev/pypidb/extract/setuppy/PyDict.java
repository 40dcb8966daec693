package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python dict, mutable and insertion-ordered; also a module's or exec()'s namespace.
 * {@link #taint} is set when something unknown may have changed it; then its content is unknown.
 *
 * <p>A namespace may hold {@link KeyDependent} entries: each is resolved with the run's
 * {@link PythonTarget} when it is first read (or the whole dict is), and is then an ordinary
 * entry, or no entry when its name is not bound in that Python. Nothing outside this class ever
 * sees an unresolved entry.
 */
final class PyDict {
  private LinkedHashMap<Object, Object> values;
  private HashMap<Object, Object> keys;
  /** Whether {@link #values} and {@link #keys} are a prototype's, to be copied before any change. */
  private boolean shared;
  /** The target that resolves {@link KeyDependent} entries; null while there are none. */
  private PythonTarget target;
  /** How many entries are still {@link KeyDependent}. */
  private int pending;
  String taint;
  /** For {@code collections.defaultdict}: called to make a missing key's value; null otherwise. */
  Object defaultFactory;

  PyDict() {
    this.values = new LinkedHashMap<>();
    this.keys = new HashMap<>();
  }

  private PyDict(PyDict prototype, PythonTarget target) {
    this.values = prototype.values;
    this.keys = prototype.keys;
    this.shared = true;
    this.pending = prototype.pending;
    this.target = target;
  }

  /**
   * A namespace for one run: the entries of {@code prototype}, its {@link KeyDependent} ones to
   * be resolved with {@code target}. The prototype's maps are read until this dict first changes
   * (an entry set, removed or resolved), and copied then: the prototype never changes, and
   * several runs, on several threads, may share it.
   */
  static PyDict copyOf(PyDict prototype, PythonTarget target) {
    return new PyDict(prototype, target);
  }

  /**
   * Adds an entry resolved with {@code target} when first read; {@code target} is null for a
   * prototype, which is never read itself, only copied ({@link #copyOf}).
   */
  void putKeyDependent(String key, KeyDependent value, PythonTarget target) {
    if (pending > 0) {
      resolve(key);
    }
    own();
    if (!values.containsKey(key)) {
      keys.put(key, key);
    }
    values.put(key, value);
    this.target = target;
    pending++;
  }

  /** The value for {@code key}, or null when absent. The key must be hashable. */
  Object get(Object key) {
    Object k = Keys.normalize(key);
    return pending > 0 ? resolve(k) : values.get(k);
  }

  boolean containsKey(Object key) {
    Object k = Keys.normalize(key);
    if (pending > 0) {
      resolve(k);
    }
    return values.containsKey(k);
  }

  void put(Object key, Object value) {
    Object k = Keys.normalize(key);
    if (pending > 0) {
      resolve(k);
    }
    own();
    if (!values.containsKey(k)) {
      keys.put(k, key);
    }
    values.put(k, value);
  }

  Object remove(Object key) {
    Object k = Keys.normalize(key);
    if (pending > 0) {
      resolve(k);
    }
    own();
    keys.remove(k);
    return values.remove(k);
  }

  void clear() {
    own();
    values.clear();
    keys.clear();
    pending = 0;
  }

  int size() {
    resolveAll();
    return values.size();
  }

  /** At least {@link #size}, without resolving anything (an unresolved entry may be absent). */
  int sizeAtMost() {
    return values.size();
  }

  /** The keys as inserted (first insertion's key object). */
  List<Object> keyList() {
    resolveAll();
    List<Object> out = new ArrayList<>(values.size());
    for (Object k : values.keySet()) {
      out.add(keys.get(k));
    }
    return out;
  }

  List<Object> valueList() {
    resolveAll();
    return new ArrayList<>(values.values());
  }

  /** Entries in order, with the inserted key objects. */
  List<Map.Entry<Object, Object>> entries() {
    resolveAll();
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

  /** The value of normalized key {@code k}, a {@link KeyDependent} one resolved first; null when absent. */
  private Object resolve(Object k) {
    Object v = values.get(k);
    if (!(v instanceof KeyDependent d)) {
      return v;
    }
    Object resolved = d.resolve(target);
    own();
    pending--;
    if (resolved == null) {
      values.remove(k);
      keys.remove(k);
    } else {
      values.put(k, resolved);
    }
    return resolved;
  }

  /** Copies the prototype's maps before this dict first changes. */
  private void own() {
    if (shared) {
      values = new LinkedHashMap<>(values);
      keys = new HashMap<>(keys);
      shared = false;
    }
  }

  private void resolveAll() {
    if (pending > 0) {
      for (Object k : new ArrayList<>(values.keySet())) {
        resolve(k);
      }
    }
  }
}
