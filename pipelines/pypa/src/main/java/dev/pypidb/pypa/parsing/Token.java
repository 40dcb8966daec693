package dev.pypidb.pypa.parsing;

/** The token kinds of the dependency-specifier grammar (packaging's DEFAULT_RULES). */
public enum Token {
  LEFT_PARENTHESIS,
  RIGHT_PARENTHESIS,
  LEFT_BRACKET,
  RIGHT_BRACKET,
  SEMICOLON,
  COMMA,
  QUOTED_STRING,
  OP,
  BOOLOP,
  IN,
  NOT,
  VARIABLE,
  SPECIFIER,
  AT,
  URL,
  IDENTIFIER,
  VERSION_PREFIX_TRAIL,
  VERSION_LOCAL_LABEL_TRAIL,
  WS,
  END
}
