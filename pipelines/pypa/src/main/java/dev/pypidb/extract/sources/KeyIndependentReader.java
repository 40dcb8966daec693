package dev.pypidb.extract.sources;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.MethodReader;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SetupField;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A reader of a declarative source: a file written once (by the uploader's build or by hand),
 * which holds markers rather than Python-version branches, so it answers every
 * {@link PythonKey} alike.
 */
abstract class KeyIndependentReader implements MethodReader {
  private final Method method;
  private final MethodAnswer answer;

  KeyIndependentReader(Method method, Map<SetupField, FieldAnswer> fields) {
    this.method = method;
    this.answer = MethodAnswer.of(method, fields);
  }

  @Override
  public final Method method() {
    return method;
  }

  @Override
  public final MethodAnswer answer(PythonKey key) {
    return answer;
  }

  /** What this source says, the same for every key. */
  public final Map<SetupField, FieldAnswer> fields() {
    return answer.fields();
  }

  /** The same unresolved reason for each of {@code fields}. */
  static Map<SetupField, FieldAnswer> unresolved(String reason, SetupField... fields) {
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    for (SetupField f : fields) {
      out.put(f, FieldAnswer.unresolved(reason));
    }
    return Collections.unmodifiableMap(out);
  }
}
