package dev.pypidb.extract.setuppy;

import java.util.ArrayList;
import java.util.List;

/**
 * A Python list, mutable. {@link #taint} is set when something unknown may have changed it (an
 * unknown call it was passed to, an append under an unknown condition); then its content is
 * unknown for that reason.
 */
final class PyList {
  final ArrayList<Object> items;
  String taint;

  PyList() {
    this.items = new ArrayList<>();
  }

  PyList(List<Object> items) {
    this.items = new ArrayList<>(items);
  }
}
