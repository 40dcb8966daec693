package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.PythonKey;

/**
 * Syntax that only some Pythons accept. {@link PythonParser} accepts the union of Python 2.7 and
 * Python 3 grammar and records each use; a key whose Python does not accept a used feature fails
 * to compile setup.py, with the message that Python gives.
 */
enum SyntaxFeature {
  PRINT_STATEMENT(true, 0),
  EXEC_STATEMENT(true, 0),
  EXCEPT_COMMA(true, 0),
  RAISE_COMMA(true, 0),
  BACKTICKS(true, 0),
  NOT_EQUAL_ANGLE(true, 0),
  OCTAL_LEADING_ZERO(true, 0),
  LONG_SUFFIX(true, 0),
  UR_PREFIX(true, 0),
  TUPLE_PARAMETERS(true, 0),
  /** {@code b'a' 'b'}: Python 3 cannot join bytes and text literals. */
  MIXED_BYTES_TEXT(true, 0),
  /** {@code print(..., end=...)}: Python 2 accepts it only with {@code from __future__ import print_function}. */
  PRINT_CALL_KEYWORDS(false, 0),
  NONLOCAL(false, 0),
  /** {@code class C(Base, metaclass=M)}: keywords in a class statement. */
  CLASS_KEYWORDS(false, 0),
  KEYWORD_ONLY_PARAMETERS(false, 0),
  ANNOTATIONS(false, 0),
  STAR_TARGET(false, 0),
  RAISE_FROM(false, 0),
  ELLIPSIS_LITERAL(false, 0),
  NON_ASCII_IDENTIFIER(false, 0),
  YIELD_FROM(false, 3),
  RB_PREFIX(false, 3),
  ASYNC(false, 5),
  MATMUL(false, 5),
  UNPACKING_GENERALIZATIONS(false, 5),
  FSTRING(false, 6),
  VARIABLE_ANNOTATIONS(false, 6),
  NUMERIC_UNDERSCORES(false, 6),
  WALRUS(false, 8),
  POSITIONAL_ONLY_PARAMETERS(false, 8),
  RELAXED_DECORATORS(false, 9),
  PARENTHESIZED_WITH(false, 9),
  /** The match statement: this parser does not parse its body, so only older Pythons are answered. */
  MATCH_STATEMENT(false, 10),
  EXCEPT_STAR(false, 11);

  private final boolean python2Only;
  private final int sincePython3Minor;

  SyntaxFeature(boolean python2Only, int sincePython3Minor) {
    this.python2Only = python2Only;
    this.sincePython3Minor = sincePython3Minor;
  }

  /**
   * Whether {@code key}'s Python compiles this feature; {@code printFunction}: the module imports
   * {@code print_function} from {@code __future__} (then Python 2 has no print statement).
   */
  boolean validIn(PythonKey key, boolean printFunction) {
    if (key.major() == 2) {
      if (this == PRINT_STATEMENT) {
        return !printFunction;
      }
      if (this == PRINT_CALL_KEYWORDS) {
        return printFunction;
      }
      return python2Only;
    }
    return !python2Only && key.minor() >= sincePython3Minor;
  }

  /**
   * The SyntaxError message of {@code key}'s Python for this feature; {@code detail} is the text
   * after {@code print} for a print statement.
   */
  String message(PythonKey key, String detail) {
    int minor = key.major() == 2 ? -1 : key.minor();
    switch (this) {
      case PRINT_STATEMENT:
      case EXEC_STATEMENT: {
        String word = this == PRINT_STATEMENT ? "print" : "exec";
        if (minor < 0) {
          return "invalid syntax";
        }
        String base = "Missing parentheses in call to '" + word + "'";
        if (minor >= 10) {
          return base + ". Did you mean " + word + "(...)?";
        }
        if (this == PRINT_STATEMENT && minor >= 6) {
          return base + ". Did you mean print(" + detail + ")?";
        }
        return base;
      }
      case OCTAL_LEADING_ZERO:
        return minor >= 8
            ? "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
            : "invalid token";
      case LONG_SUFFIX:
        return minor >= 10 ? "invalid decimal literal" : "invalid syntax";
      case MIXED_BYTES_TEXT:
        return minor >= 0 ? "cannot mix bytes and nonbytes literals" : "invalid syntax";
      case EXCEPT_COMMA:
        return minor >= 10 ? "multiple exception types must be parenthesized" : "invalid syntax";
      default:
        return "invalid syntax";
    }
  }
}
