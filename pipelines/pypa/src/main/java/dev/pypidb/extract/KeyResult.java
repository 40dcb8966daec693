package dev.pypidb.extract;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The static answer for one sdist and one {@link PythonKey}: each field's value and the
 * method it came from (the most trusted that knows it), and a {@link Status}.
 *
 * @param method the method of the answer as a whole: the one that gave install_requires, else
 *     the most trusted one that gave any field; for {@code error}, the one that failed; null when
 *     no method says anything
 * @param reason why the answer is unresolved or an error; for an ok answer, null or the
 *     setup_requires/tests_require it could not resolve
 * @param values the fields known (see {@link SetupField} for value types); partial when
 *     unresolved
 * @param fieldMethods the method each known field came from
 */
public record KeyResult(PythonKey key, Status status, Method method, String reason,
    Map<SetupField, Object> values, Map<SetupField, Method> fieldMethods) {

  /** ok: every field found; unresolved: some field set but not statically knowable; error. */
  public enum Status {
    OK("ok"),
    UNRESOLVED("unresolved"),
    ERROR("error");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public KeyResult {
    Objects.requireNonNull(key);
    Objects.requireNonNull(status);
    if (status != Status.OK) {
      Objects.requireNonNull(reason, "an unresolved or error result says why");
    }
    EnumMap<SetupField, Object> v = new EnumMap<>(SetupField.class);
    v.putAll(values);
    values = Collections.unmodifiableMap(v);
    EnumMap<SetupField, Method> m = new EnumMap<>(SetupField.class);
    m.putAll(fieldMethods);
    fieldMethods = Collections.unmodifiableMap(m);
  }
}
