package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.PythonKey;
import java.util.List;

/**
 * A parsed Python module: its statements, the version-specific syntax it uses, and the statements
 * that do not parse in any Python (also present in the body as {@link Stmt.Error}).
 *
 * @param printFunction whether the module imports {@code print_function} from {@code __future__}
 */
record ParsedModule(List<Stmt> body, List<FeatureUse> features, List<Stmt.Error> errors, boolean printFunction) {

  /** One use of a {@link SyntaxFeature} at a line; detail is the print statement's text. */
  record FeatureUse(SyntaxFeature feature, int line, String detail) {}

  ParsedModule {
    body = List.copyOf(body);
    features = List.copyOf(features);
    errors = List.copyOf(errors);
  }

  /**
   * The SyntaxError {@code key}'s Python raises compiling this module for its version-specific
   * syntax ({@code "invalid syntax (setup.py, line 3)"}), or null when it has none. The first use
   * by line is reported, as the compiler stops at the first error.
   */
  String syntaxError(PythonKey key, String filename) {
    FeatureUse first = null;
    for (FeatureUse use : features) {
      if (!use.feature().validIn(key, printFunction) && (first == null || use.line() < first.line())) {
        first = use;
      }
    }
    if (first == null) {
      return null;
    }
    return first.feature().message(key, first.detail()) + " (" + filename + ", line " + first.line() + ")";
  }
}
