package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.setuppy.Expr.Arg;
import dev.pypidb.extract.setuppy.Expr.Param;
import dev.pypidb.extract.setuppy.Expr.ParamKind;
import dev.pypidb.extract.setuppy.Expr.Params;
import dev.pypidb.extract.setuppy.PyToken.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the union of the Python 2.7 and Python 3 grammars, producing
 * {@link Stmt} and {@link Expr} nodes. Syntax only one Python line accepts (the print statement,
 * f-strings, ...) is parsed and recorded as a {@link ParsedModule.FeatureUse}, so each Python key
 * can tell whether it compiles the module.
 *
 * <p>A statement that does not parse becomes a {@link Stmt.Error} with the line and the reason,
 * and parsing goes on with the next statement. Nesting deeper than {@link Limits#maxDepth()}
 * and sources with more than {@link Limits#maxTokens()} tokens become errors too, never a stack
 * overflow.
 */
final class PythonParser {
  /** Words that never start an expression atom. */
  private static final Set<String> KEYWORDS = Set.of("and", "as", "assert", "break", "class", "continue",
      "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
      "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");
  private static final Set<String> AUGMENTED = Set.of("+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=",
      "<<=", "&=", "|=", "^=", "@=");
  private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=", "<>");
  private static final int MAX_TRAILERS = 1000;
  private static final int MAX_INT_DIGITS = 4300;
  /** The error of a match statement, which Pythons before 3.10 reject anyway. */
  static final String MATCH_UNSUPPORTED = "the match statement (Python 3.10) is not supported by this parser";

  private final List<PyToken> toks;
  private final String[] lines;
  private final Limits limits;
  private final List<ParsedModule.FeatureUse> features;
  private final List<Stmt.Error> errors;
  private int i;
  private int depth;
  private int asyncFunctions;
  private boolean printFunction;

  private PythonParser(List<PyToken> toks, String[] lines, Limits limits, int depth,
      List<ParsedModule.FeatureUse> features, List<Stmt.Error> errors) {
    this.toks = toks;
    this.lines = lines;
    this.limits = limits;
    this.depth = depth;
    this.features = features;
    this.errors = errors;
  }

  /** A statement or expression that does not parse, with the line where it was noticed. */
  static final class ParseError extends RuntimeException {
    final int line;

    ParseError(String message, int line) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  /** Parses a whole module. Never throws: what does not parse becomes {@link Stmt.Error}. */
  static ParsedModule parse(String source, Limits limits) {
    List<ParsedModule.FeatureUse> features = new ArrayList<>();
    List<PyToken> toks = PythonTokenizer.tokenize(source, 1, limits.maxTokens(), features);
    PythonParser p = new PythonParser(toks, source.split("\r\n|\r|\n", -1), limits, 0, features, new ArrayList<>());
    List<Stmt> body = new ArrayList<>();
    while (p.peek().kind() != Kind.END) {
      PyToken t = p.peek();
      if (t.kind() == Kind.DEDENT || t.kind() == Kind.NEWLINE) {
        p.i++;
        continue;
      }
      if (t.kind() == Kind.INDENT) {
        Stmt.Error err = new Stmt.Error("unexpected indent", t.line());
        p.errors.add(err);
        body.add(err);
        p.skipBlock();
        continue;
      }
      body.addAll(p.statement());
    }
    return new ParsedModule(body, features, p.errors, p.printFunction);
  }

  // ---------------------------------------------------------------- tokens

  private PyToken peek() {
    return toks.get(i);
  }

  private PyToken peek(int ahead) {
    return toks.get(Math.min(i + ahead, toks.size() - 1));
  }

  private PyToken next() {
    PyToken t = toks.get(i);
    if (t.kind() != Kind.END) {
      i++;
    }
    return t;
  }

  private boolean atOp(String op) {
    return peek().isOp(op);
  }

  private boolean atName(String name) {
    return peek().isName(name);
  }

  private boolean acceptOp(String op) {
    if (atOp(op)) {
      i++;
      return true;
    }
    return false;
  }

  private boolean acceptName(String name) {
    if (atName(name)) {
      i++;
      return true;
    }
    return false;
  }

  private void expectOp(String op) {
    if (!acceptOp(op)) {
      throw unexpected("expected '" + op + "'");
    }
  }

  private void expectName(String name) {
    if (!acceptName(name)) {
      throw unexpected("expected '" + name + "'");
    }
  }

  private String identifier() {
    PyToken t = peek();
    if (t.kind() != Kind.NAME || KEYWORDS.contains(t.text())) {
      throw unexpected("expected a name");
    }
    i++;
    return t.text();
  }

  private ParseError unexpected(String what) {
    PyToken t = peek();
    if (t.kind() == Kind.ERROR) {
      return new ParseError(t.text(), t.line());
    }
    String found = switch (t.kind()) {
      case NEWLINE -> "end of line";
      case INDENT -> "unexpected indent";
      case DEDENT -> "unindent";
      case END -> "end of file";
      default -> "'" + t.text() + "'";
    };
    return new ParseError("invalid syntax: " + what + ", found " + found, t.line());
  }

  private void enter() {
    if (++depth > limits.maxDepth()) {
      throw new ParseError("nesting deeper than " + limits.maxDepth() + " levels (the parser's limit)", peek().line());
    }
  }

  private void leave() {
    depth = Math.max(0, depth - 1);
  }

  private void feature(SyntaxFeature f, int line) {
    features.add(new ParsedModule.FeatureUse(f, line, ""));
  }

  // ---------------------------------------------------------------- statements

  private List<Stmt> statement() {
    int start = i;
    int savedDepth = depth;
    try {
      return statementInner();
    } catch (ParseError e) {
      depth = savedDepth;
      Stmt.Error err = new Stmt.Error(e.getMessage(), e.line);
      errors.add(err);
      recover(start);
      return List.of(err);
    }
  }

  /** Skips the rest of the logical line, and the indented block after it if any. */
  private void recover(int start) {
    while (peek().kind() != Kind.NEWLINE && peek().kind() != Kind.END && peek().kind() != Kind.DEDENT) {
      if (peek().kind() == Kind.INDENT) {
        break;
      }
      i++;
    }
    if (peek().kind() == Kind.NEWLINE) {
      i++;
    }
    if (peek().kind() == Kind.INDENT) {
      skipBlock();
    }
    if (i == start && peek().kind() != Kind.END && peek().kind() != Kind.DEDENT) {
      i++;
    }
  }

  private void skipBlock() {
    int level = 0;
    do {
      PyToken t = next();
      if (t.kind() == Kind.INDENT) {
        level++;
      } else if (t.kind() == Kind.DEDENT) {
        level--;
      } else if (t.kind() == Kind.END) {
        return;
      }
    } while (level > 0);
  }

  private List<Stmt> statementInner() {
    PyToken t = peek();
    if (t.isOp("@")) {
      return List.of(decorated());
    }
    if (t.kind() == Kind.NAME) {
      switch (t.text()) {
        case "if":
          return List.of(ifStmt());
        case "while":
          return List.of(whileStmt());
        case "for":
          return List.of(forStmt());
        case "try":
          return List.of(tryStmt());
        case "with":
          return List.of(withStmt());
        case "def":
          return List.of(funcDef(List.of(), false));
        case "class":
          return List.of(classDef(List.of()));
        case "async":
          if (peek(1).isName("def") || peek(1).isName("for") || peek(1).isName("with")) {
            feature(SyntaxFeature.ASYNC, t.line());
            i++;
            if (atName("def")) {
              return List.of(funcDef(List.of(), true));
            }
            return List.of(atName("for") ? forStmt() : withStmt());
          }
          break;
        case "match":
          if (looksLikeMatch()) {
            feature(SyntaxFeature.MATCH_STATEMENT, t.line());
            throw new ParseError(MATCH_UNSUPPORTED, t.line());
          }
          break;
        default:
          break;
      }
    }
    return simpleStatements();
  }

  /** {@code match subject:} followed by an indented {@code case}: a soft-keyword statement. */
  private boolean looksLikeMatch() {
    PyToken n = peek(1);
    if (n.kind() == Kind.OP && !n.isOp("(") && !n.isOp("[") && !n.isOp("{") && !n.isOp("-")) {
      return false;
    }
    for (int k = i + 1; k < toks.size() - 2; k++) {
      PyToken t = toks.get(k);
      if (t.kind() == Kind.NEWLINE) {
        return toks.get(k - 1).isOp(":") && toks.get(k + 1).kind() == Kind.INDENT
            && toks.get(k + 2).isName("case");
      }
      if (t.kind() == Kind.END) {
        return false;
      }
    }
    return false;
  }

  private List<Stmt> simpleStatements() {
    List<Stmt> out = new ArrayList<>();
    out.add(smallStatement());
    while (acceptOp(";")) {
      if (peek().kind() == Kind.NEWLINE || peek().kind() == Kind.END) {
        break;
      }
      out.add(smallStatement());
    }
    if (peek().kind() == Kind.NEWLINE) {
      i++;
    } else if (peek().kind() != Kind.END) {
      throw unexpected("expected end of statement");
    }
    return out;
  }

  private Stmt smallStatement() {
    PyToken t = peek();
    int line = t.line();
    if (t.kind() == Kind.NAME) {
      switch (t.text()) {
        case "pass":
          i++;
          return new Stmt.Pass(line);
        case "break":
          i++;
          return new Stmt.Break(line);
        case "continue":
          i++;
          return new Stmt.Continue(line);
        case "return": {
          i++;
          Expr value = atStatementEnd() ? null : testListStarExpr();
          return new Stmt.Return(value, line);
        }
        case "raise":
          return raiseStmt();
        case "global":
        case "nonlocal": {
          i++;
          if (t.text().equals("nonlocal")) {
            feature(SyntaxFeature.NONLOCAL, line);
          }
          List<String> names = new ArrayList<>();
          names.add(identifier());
          while (acceptOp(",")) {
            names.add(identifier());
          }
          return t.text().equals("global") ? new Stmt.Global(names, line) : new Stmt.Nonlocal(names, line);
        }
        case "del": {
          i++;
          Expr targets = exprList();
          return new Stmt.Delete(targets instanceof Expr.Tuple tu ? tu.elts() : List.of(targets), line);
        }
        case "assert": {
          i++;
          Expr test = test();
          Expr msg = acceptOp(",") ? test() : null;
          return new Stmt.Assert(test, msg, line);
        }
        case "import":
          return importStmt();
        case "from":
          return fromImport();
        case "print":
          if (isPrintStatement()) {
            return printStmt();
          }
          break;
        case "exec":
          if (isExecStatement()) {
            return execStmt();
          }
          break;
        default:
          break;
      }
    }
    return exprStatement();
  }

  private boolean atStatementEnd() {
    PyToken t = peek();
    return t.kind() == Kind.NEWLINE || t.kind() == Kind.END || t.isOp(";");
  }

  private Stmt exprStatement() {
    int line = peek().line();
    Expr first = yieldOrTestListStar();
    if (atOp(":") && (first instanceof Expr.Name || first instanceof Expr.Attribute || first instanceof Expr.Subscript)) {
      i++;
      feature(SyntaxFeature.VARIABLE_ANNOTATIONS, line);
      Expr annotation = test();
      Expr value = acceptOp("=") ? yieldOrTestListStar() : null;
      return new Stmt.AnnAssign(first, annotation, value, line);
    }
    if (peek().kind() == Kind.OP && AUGMENTED.contains(peek().text())) {
      String op = next().text();
      if (op.equals("@=")) {
        feature(SyntaxFeature.MATMUL, line);
      }
      Expr value = yieldOrTestList();
      return new Stmt.AugAssign(first, op.substring(0, op.length() - 1), value, line);
    }
    if (!atOp("=")) {
      return new Stmt.ExprStmt(first, line);
    }
    List<Expr> targets = new ArrayList<>();
    Expr value = first;
    while (acceptOp("=")) {
      targets.add(value);
      checkTarget(value);
      value = yieldOrTestListStar();
    }
    return new Stmt.Assign(targets, value, line);
  }

  private void checkTarget(Expr target) {
    if (target instanceof Expr.Tuple t) {
      for (Expr e : t.elts()) {
        if (e instanceof Expr.Starred) {
          feature(SyntaxFeature.STAR_TARGET, target.line());
        }
      }
    }
  }

  private boolean isPrintStatement() {
    PyToken n = peek(1);
    if (n.kind() == Kind.NAME) {
      return !KEYWORDS.contains(n.text()) || n.text().equals("lambda") || n.text().equals("not");
    }
    if (n.kind() == Kind.STRING || n.kind() == Kind.NUMBER) {
      return true;
    }
    return n.isOp(">>") || n.isOp("-") || n.isOp("+") || n.isOp("~") || n.isOp("[") || n.isOp("{")
        || n.isOp("`");
  }

  /**
   * Python 2's print statement. {@code print >>f, x}, {@code print -x} and {@code print [x]} also
   * compile in Python 3 (as expressions that fail when run); the others do not.
   */
  private Stmt printStmt() {
    PyToken t = next();
    PyToken n = peek();
    boolean py3Compiles = n.isOp(">>") || n.isOp("-") || n.isOp("+") || n.isOp("~") || n.isOp("[");
    if (!py3Compiles) {
      String text = t.line() - 1 < lines.length ? lines[t.line() - 1].strip() : "";
      String detail = text.startsWith("print") ? text.substring(5).strip() : text;
      if (detail.endsWith(";")) {
        detail = detail.substring(0, detail.length() - 1).strip();
      }
      features.add(new ParsedModule.FeatureUse(SyntaxFeature.PRINT_STATEMENT, t.line(), detail));
    }
    Expr dest = null;
    if (acceptOp(">>")) {
      dest = test();
      if (!acceptOp(",")) {
        return new Stmt.Print(dest, List.of(), t.line());
      }
    }
    List<Expr> values = new ArrayList<>();
    while (!atStatementEnd()) {
      values.add(test());
      if (!acceptOp(",")) {
        break;
      }
    }
    return new Stmt.Print(dest, values, t.line());
  }

  private boolean isExecStatement() {
    PyToken n = peek(1);
    return (n.kind() == Kind.NAME && !KEYWORDS.contains(n.text())) || n.kind() == Kind.STRING;
  }

  private Stmt execStmt() {
    PyToken t = next();
    feature(SyntaxFeature.EXEC_STATEMENT, t.line());
    Expr code = expr();
    Expr globals = null;
    Expr locals = null;
    if (acceptName("in")) {
      globals = test();
      if (acceptOp(",")) {
        locals = test();
      }
    }
    return new Stmt.Exec(code, globals, locals, t.line());
  }

  private Stmt raiseStmt() {
    int line = next().line();
    if (atStatementEnd()) {
      return new Stmt.Raise(null, null, null, line);
    }
    Expr exc = test();
    if (acceptName("from")) {
      feature(SyntaxFeature.RAISE_FROM, line);
      return new Stmt.Raise(exc, test(), null, line);
    }
    if (acceptOp(",")) {
      feature(SyntaxFeature.RAISE_COMMA, line);
      Expr value = test();
      if (acceptOp(",")) {
        test();
      }
      return new Stmt.Raise(exc, null, value, line);
    }
    return new Stmt.Raise(exc, null, null, line);
  }

  private Stmt importStmt() {
    int line = next().line();
    List<Stmt.Alias> names = new ArrayList<>();
    do {
      String name = dottedName();
      String as = acceptName("as") ? identifier() : null;
      names.add(new Stmt.Alias(name, as));
    } while (acceptOp(","));
    return new Stmt.Import(names, line);
  }

  private String dottedName() {
    StringBuilder name = new StringBuilder(identifierOrKeywordLike());
    while (acceptOp(".")) {
      name.append('.').append(identifierOrKeywordLike());
    }
    return name.toString();
  }

  /** A module name part: Python 2 allows {@code print}/{@code exec}-like names too. */
  private String identifierOrKeywordLike() {
    return identifier();
  }

  private Stmt fromImport() {
    int line = next().line();
    int level = 0;
    while (atOp(".") || atOp("...")) {
      level += next().text().length();
    }
    String module = "";
    if (!atName("import")) {
      module = dottedName();
    }
    expectName("import");
    List<Stmt.Alias> names = new ArrayList<>();
    if (acceptOp("*")) {
      names.add(new Stmt.Alias("*", null));
    } else {
      boolean paren = acceptOp("(");
      do {
        if (paren && atOp(")")) {
          break;
        }
        String name = identifier();
        String as = acceptName("as") ? identifier() : null;
        names.add(new Stmt.Alias(name, as));
      } while (acceptOp(","));
      if (paren) {
        expectOp(")");
      }
    }
    if (module.equals("__future__") && level == 0) {
      for (Stmt.Alias a : names) {
        if (a.name().equals("print_function")) {
          printFunction = true;
        }
      }
    }
    return new Stmt.ImportFrom(module, level, names, line);
  }

  private List<Stmt> block() {
    expectOp(":");
    enter();
    try {
      if (peek().kind() != Kind.NEWLINE) {
        return simpleStatements();
      }
      i++;
      if (peek().kind() != Kind.INDENT) {
        throw unexpected("expected an indented block");
      }
      i++;
      List<Stmt> body = new ArrayList<>();
      while (peek().kind() != Kind.DEDENT && peek().kind() != Kind.END) {
        if (peek().kind() == Kind.INDENT) {
          Stmt.Error err = new Stmt.Error("unexpected indent", peek().line());
          errors.add(err);
          body.add(err);
          skipBlock();
          continue;
        }
        body.addAll(statement());
      }
      if (peek().kind() == Kind.DEDENT) {
        i++;
      }
      return body;
    } finally {
      leave();
    }
  }

  private Stmt ifStmt() {
    int line = next().line();
    Expr test = namedExprTest();
    List<Stmt> body = block();
    List<Stmt> orelse = List.of();
    if (atName("elif")) {
      orelse = List.of(ifStmt());
    } else if (acceptName("else")) {
      orelse = block();
    }
    return new Stmt.If(test, body, orelse, line);
  }

  private Stmt whileStmt() {
    int line = next().line();
    Expr test = namedExprTest();
    List<Stmt> body = block();
    List<Stmt> orelse = acceptName("else") ? block() : List.of();
    return new Stmt.While(test, body, orelse, line);
  }

  private Stmt forStmt() {
    int line = next().line();
    Expr target = exprList();
    checkTarget(target);
    expectName("in");
    Expr iter = testListStarExpr();
    List<Stmt> body = block();
    List<Stmt> orelse = acceptName("else") ? block() : List.of();
    return new Stmt.For(target, iter, body, orelse, line);
  }

  private Stmt tryStmt() {
    int line = next().line();
    List<Stmt> body = block();
    List<Stmt.Handler> handlers = new ArrayList<>();
    while (atName("except")) {
      int hline = next().line();
      if (acceptOp("*")) {
        feature(SyntaxFeature.EXCEPT_STAR, hline);
      }
      Expr type = null;
      String name = null;
      if (!atOp(":")) {
        type = test();
        if (acceptName("as")) {
          name = identifier();
        } else if (acceptOp(",")) {
          feature(SyntaxFeature.EXCEPT_COMMA, hline);
          Expr target = expr();
          name = target instanceof Expr.Name n ? n.id() : null;
        }
      }
      handlers.add(new Stmt.Handler(type, name, block(), hline));
    }
    List<Stmt> orelse = List.of();
    if (!handlers.isEmpty() && acceptName("else")) {
      orelse = block();
    }
    List<Stmt> finalbody = List.of();
    if (acceptName("finally")) {
      finalbody = block();
    } else if (handlers.isEmpty()) {
      throw unexpected("expected 'except' or 'finally' block");
    }
    return new Stmt.Try(body, handlers, orelse, finalbody, line);
  }

  private Stmt withStmt() {
    int line = next().line();
    int start = i;
    int savedDepth = depth;
    List<Stmt.WithItem> items;
    try {
      items = withItems();
      if (!atOp(":")) {
        throw unexpected("expected ':'");
      }
    } catch (ParseError e) {
      if (!toks.get(start).isOp("(")) {
        throw e;
      }
      i = start + 1;
      depth = savedDepth;
      feature(SyntaxFeature.PARENTHESIZED_WITH, line);
      items = new ArrayList<>();
      do {
        if (atOp(")")) {
          break;
        }
        items.add(withItem());
      } while (acceptOp(","));
      expectOp(")");
    }
    return new Stmt.With(items, block(), line);
  }

  private List<Stmt.WithItem> withItems() {
    List<Stmt.WithItem> items = new ArrayList<>();
    do {
      items.add(withItem());
    } while (acceptOp(","));
    return items;
  }

  private Stmt.WithItem withItem() {
    Expr context = test();
    Expr target = acceptName("as") ? expr() : null;
    return new Stmt.WithItem(context, target);
  }

  private Stmt decorated() {
    List<Expr> decorators = new ArrayList<>();
    while (atOp("@")) {
      int line = next().line();
      Expr d = namedExprTest();
      if (!isClassicDecorator(d)) {
        feature(SyntaxFeature.RELAXED_DECORATORS, line);
      }
      decorators.add(d);
      if (peek().kind() != Kind.NEWLINE) {
        throw unexpected("expected end of line after a decorator");
      }
      i++;
    }
    if (atName("def")) {
      return funcDef(decorators, false);
    }
    if (atName("class")) {
      return classDef(decorators);
    }
    if (atName("async") && peek(1).isName("def")) {
      feature(SyntaxFeature.ASYNC, peek().line());
      i++;
      return funcDef(decorators, true);
    }
    throw unexpected("expected 'def' or 'class' after a decorator");
  }

  private static boolean isClassicDecorator(Expr d) {
    Expr e = d instanceof Expr.Call c ? c.func() : d;
    while (e instanceof Expr.Attribute a) {
      e = a.value();
    }
    return e instanceof Expr.Name;
  }

  private Stmt funcDef(List<Expr> decorators, boolean async) {
    int line = next().line();
    String name = identifier();
    expectOp("(");
    Params params = parameters(")", true);
    expectOp(")");
    if (acceptOp("->")) {
      feature(SyntaxFeature.ANNOTATIONS, line);
      test();
    }
    if (async) {
      asyncFunctions++;
    }
    try {
      return new Stmt.FunctionDef(name, params, block(), decorators, line);
    } finally {
      if (async) {
        asyncFunctions--;
      }
    }
  }

  private Stmt classDef(List<Expr> decorators) {
    int line = next().line();
    String name = identifier();
    List<Arg> bases = List.of();
    if (acceptOp("(")) {
      bases = arguments(line);
      if (bases.stream().anyMatch(a -> a.keyword() != null || a.star() != 0)) {
        feature(SyntaxFeature.CLASS_KEYWORDS, line);
      }
    }
    return new Stmt.ClassDef(name, bases, block(), decorators, line);
  }

  /** Parameters up to {@code close} (")" for def, ":" for lambda), which is not consumed. */
  private Params parameters(String close, boolean annotations) {
    List<Param> params = new ArrayList<>();
    boolean keywordOnly = false;
    while (!atOp(close)) {
      int line = peek().line();
      if (acceptOp("**")) {
        String name = identifier();
        annotation(annotations, line);
        params.add(new Param(name, null, ParamKind.VAR_KEYWORD, null));
      } else if (acceptOp("*")) {
        keywordOnly = true;
        if (atOp(",") || atOp(close)) {
          feature(SyntaxFeature.KEYWORD_ONLY_PARAMETERS, line);
        } else {
          String name = identifier();
          annotation(annotations, line);
          params.add(new Param(name, null, ParamKind.VAR_POSITIONAL, null));
        }
      } else if (acceptOp("/")) {
        feature(SyntaxFeature.POSITIONAL_ONLY_PARAMETERS, line);
      } else if (atOp("(")) {
        feature(SyntaxFeature.TUPLE_PARAMETERS, line);
        Expr target = atom();
        Expr def = acceptOp("=") ? test() : null;
        params.add(new Param(null, def, ParamKind.POSITIONAL, target));
      } else {
        String name = identifier();
        annotation(annotations, line);
        Expr def = acceptOp("=") ? test() : null;
        if (keywordOnly) {
          feature(SyntaxFeature.KEYWORD_ONLY_PARAMETERS, line);
        }
        params.add(new Param(name, def, keywordOnly ? ParamKind.KEYWORD_ONLY : ParamKind.POSITIONAL, null));
      }
      if (!acceptOp(",")) {
        break;
      }
    }
    return new Params(params);
  }

  private void annotation(boolean allowed, int line) {
    if (allowed && acceptOp(":")) {
      feature(SyntaxFeature.ANNOTATIONS, line);
      test();
    }
  }

  // ---------------------------------------------------------------- expressions

  private Expr yieldOrTestListStar() {
    return atName("yield") ? yieldExpr() : testListStarExpr();
  }

  private Expr yieldOrTestList() {
    return atName("yield") ? yieldExpr() : testListStarExpr();
  }

  private Expr yieldExpr() {
    int line = next().line();
    if (acceptName("from")) {
      feature(SyntaxFeature.YIELD_FROM, line);
      return new Expr.Yield(test(), true, line);
    }
    if (atStatementEnd() || atOp(")") || atOp("=")) {
      return new Expr.Yield(null, false, line);
    }
    return new Expr.Yield(testListStarExpr(), false, line);
  }

  /** Comma-separated tests or starred expressions; a tuple when there is a comma. */
  private Expr testListStarExpr() {
    int line = peek().line();
    Expr first = atOp("*") ? starExpr() : namedExprTest();
    if (!atOp(",")) {
      return first;
    }
    List<Expr> elts = new ArrayList<>();
    elts.add(first);
    while (acceptOp(",")) {
      if (!startsExpression()) {
        break;
      }
      elts.add(atOp("*") ? starExpr() : namedExprTest());
    }
    return new Expr.Tuple(elts, line);
  }

  /** Comma-separated expressions (targets of for and del). */
  private Expr exprList() {
    int line = peek().line();
    Expr first = atOp("*") ? starExpr() : expr();
    if (!atOp(",")) {
      return first;
    }
    List<Expr> elts = new ArrayList<>();
    elts.add(first);
    while (acceptOp(",")) {
      if (!startsExpression() || atName("in")) {
        break;
      }
      elts.add(atOp("*") ? starExpr() : expr());
    }
    return new Expr.Tuple(elts, line);
  }

  private boolean startsExpression() {
    PyToken t = peek();
    return switch (t.kind()) {
      case NAME -> !KEYWORDS.contains(t.text()) || t.text().equals("not") || t.text().equals("lambda")
          || t.text().equals("yield");
      case NUMBER, STRING -> true;
      case OP -> switch (t.text()) {
        case "(", "[", "{", "-", "+", "~", "`", "*", "...", "**" -> true;
        default -> false;
      };
      default -> false;
    };
  }

  private Expr starExpr() {
    int line = next().line();
    return new Expr.Starred(expr(), line);
  }

  private Expr namedExprTest() {
    Expr e = test();
    if (atOp(":=")) {
      int line = next().line();
      feature(SyntaxFeature.WALRUS, line);
      return new Expr.NamedExpr(e, test(), line);
    }
    return e;
  }

  private Expr test() {
    enter();
    try {
      if (atName("lambda")) {
        return lambda(true);
      }
      Expr e = orTest();
      if (atName("if")) {
        int line = next().line();
        Expr cond = orTest();
        expectName("else");
        Expr orelse = test();
        return new Expr.IfExp(cond, e, orelse, line);
      }
      return e;
    } finally {
      leave();
    }
  }

  /** A test without a conditional expression (the condition of a comprehension). */
  private Expr testNoCond() {
    enter();
    try {
      return atName("lambda") ? lambda(false) : orTest();
    } finally {
      leave();
    }
  }

  private Expr lambda(boolean withCond) {
    int line = next().line();
    Params params = parameters(":", false);
    expectOp(":");
    Expr body = withCond ? test() : testNoCond();
    return new Expr.Lambda(params, body, line);
  }

  private Expr orTest() {
    Expr first = andTest();
    if (!atName("or")) {
      return first;
    }
    List<Expr> values = new ArrayList<>();
    values.add(first);
    while (acceptName("or")) {
      values.add(andTest());
    }
    return new Expr.BoolOp("or", values, first.line());
  }

  private Expr andTest() {
    Expr first = notTest();
    if (!atName("and")) {
      return first;
    }
    List<Expr> values = new ArrayList<>();
    values.add(first);
    while (acceptName("and")) {
      values.add(notTest());
    }
    return new Expr.BoolOp("and", values, first.line());
  }

  private Expr notTest() {
    if (atName("not")) {
      int line = next().line();
      enter();
      try {
        return new Expr.UnaryOp("not", notTest(), line);
      } finally {
        leave();
      }
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = expr();
    List<String> ops = new ArrayList<>();
    List<Expr> rights = new ArrayList<>();
    while (true) {
      PyToken t = peek();
      String op;
      if (t.kind() == Kind.OP && COMPARISONS.contains(t.text())) {
        op = t.text().equals("<>") ? "!=" : t.text();
        i++;
      } else if (t.isName("in")) {
        op = "in";
        i++;
      } else if (t.isName("not") && peek(1).isName("in")) {
        op = "not in";
        i += 2;
      } else if (t.isName("is")) {
        i++;
        op = acceptName("not") ? "is not" : "is";
      } else {
        break;
      }
      ops.add(op);
      rights.add(expr());
    }
    return ops.isEmpty() ? left : new Expr.Compare(left, ops, rights, left.line());
  }

  private Expr expr() {
    return binary(0);
  }

  private static final String[][] LEVELS = {
    {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%", "//", "@"}
  };

  /** One precedence level of binary operators, left to right, as one flat node. */
  private Expr binary(int level) {
    if (level == LEVELS.length) {
      return factor();
    }
    Expr first = binary(level + 1);
    List<String> ops = null;
    List<Expr> rest = null;
    while (true) {
      PyToken t = peek();
      String op = null;
      if (t.kind() == Kind.OP) {
        for (String candidate : LEVELS[level]) {
          if (t.text().equals(candidate)) {
            op = candidate;
          }
        }
      }
      if (op == null) {
        break;
      }
      i++;
      if (op.equals("@")) {
        feature(SyntaxFeature.MATMUL, t.line());
      }
      if (ops == null) {
        ops = new ArrayList<>();
        rest = new ArrayList<>();
      }
      ops.add(op);
      rest.add(binary(level + 1));
    }
    return ops == null ? first : new Expr.BinOp(first, ops, rest, first.line());
  }

  private Expr factor() {
    PyToken t = peek();
    if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
      i++;
      enter();
      try {
        return new Expr.UnaryOp(t.text(), factor(), t.line());
      } finally {
        leave();
      }
    }
    return power();
  }

  private Expr power() {
    PyToken t = peek();
    Expr base;
    if (t.isName("await") && asyncFunctions > 0) {
      i++;
      base = new Expr.Await(atomExpr(), t.line());
    } else {
      base = atomExpr();
    }
    if (atOp("**")) {
      int line = next().line();
      enter();
      try {
        return new Expr.BinOp(base, List.of("**"), List.of(factor()), line);
      } finally {
        leave();
      }
    }
    return base;
  }

  private Expr atomExpr() {
    Expr e = atom();
    int trailers = 0;
    while (true) {
      PyToken t = peek();
      if (t.isOp("(")) {
        i++;
        e = new Expr.Call(e, arguments(t.line()), t.line());
        checkPrintCall((Expr.Call) e);
      } else if (t.isOp("[")) {
        i++;
        e = new Expr.Subscript(e, subscripts(), t.line());
        expectOp("]");
      } else if (t.isOp(".")) {
        i++;
        e = new Expr.Attribute(e, attributeName(), t.line());
      } else {
        return e;
      }
      if (++trailers > MAX_TRAILERS) {
        throw new ParseError("more than " + MAX_TRAILERS + " calls, subscripts and attributes in a row", t.line());
      }
    }
  }

  /** An attribute name: any identifier, including words Python 2 reserves ({@code print}, {@code exec}). */
  private String attributeName() {
    PyToken t = peek();
    if (t.kind() != Kind.NAME) {
      throw unexpected("expected an attribute name");
    }
    i++;
    return t.text();
  }

  private void checkPrintCall(Expr.Call call) {
    if (call.func() instanceof Expr.Name n && n.id().equals("print")) {
      for (Arg a : call.args()) {
        if (a.keyword() != null || a.star() != 0) {
          feature(SyntaxFeature.PRINT_CALL_KEYWORDS, call.line());
          return;
        }
      }
    }
  }

  /** Call arguments after "(", through ")". */
  private List<Arg> arguments(int line) {
    List<Arg> args = new ArrayList<>();
    boolean sawStar = false;
    boolean sawDoubleStar = false;
    boolean sawKeyword = false;
    while (!atOp(")")) {
      int argLine = peek().line();
      if (acceptOp("**")) {
        if (sawDoubleStar) {
          feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, argLine);
        }
        sawDoubleStar = true;
        args.add(new Arg(null, test(), 2));
      } else if (acceptOp("*")) {
        if (sawStar || sawDoubleStar) {
          feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, argLine);
        }
        sawStar = true;
        args.add(new Arg(null, test(), 1));
      } else {
        Expr e = test();
        if (atOp("=") && e instanceof Expr.Name n) {
          i++;
          if (sawDoubleStar) {
            feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, argLine);
          }
          sawKeyword = true;
          args.add(new Arg(n.id(), test(), 0));
        } else if (atOp(":=")) {
          i++;
          feature(SyntaxFeature.WALRUS, argLine);
          args.add(new Arg(null, new Expr.NamedExpr(e, test(), argLine), 0));
        } else if (atName("for") || atName("async") && peek(1).isName("for")) {
          args.add(new Arg(null, comprehension("gen", e, null, argLine), 0));
        } else {
          if (sawStar || sawDoubleStar || sawKeyword) {
            if (sawDoubleStar || sawKeyword) {
              throw new ParseError("positional argument follows keyword argument", argLine);
            }
            feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, argLine);
          }
          args.add(new Arg(null, e, 0));
        }
      }
      if (!acceptOp(",")) {
        break;
      }
    }
    expectOp(")");
    return args;
  }

  private Expr subscripts() {
    int line = peek().line();
    Expr first = subscript();
    if (!atOp(",")) {
      return first;
    }
    List<Expr> elts = new ArrayList<>();
    elts.add(first);
    while (acceptOp(",")) {
      if (atOp("]")) {
        break;
      }
      elts.add(subscript());
    }
    return new Expr.Tuple(elts, line);
  }

  private Expr subscript() {
    int line = peek().line();
    if (atOp("...") && (peek(1).isOp("]") || peek(1).isOp(","))) {
      i++;
      return new Expr.Constant(PyEllipsis.ELLIPSIS, line);
    }
    Expr lower = null;
    if (!atOp(":")) {
      lower = atOp("*") ? starExpr() : namedExprTest();
      if (!atOp(":")) {
        return lower;
      }
    }
    expectOp(":");
    Expr upper = atOp(":") || atOp("]") || atOp(",") ? null : test();
    Expr step = null;
    if (acceptOp(":")) {
      step = atOp("]") || atOp(",") ? null : test();
    }
    return new Expr.Slice(lower, upper, step, line);
  }

  private Expr atom() {
    PyToken t = peek();
    int line = t.line();
    switch (t.kind()) {
      case NAME: {
        switch (t.text()) {
          case "None":
            i++;
            return new Expr.Constant(PyNone.NONE, line);
          case "True":
            i++;
            return new Expr.Constant(Boolean.TRUE, line);
          case "False":
            i++;
            return new Expr.Constant(Boolean.FALSE, line);
          default:
            if (KEYWORDS.contains(t.text())) {
              throw unexpected("expected an expression");
            }
            i++;
            return new Expr.Name(t.text(), line);
        }
      }
      case NUMBER:
        i++;
        return new Expr.Constant(number(t), line);
      case STRING:
        return strings();
      case OP:
        switch (t.text()) {
          case "(":
            return parenthesized();
          case "[":
            return bracketed();
          case "{":
            return braced();
          case "`": {
            i++;
            enter();
            try {
              Expr value = testListStarExpr();
              expectOp("`");
              return new Expr.Repr(value, line);
            } finally {
              leave();
            }
          }
          case "...":
            i++;
            feature(SyntaxFeature.ELLIPSIS_LITERAL, line);
            return new Expr.Constant(PyEllipsis.ELLIPSIS, line);
          default:
            throw unexpected("expected an expression");
        }
      default:
        throw unexpected("expected an expression");
    }
  }

  private Expr parenthesized() {
    int line = next().line();
    enter();
    try {
      if (acceptOp(")")) {
        return new Expr.Tuple(List.of(), line);
      }
      if (atName("yield")) {
        Expr y = yieldExpr();
        expectOp(")");
        return y;
      }
      Expr first = atOp("*") ? starExpr() : namedExprTest();
      if (atName("for") || atName("async") && peek(1).isName("for")) {
        Expr gen = comprehension("gen", first, null, line);
        expectOp(")");
        return gen;
      }
      if (acceptOp(")")) {
        if (first instanceof Expr.Starred) {
          throw new ParseError("cannot use starred expression here", line);
        }
        return first;
      }
      List<Expr> elts = displayElements(first, ")");
      expectOp(")");
      return new Expr.Tuple(elts, line);
    } finally {
      leave();
    }
  }

  private Expr bracketed() {
    int line = next().line();
    enter();
    try {
      if (acceptOp("]")) {
        return new Expr.ListDisplay(List.of(), line);
      }
      Expr first = atOp("*") ? starExpr() : namedExprTest();
      if (atName("for") || atName("async") && peek(1).isName("for")) {
        Expr comp = comprehension("list", first, null, line);
        expectOp("]");
        return comp;
      }
      List<Expr> elts = atOp(",") ? displayElements(first, "]") : single(first);
      expectOp("]");
      return new Expr.ListDisplay(elts, line);
    } finally {
      leave();
    }
  }

  private List<Expr> single(Expr first) {
    if (first instanceof Expr.Starred) {
      feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, first.line());
    }
    List<Expr> elts = new ArrayList<>();
    elts.add(first);
    return elts;
  }

  /** Elements after {@code first} in a display, through the last comma before {@code close}. */
  private List<Expr> displayElements(Expr first, String close) {
    List<Expr> elts = single(first);
    while (acceptOp(",")) {
      if (atOp(close)) {
        break;
      }
      Expr e = atOp("*") ? starExpr() : namedExprTest();
      if (e instanceof Expr.Starred) {
        feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, e.line());
      }
      elts.add(e);
    }
    return elts;
  }

  private Expr braced() {
    int line = next().line();
    enter();
    try {
      if (acceptOp("}")) {
        return new Expr.DictDisplay(List.of(), List.of(), line);
      }
      if (atOp("**") || !atOp("*") && isDictAhead()) {
        return dictDisplay(line);
      }
      Expr first = atOp("*") ? starExpr() : namedExprTest();
      if (atName("for") || atName("async") && peek(1).isName("for")) {
        Expr comp = comprehension("set", first, null, line);
        expectOp("}");
        return comp;
      }
      List<Expr> elts = atOp(",") ? displayElements(first, "}") : single(first);
      expectOp("}");
      return new Expr.SetDisplay(elts, line);
    } finally {
      leave();
    }
  }

  /** Whether the brace display at the cursor is a dict: a test followed by ':' at its level. */
  private boolean isDictAhead() {
    int level = 0;
    for (int k = i; k < toks.size(); k++) {
      PyToken t = toks.get(k);
      if (t.kind() == Kind.END) {
        return false;
      }
      if (t.kind() != Kind.OP) {
        if (t.isName("lambda") && level == 0) {
          return false;
        }
        continue;
      }
      switch (t.text()) {
        case "(", "[", "{" -> level++;
        case ")", "]", "}" -> {
          if (level == 0) {
            return false;
          }
          level--;
        }
        case ":" -> {
          if (level == 0) {
            return true;
          }
        }
        case "," -> {
          if (level == 0) {
            return false;
          }
        }
        default -> { }
      }
    }
    return false;
  }

  private Expr dictDisplay(int line) {
    List<Expr> keys = new ArrayList<>();
    List<Expr> values = new ArrayList<>();
    boolean first = true;
    do {
      if (atOp("}")) {
        break;
      }
      if (acceptOp("**")) {
        feature(SyntaxFeature.UNPACKING_GENERALIZATIONS, line);
        keys.add(null);
        values.add(expr());
      } else {
        Expr key = test();
        expectOp(":");
        Expr value = test();
        if (first && (atName("for") || atName("async") && peek(1).isName("for"))) {
          Expr comp = comprehension("dict", key, value, line);
          expectOp("}");
          return comp;
        }
        keys.add(key);
        values.add(value);
      }
      first = false;
    } while (acceptOp(","));
    expectOp("}");
    return new Expr.DictDisplay(keys, values, line);
  }

  private Expr comprehension(String kind, Expr elt, Expr value, int line) {
    List<Expr.CompFor> gens = new ArrayList<>();
    while (atName("for") || atName("async") && peek(1).isName("for")) {
      if (acceptName("async")) {
        feature(SyntaxFeature.ASYNC, line);
      }
      expectName("for");
      Expr target = exprList();
      expectName("in");
      Expr iter = orTest();
      List<Expr> ifs = new ArrayList<>();
      while (acceptName("if")) {
        ifs.add(testNoCond());
      }
      gens.add(new Expr.CompFor(target, iter, ifs));
    }
    return new Expr.Comprehension(kind, elt, value, gens, line);
  }

  // ---------------------------------------------------------------- literals

  private Object number(PyToken t) {
    String text = t.text().toLowerCase().replace("_", "");
    try {
      if (text.endsWith("j")) {
        return new Expr.Imaginary(t.text());
      }
      if (text.endsWith("l")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.startsWith("0x")) {
        return new BigInteger(text.substring(2), 16);
      }
      if (text.startsWith("0o")) {
        return new BigInteger(text.substring(2), 8);
      }
      if (text.startsWith("0b")) {
        return new BigInteger(text.substring(2), 2);
      }
      if (text.contains(".") || text.contains("e")) {
        return Double.parseDouble(text);
      }
      if (text.length() > MAX_INT_DIGITS) {
        throw new ParseError("integer literal of " + text.length() + " digits, over the " + MAX_INT_DIGITS
            + " digit limit", t.line());
      }
      if (text.length() > 1 && text.charAt(0) == '0' && !text.chars().allMatch(c -> c == '0')) {
        return new BigInteger(text, 8);
      }
      return new BigInteger(text);
    } catch (NumberFormatException e) {
      throw new ParseError("invalid number literal '" + t.text() + "'", t.line());
    }
  }

  /** Adjacent string literals, concatenated; f-strings become an {@link Expr.FString}. */
  private Expr strings() {
    int line = peek().line();
    List<Object> parts = new ArrayList<>();
    boolean bytes = false;
    boolean text = false;
    boolean formatted = false;
    while (peek().kind() == Kind.STRING) {
      PyToken t = next();
      String prefix = StringLiterals.prefix(t.text());
      String body = StringLiterals.body(t.text());
      boolean raw = prefix.contains("r");
      if (prefix.contains("b")) {
        bytes = true;
      } else {
        text = true;
      }
      try {
        if (prefix.contains("f")) {
          formatted = true;
          fString(body, raw, t.line(), parts);
        } else {
          parts.add(raw ? body : StringLiterals.unescape(body, prefix.contains("b")));
        }
      } catch (StringLiterals.BadEscape e) {
        throw new ParseError(e.getMessage(), t.line());
      }
    }
    if (bytes && (text || formatted)) {
      // Python 2 joins them (a str is bytes there); Python 3 refuses.
      feature(SyntaxFeature.MIXED_BYTES_TEXT, line);
    }
    if (!formatted) {
      StringBuilder s = new StringBuilder();
      for (Object p : parts) {
        s.append((String) p);
      }
      return new Expr.Constant(bytes && !text ? PyBytes.ofLatin1(s.toString()) : s.toString(), line);
    }
    List<Object> merged = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof String s && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof String prev) {
        merged.set(merged.size() - 1, prev + s);
      } else {
        merged.add(p);
      }
    }
    return new Expr.FString(merged, line);
  }

  /** Splits an f-string body into literal text and replacement fields, appending to {@code parts}. */
  private void fString(String body, boolean raw, int line, List<Object> parts) throws StringLiterals.BadEscape {
    StringBuilder literal = new StringBuilder();
    int k = 0;
    while (k < body.length()) {
      char c = body.charAt(k);
      if (c == '{' && k + 1 < body.length() && body.charAt(k + 1) == '{') {
        literal.append('{');
        k += 2;
      } else if (c == '}' && k + 1 < body.length() && body.charAt(k + 1) == '}') {
        literal.append('}');
        k += 2;
      } else if (c == '}') {
        throw new ParseError("f-string: single '}' is not allowed", line);
      } else if (c == '{') {
        if (literal.length() > 0) {
          parts.add(raw ? literal.toString() : StringLiterals.unescape(literal.toString(), false));
          literal.setLength(0);
        }
        k = field(body, k + 1, raw, line, parts);
      } else {
        literal.append(c);
        k++;
      }
    }
    if (literal.length() > 0) {
      parts.add(raw ? literal.toString() : StringLiterals.unescape(literal.toString(), false));
    }
  }

  /** One replacement field starting after its '{'; returns the index after its '}'. */
  private int field(String body, int start, boolean raw, int line, List<Object> parts) throws StringLiterals.BadEscape {
    int level = 0;
    int k = start;
    char quote = 0;
    int exprEnd = -1;
    boolean debug = false;
    while (k < body.length()) {
      char c = body.charAt(k);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        k++;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        level++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (level == 0) {
          if (c == '}') {
            exprEnd = k;
            break;
          }
          throw new ParseError("f-string: unmatched '" + c + "'", line);
        }
        level--;
      } else if (level == 0 && c == '!' && k + 1 < body.length() && body.charAt(k + 1) != '=') {
        exprEnd = k;
        break;
      } else if (level == 0 && c == ':') {
        exprEnd = k;
        break;
      } else if (level == 0 && c == '=' && k + 1 < body.length() && "}!:".indexOf(body.charAt(k + 1)) >= 0
          && k > start && "=!<>".indexOf(body.charAt(k - 1)) < 0) {
        debug = true;
        exprEnd = k;
        break;
      }
      k++;
    }
    if (exprEnd < 0) {
      throw new ParseError("f-string: expecting '}'", line);
    }
    String exprText = body.substring(start, exprEnd);
    if (exprText.isBlank()) {
      throw new ParseError("f-string: empty expression not allowed", line);
    }
    Expr value = subExpression(exprText, line);
    k = exprEnd;
    if (debug) {
      parts.add(body.substring(start, exprEnd + 1));
      k++;
    }
    char conversion = debug ? 'r' : 0;
    if (k < body.length() && body.charAt(k) == '!') {
      if (k + 1 >= body.length() || "sra".indexOf(body.charAt(k + 1)) < 0) {
        throw new ParseError("f-string: invalid conversion character", line);
      }
      conversion = body.charAt(k + 1);
      k += 2;
    }
    Expr spec = null;
    if (k < body.length() && body.charAt(k) == ':') {
      int specStart = k + 1;
      int nest = 0;
      k = specStart;
      while (k < body.length() && (body.charAt(k) != '}' || nest > 0)) {
        if (body.charAt(k) == '{') {
          nest++;
        } else if (body.charAt(k) == '}') {
          nest--;
        }
        k++;
      }
      List<Object> specParts = new ArrayList<>();
      enter();
      try {
        fString(body.substring(specStart, k), raw, line, specParts);
      } finally {
        leave();
      }
      spec = new Expr.FString(specParts, line);
      if (debug && conversion == 'r') {
        conversion = 0;
      }
    }
    if (k >= body.length() || body.charAt(k) != '}') {
      throw new ParseError("f-string: expecting '}'", line);
    }
    parts.add(new Expr.FormattedValue(value, conversion, spec));
    return k + 1;
  }

  /** Parses the expression of an f-string field with the same limits and feature list. */
  private Expr subExpression(String text, int line) {
    List<PyToken> sub = PythonTokenizer.tokenize("(" + text + ")", line, limits.maxTokens(), features);
    PythonParser p = new PythonParser(sub, lines, limits, depth + 1, features, errors);
    p.asyncFunctions = asyncFunctions;
    Expr e = p.testListStarExpr();
    while (p.peek().kind() == Kind.NEWLINE) {
      p.i++;
    }
    if (p.peek().kind() != Kind.END) {
      throw p.unexpected("f-string: invalid expression");
    }
    return e;
  }

  /**
   * Parses {@code source} as one expression ({@code eval} input); throws {@link ParseError}.
   */
  static Expr parseExpression(String source, Limits limits, List<ParsedModule.FeatureUse> features) {
    List<PyToken> toks = PythonTokenizer.tokenize(source, 1, limits.maxTokens(), features);
    PythonParser p = new PythonParser(toks, source.split("\n", -1), limits, 0, features, new ArrayList<>());
    while (p.peek().kind() == Kind.NEWLINE || p.peek().kind() == Kind.INDENT) {
      p.i++;
    }
    Expr e = p.testListStarExpr();
    while (p.peek().kind() == Kind.NEWLINE || p.peek().kind() == Kind.DEDENT) {
      p.i++;
    }
    if (p.peek().kind() != Kind.END) {
      throw p.unexpected("expected end of expression");
    }
    return e;
  }
}
