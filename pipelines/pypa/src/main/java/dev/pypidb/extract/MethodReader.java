package dev.pypidb.extract;

/**
 * One {@link Method}'s reading of one sdist, asked once per {@link PythonKey}. Implementations
 * parse what they read once, when built, and answer each key from that.
 */
public interface MethodReader {

  Method method();

  /**
   * What this method says for {@code key}: the fields it knows or cannot resolve, or a failure
   * under that Python. Never null; a method with nothing to say answers no field.
   */
  MethodAnswer answer(PythonKey key);
}
