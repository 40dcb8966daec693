package dev.pypidb.extract;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link Method} says about one sdist for one {@link PythonKey}: the fields it knows
 * or saw but could not resolve, and, when running its source would fail under that Python
 * (a setup.py that raises or exits for it, as the crawler recorded), the {@code error} text.
 */
public record MethodAnswer(Method method, Map<SetupField, FieldAnswer> fields, String error) {

  public MethodAnswer {
    Objects.requireNonNull(method);
    EnumMap<SetupField, FieldAnswer> copy = new EnumMap<>(SetupField.class);
    copy.putAll(fields);
    fields = Collections.unmodifiableMap(copy);
  }

  public static MethodAnswer of(Method method, Map<SetupField, FieldAnswer> fields) {
    return new MethodAnswer(method, fields, null);
  }

  /** The source fails under this Python with {@code error}; it answers no field. */
  public static MethodAnswer failed(Method method, String error) {
    return new MethodAnswer(method, Map.of(), Objects.requireNonNull(error));
  }

  public FieldAnswer field(SetupField f) {
    return fields.get(f);
  }
}
