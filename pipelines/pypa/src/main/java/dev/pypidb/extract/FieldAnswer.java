package dev.pypidb.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one method says about one {@link SetupField}: its value ({@link Known}), or that the
 * value exists but cannot be found statically ({@link Unresolved}, with the name or expression
 * it stopped at). A field a method says nothing about is absent from its {@link MethodAnswer}.
 */
public sealed interface FieldAnswer {

  /** A value found statically; see {@link SetupField} for the value types. Immutable. */
  record Known(Object value) implements FieldAnswer {
    public Known {
      value = freeze(Objects.requireNonNull(value));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings() {
      return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, List<String>> extras() {
      return (Map<String, List<String>>) value;
    }

    public String text() {
      return (String) value;
    }
  }

  /** The field is set, but its value depends on something static analysis cannot know. */
  record Unresolved(String reason) implements FieldAnswer {
    public Unresolved {
      Objects.requireNonNull(reason);
    }
  }

  static Known known(Object value) {
    return new Known(value);
  }

  static Unresolved unresolved(String reason) {
    return new Unresolved(reason);
  }

  @SuppressWarnings("unchecked")
  private static Object freeze(Object value) {
    if (value instanceof String) {
      return value;
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add((String) Objects.requireNonNull(o, "null in a requirement list"));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put((String) e.getKey(), (List<String>) freeze(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException("not a setup() field value: " + value.getClass().getName());
  }
}
