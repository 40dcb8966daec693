package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.setuppy.PyToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts Python 2 or 3 source into tokens as CPython's tokenizer does: INDENT and DEDENT from the
 * indentation of logical lines, NEWLINE only outside brackets, backslash continuations, string
 * literals with any prefix ({@code r u b f br rb ur fr rf}, any case) and triple quotes, numbers
 * including Python 2's {@code 0777} and {@code 10L}, backticks and {@code <>}. What cannot be a
 * token becomes an {@link Kind#ERROR} token with the message, and cutting goes on after it.
 * Syntax that only one Python line accepts is reported to the {@link ParsedModule.FeatureUse}
 * list. At most {@code maxTokens} tokens are made; then an ERROR token says so and the stream ends.
 */
final class PythonTokenizer {
  private static final String[] OPERATORS = {
    "**=", "//=", ">>=", "<<=", "...",
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "<>", "->", ":=", "+=", "-=", "*=", "/=",
    "%=", "&=", "|=", "^=", "@=",
    "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}",
    ",", ":", ".", ";", "=", "`"
  };
  /** CPython refuses deeper indentation ("too many levels of indentation"). */
  private static final int MAX_INDENT_LEVELS = 100;
  /**
   * Words that only start a statement: one of them opening a line, no more indented than the
   * line with an unclosed bracket, means the bracket was never closed. The statement with it is
   * then cut there, so that the statements after it still parse.
   */
  private static final java.util.Set<String> STATEMENT_WORDS = java.util.Set.of("def", "class", "import", "return",
      "pass", "try", "while", "with", "global", "del", "assert", "raise", "elif", "except", "finally", "break",
      "continue");
  /** Words that also occur inside expressions: they end an unclosed bracket only as a block header. */
  private static final java.util.Set<String> HEADER_WORDS = java.util.Set.of("if", "for", "else", "elif");

  private final String src;
  private final int maxTokens;
  private final List<PyToken> tokens = new ArrayList<>();
  private final List<ParsedModule.FeatureUse> features;
  private final List<Integer> indents = new ArrayList<>();
  private int pos;
  private int line;
  private int depth;
  private int bracketLine;
  private int bracketIndent;
  private int lineIndent;
  private boolean full;

  private PythonTokenizer(String src, int firstLine, int maxTokens, List<ParsedModule.FeatureUse> features) {
    this.src = src;
    this.line = firstLine;
    this.maxTokens = maxTokens;
    this.features = features;
  }

  /**
   * The tokens of {@code src}, whose first line is numbered {@code firstLine}, ending with
   * {@link Kind#END}; features used are added to {@code features}.
   */
  static List<PyToken> tokenize(String src, int firstLine, int maxTokens, List<ParsedModule.FeatureUse> features) {
    PythonTokenizer t = new PythonTokenizer(src, firstLine, maxTokens, features);
    t.run();
    return t.tokens;
  }

  private void run() {
    indents.add(0);
    boolean lineStart = true;
    boolean lineHasTokens = false;
    while (!full) {
      if (lineStart && depth == 0) {
        lineStart = false;
        int col = 0;
        int p = pos;
        while (p < src.length()) {
          char c = src.charAt(p);
          if (c == ' ') {
            col++;
          } else if (c == '\t') {
            col = (col / 8 + 1) * 8;
          } else if (c == '\f') {
            col = 0;
          } else {
            break;
          }
          p++;
        }
        pos = p;
        if (pos >= src.length()) {
          break;
        }
        char c = src.charAt(pos);
        if (c == '#' || c == '\n' || c == '\r') {
          skipComment();
          if (pos < src.length()) {
            newline();
            lineStart = true;
          }
          continue;
        }
        if (c == '\\' && isLineBreak(pos + 1)) {
          // A continuation on an otherwise empty line: the next line carries on this one.
          pos++;
          newline();
          continue;
        }
        lineIndent = col;
        indent(col);
      }
      if (pos >= src.length()) {
        break;
      }
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if (c == '#') {
        skipComment();
      } else if (c == '\n' || c == '\r') {
        if (depth == 0 && lineHasTokens) {
          add(Kind.NEWLINE, "\n", line);
          lineHasTokens = false;
        }
        newline();
        if (depth > 0 && unclosedBracket()) {
          add(Kind.ERROR, "'(' was never closed (the bracket opened at line " + bracketLine + ")", bracketLine);
          add(Kind.NEWLINE, "\n", line);
          depth = 0;
          lineHasTokens = false;
        }
        lineStart = depth == 0;
      } else if (c == '\\') {
        if (isLineBreak(pos + 1)) {
          pos++;
          newline();
        } else {
          add(Kind.ERROR, "unexpected character after line continuation character", line);
          pos++;
        }
      } else {
        lineHasTokens = true;
        token(c);
      }
    }
    if (full) {
      return;
    }
    if (lineHasTokens) {
      add(Kind.NEWLINE, "", line);
    }
    while (indents.size() > 1 && !full) {
      indents.remove(indents.size() - 1);
      add(Kind.DEDENT, "", line);
    }
    if (!full) {
      tokens.add(new PyToken(Kind.END, "", line));
    }
  }

  /** At the start of a line inside brackets: does a statement start here instead? */
  private boolean unclosedBracket() {
    int col = 0;
    int p = pos;
    while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
      col = src.charAt(p) == '\t' ? (col / 8 + 1) * 8 : col + 1;
      p++;
    }
    int end = p;
    while (end < src.length() && Character.isLetter(src.charAt(end))) {
      end++;
    }
    if (col > bracketIndent || end == p || end < src.length() && Character.isLetterOrDigit(src.charAt(end))) {
      return false;
    }
    String word = src.substring(p, end);
    if (STATEMENT_WORDS.contains(word)) {
      return true;
    }
    if (!HEADER_WORDS.contains(word)) {
      return false;
    }
    int eol = end;
    while (eol < src.length() && src.charAt(eol) != '\n' && src.charAt(eol) != '\r' && src.charAt(eol) != '#') {
      eol++;
    }
    return src.substring(end, eol).strip().endsWith(":");
  }

  private boolean isLineBreak(int p) {
    return p < src.length() && (src.charAt(p) == '\n' || src.charAt(p) == '\r');
  }

  /** Consumes one line break at {@code pos} (\n, \r\n or \r). */
  private void newline() {
    if (src.charAt(pos) == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
      pos++;
    }
    pos++;
    line++;
  }

  private void skipComment() {
    while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
      pos++;
    }
  }

  private void indent(int col) {
    int top = indents.get(indents.size() - 1);
    if (col > top) {
      if (indents.size() > MAX_INDENT_LEVELS) {
        add(Kind.ERROR, "too many levels of indentation", line);
        return;
      }
      indents.add(col);
      add(Kind.INDENT, "", line);
      return;
    }
    while (col < indents.get(indents.size() - 1)) {
      indents.remove(indents.size() - 1);
      add(Kind.DEDENT, "", line);
    }
    if (col != indents.get(indents.size() - 1)) {
      add(Kind.ERROR, "unindent does not match any outer indentation level", line);
    }
  }

  private void token(char c) {
    int start = pos;
    if (c == '"' || c == '\'') {
      string(start, start);
      return;
    }
    if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
      number();
      return;
    }
    if (isIdentifierStart(c)) {
      int p = pos;
      boolean ascii = true;
      while (p < src.length()) {
        int cp = src.codePointAt(p);
        if (!isIdentifierPart(cp)) {
          break;
        }
        ascii &= cp < 128;
        p += Character.charCount(cp);
      }
      String word = src.substring(pos, p);
      if (p < src.length() && (src.charAt(p) == '"' || src.charAt(p) == '\'') && isStringPrefix(word)) {
        string(start, p);
        return;
      }
      if (!ascii) {
        feature(SyntaxFeature.NON_ASCII_IDENTIFIER, line);
      }
      pos = p;
      add(Kind.NAME, word, line);
      return;
    }
    for (String op : OPERATORS) {
      if (src.startsWith(op, pos)) {
        pos += op.length();
        switch (op) {
          case "(", "[", "{" -> {
            if (depth++ == 0) {
              bracketLine = line;
              bracketIndent = lineIndent;
            }
          }
          case ")", "]", "}" -> depth = Math.max(0, depth - 1);
          case "<>" -> feature(SyntaxFeature.NOT_EQUAL_ANGLE, line);
          case "`" -> feature(SyntaxFeature.BACKTICKS, line);
          default -> { }
        }
        add(Kind.OP, op, line);
        return;
      }
    }
    int cp = src.codePointAt(pos);
    pos += Character.charCount(cp);
    add(Kind.ERROR, "invalid character '" + new String(Character.toChars(cp)) + "' (U+"
        + String.format("%04X", cp) + ")", line);
  }

  private static boolean isIdentifierStart(char c) {
    return c == '_' || Character.isLetter(c) || (c >= 128 && Character.isUnicodeIdentifierStart(c))
        || Character.isHighSurrogate(c);
  }

  private static boolean isIdentifierPart(int cp) {
    return cp == '_' || Character.isLetterOrDigit(cp) || (cp >= 128 && Character.isUnicodeIdentifierPart(cp)
        && !Character.isIdentifierIgnorable(cp));
  }

  private static boolean isStringPrefix(String word) {
    return switch (word.toLowerCase()) {
      case "r", "u", "b", "f", "br", "rb", "ur", "fr", "rf" -> true;
      default -> false;
    };
  }

  /** A string literal whose prefix starts at {@code start} and whose quote is at {@code quoteAt}. */
  private void string(int start, int quoteAt) {
    String prefix = src.substring(start, quoteAt).toLowerCase();
    int startLine = line;
    if (prefix.equals("ur")) {
      feature(SyntaxFeature.UR_PREFIX, line);
    } else if (prefix.equals("rb")) {
      feature(SyntaxFeature.RB_PREFIX, line);
    } else if (prefix.contains("f")) {
      feature(SyntaxFeature.FSTRING, line);
    }
    char q = src.charAt(quoteAt);
    boolean triple = src.startsWith("" + q + q + q, quoteAt);
    int p = quoteAt + (triple ? 3 : 1);
    while (true) {
      if (p >= src.length()) {
        pos = src.length();
        add(Kind.ERROR, triple ? "EOF while scanning triple-quoted string literal" : "EOL while scanning string literal", startLine);
        return;
      }
      char c = src.charAt(p);
      if (c == '\\') {
        if (p + 1 < src.length() && (src.charAt(p + 1) == '\n' || src.charAt(p + 1) == '\r')) {
          pos = p + 1;
          newline();
          p = pos;
        } else {
          p += 2;
        }
        continue;
      }
      if (c == '\n' || c == '\r') {
        if (!triple) {
          pos = p;
          add(Kind.ERROR, "EOL while scanning string literal", startLine);
          return;
        }
        pos = p;
        newline();
        p = pos;
        continue;
      }
      if (c == q && (!triple || src.startsWith("" + q + q + q, p))) {
        pos = p + (triple ? 3 : 1);
        add(Kind.STRING, src.substring(start, pos), startLine);
        return;
      }
      p++;
    }
  }

  private void number() {
    int start = pos;
    char c0 = src.charAt(pos);
    char c1 = pos + 1 < src.length() ? Character.toLowerCase(src.charAt(pos + 1)) : 0;
    if (c0 == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) {
      pos += 2;
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        pos++;
      }
    } else {
      digits();
      if (pos < src.length() && src.charAt(pos) == '.') {
        pos++;
        digits();
      }
      if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
        int save = pos;
        pos++;
        if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
          pos++;
        }
        if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          digits();
        } else {
          pos = save;
        }
      }
      if (pos < src.length() && "jJlL".indexOf(src.charAt(pos)) >= 0) {
        pos++;
      }
    }
    String text = src.substring(start, pos);
    if (pos < src.length() && isIdentifierPart(src.codePointAt(pos))) {
      while (pos < src.length() && isIdentifierPart(src.codePointAt(pos))) {
        pos++;
      }
      add(Kind.ERROR, "invalid syntax: number '" + src.substring(start, pos) + "'", line);
      return;
    }
    String lower = text.toLowerCase();
    if (lower.contains("_")) {
      feature(SyntaxFeature.NUMERIC_UNDERSCORES, line);
    }
    if (lower.endsWith("l")) {
      feature(SyntaxFeature.LONG_SUFFIX, line);
    }
    String body = lower.endsWith("l") ? lower.substring(0, lower.length() - 1) : lower;
    if (body.length() > 1 && body.charAt(0) == '0' && body.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        && body.chars().anyMatch(ch -> ch != '0')) {
      if (body.chars().anyMatch(ch -> ch > '7')) {
        add(Kind.ERROR, "invalid token: '" + text + "'", line);
        return;
      }
      feature(SyntaxFeature.OCTAL_LEADING_ZERO, line);
    }
    add(Kind.NUMBER, text, line);
  }

  private void digits() {
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
  }

  private void feature(SyntaxFeature f, int at) {
    features.add(new ParsedModule.FeatureUse(f, at, ""));
  }

  private void add(Kind kind, String text, int at) {
    if (tokens.size() >= maxTokens - 2) {
      tokens.add(new PyToken(Kind.ERROR, "more than " + maxTokens + " tokens", at));
      tokens.add(new PyToken(Kind.END, "", at));
      full = true;
      return;
    }
    tokens.add(new PyToken(kind, text, at));
  }
}
