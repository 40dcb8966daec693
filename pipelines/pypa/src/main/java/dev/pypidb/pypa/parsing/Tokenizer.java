package dev.pypidb.pypa.parsing;

import dev.pypidb.pypa.specifiers.SpecifierGrammar;
import dev.pypidb.pypa.text.PyText;

/**
 * Context-sensitive tokenizer: the parser asks whether a given token kind comes next. Each rule
 * reproduces the regular expression packaging uses for it, including Python's Unicode-aware
 * {@code \b} and a {@code $} that also matches before one final newline.
 */
public final class Tokenizer {
  private static final String[] VARIABLES = {
    "python_version", "python_full_version", "os.name", "os_name", "sys.platform", "sys_platform",
    "platform_release", "platform_system", "platform.version", "platform_version",
    "platform.machine", "platform_machine", "platform.python_implementation",
    "platform_python_implementation", "python_implementation", "implementation_name",
    "implementation_version", "extras", "extra", "dependency_groups"
  };
  private static final String[] OPS = {"===", "==", "~=", "!=", "<=", ">=", "<", ">"};

  private final String source;
  private int position;
  private Token nextKind;
  private int nextEnd;

  public Tokenizer(String source) {
    this.source = source;
  }

  public String source() {
    return source;
  }

  public int position() {
    return position;
  }

  /** Whether {@code kind} comes next; if so it is loaded and must be read before the next check. */
  public boolean check(Token kind) {
    if (nextKind != null) {
      throw new IllegalStateException("Cannot check for " + kind + ", already have " + nextKind);
    }
    int end = match(kind, position);
    if (end < 0) {
      return false;
    }
    nextKind = kind;
    nextEnd = end;
    return true;
  }

  /** Whether {@code kind} comes next, without loading it. */
  public boolean peek(Token kind) {
    return match(kind, position) >= 0;
  }

  /** Reads the token if it comes next. */
  public void consume(Token kind) {
    if (check(kind)) {
      read();
    }
  }

  /** Reads {@code kind} or fails with "Expected {expected}". */
  public String expect(Token kind, String expected) {
    if (!check(kind)) {
      throw syntaxError("Expected " + expected);
    }
    return read();
  }

  /** Consumes the loaded token and returns its text. */
  public String read() {
    if (nextKind == null) {
      throw new IllegalStateException("no token loaded");
    }
    String text = source.substring(position, nextEnd);
    position = nextEnd;
    nextKind = null;
    return text;
  }

  public ParserSyntaxException syntaxError(String message) {
    return new ParserSyntaxException(message, source, position, position);
  }

  public ParserSyntaxException syntaxError(String message, int spanStart, int spanEnd) {
    return new ParserSyntaxException(message, source, spanStart, spanEnd);
  }

  /** End of {@code kind} matched at {@code pos}, or -1. */
  private int match(Token kind, int pos) {
    String s = source;
    int n = s.length();
    switch (kind) {
      case LEFT_PARENTHESIS:
        return charAt(pos, '(');
      case RIGHT_PARENTHESIS:
        return charAt(pos, ')');
      case LEFT_BRACKET:
        return charAt(pos, '[');
      case RIGHT_BRACKET:
        return charAt(pos, ']');
      case SEMICOLON:
        return charAt(pos, ';');
      case COMMA:
        return charAt(pos, ',');
      case AT:
        return charAt(pos, '@');
      case QUOTED_STRING: {
        if (pos >= n || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
          return -1;
        }
        int close = s.indexOf(s.charAt(pos), pos + 1);
        return close < 0 ? -1 : close + 1;
      }
      case OP:
        for (String op : OPS) {
          if (s.startsWith(op, pos)) {
            return pos + op.length();
          }
        }
        return -1;
      case BOOLOP: {
        int end = word(pos, "or");
        return end >= 0 ? end : word(pos, "and");
      }
      case IN:
        return word(pos, "in");
      case NOT:
        return word(pos, "not");
      case VARIABLE:
        for (String v : VARIABLES) {
          int end = word(pos, v);
          if (end >= 0) {
            return end;
          }
        }
        return -1;
      case SPECIFIER:
        return SpecifierGrammar.matchPrefix(s, pos);
      case URL: {
        int i = pos;
        while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
          i++;
        }
        return i > pos ? i : -1;
      }
      case IDENTIFIER:
        return identifier(pos);
      case VERSION_PREFIX_TRAIL:
        return s.startsWith(".*", pos) ? pos + 2 : -1;
      case VERSION_LOCAL_LABEL_TRAIL:
        return lowerLocalLabel(pos);
      case WS: {
        int i = pos;
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
          i++;
        }
        return i > pos ? i : -1;
      }
      case END:
        return pos == n || (pos == n - 1 && s.charAt(pos) == '\n') ? pos : -1;
      default:
        throw new AssertionError(kind);
    }
  }

  private int charAt(int pos, char c) {
    return pos < source.length() && source.charAt(pos) == c ? pos + 1 : -1;
  }

  /** {@code \bword\b}. */
  private int word(int pos, String word) {
    if (!source.startsWith(word, pos)) {
      return -1;
    }
    int end = pos + word.length();
    boolean startOk = PyText.isWordBoundary(source, pos);
    return startOk && PyText.isWordBoundary(source, end) ? end : -1;
  }

  /** {@code \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b}: the longest run that ends on a word boundary. */
  private int identifier(int pos) {
    if (pos >= source.length() || !PyText.isAsciiAlnum(source.charAt(pos))
        || !PyText.isWordBoundary(source, pos)) {
      return -1;
    }
    int end = pos + 1;
    while (end < source.length() && isIdentifierChar(source.charAt(end))) {
      end++;
    }
    for (int e = end; e > pos; e--) {
      if (PyText.isWordBoundary(source, e)) {
        return e;
      }
    }
    return -1;
  }

  private static boolean isIdentifierChar(char c) {
    return PyText.isAsciiAlnum(c) || c == '.' || c == '_' || c == '-';
  }

  /** {@code \+[a-z0-9]+(?:[-_\.][a-z0-9]+)*}, case-sensitive. */
  private int lowerLocalLabel(int pos) {
    String s = source;
    int n = s.length();
    if (pos + 1 >= n || s.charAt(pos) != '+' || !isLowerAlnum(s.charAt(pos + 1))) {
      return -1;
    }
    int j = pos + 1;
    while (j < n && isLowerAlnum(s.charAt(j))) {
      j++;
    }
    while (j + 1 < n && (s.charAt(j) == '-' || s.charAt(j) == '_' || s.charAt(j) == '.')
        && isLowerAlnum(s.charAt(j + 1))) {
      j++;
      while (j < n && isLowerAlnum(s.charAt(j))) {
        j++;
      }
    }
    return j;
  }

  private static boolean isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
