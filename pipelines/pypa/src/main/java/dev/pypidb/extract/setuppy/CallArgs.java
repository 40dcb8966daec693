package dev.pypidb.extract.setuppy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one call, evaluated: positional, keyword, and the reason when a
 * {@code *args} or {@code **kwargs} could not be expanded (then the call's arguments are
 * partly unknown). {@code frame} is the caller's scope, for exec(), globals() and locals().
 */
record CallArgs(List<Object> positional, Map<String, Object> keywords, Unknown unknownStar,
    Unknown unknownDoubleStar, Frame frame, int line) {

  CallArgs {
    positional = List.copyOf(positional);
    keywords = new LinkedHashMap<>(keywords);
  }

  static CallArgs of(Frame frame, int line, Object... positional) {
    return new CallArgs(List.of(positional), Map.of(), null, null, frame, line);
  }

  /** The argument at {@code index}, or keyword {@code name}, or null when not given. */
  Object get(int index, String name) {
    if (index >= 0 && index < positional.size()) {
      return positional.get(index);
    }
    return name == null ? null : keywords.get(name);
  }

  /** The reason the arguments are partly unknown, or null. */
  Unknown unknown() {
    return unknownStar != null ? unknownStar : unknownDoubleStar;
  }

  int count() {
    return positional.size();
  }
}
