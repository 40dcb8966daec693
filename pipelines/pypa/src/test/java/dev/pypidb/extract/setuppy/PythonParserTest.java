package dev.pypidb.extract.setuppy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pypidb.extract.PythonKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PythonParserTest {
  private static final PythonKey PY27 = PythonKey.forKey("27");
  private static final PythonKey PY35 = PythonKey.forKey("35");
  private static final PythonKey PY36 = PythonKey.forKey("36");
  private static final PythonKey PY37 = PythonKey.forKey("37");
  private static final PythonKey PY38 = PythonKey.forKey("38");
  private static final PythonKey PY310 = PythonKey.forKey("310");

  private static ParsedModule parse(String src) {
    return PythonParser.parse(src, Limits.DEFAULT);
  }

  private static ParsedModule clean(String src) {
    ParsedModule m = parse(src);
    assertEquals(List.of(), m.errors(), src);
    return m;
  }

  private static Set<SyntaxFeature> features(ParsedModule m) {
    return m.features().stream().map(ParsedModule.FeatureUse::feature).collect(Collectors.toSet());
  }

  @Test
  void python2Statements() {
    ParsedModule m = clean("""
        print "hello", x
        print >>sys.stderr, "oops"
        print
        exec code in ns
        try:
            pass
        except (IOError, OSError), e:
            raise ValueError, "bad"
        x = `y` + (a <> b) + 0777 + 10L
        s = ur'raw'
        def f(a, (b, c)=(1, 2)):
            return b
        lam = lambda (k, v): k
        """);
    assertEquals(Set.of(SyntaxFeature.PRINT_STATEMENT, SyntaxFeature.EXEC_STATEMENT, SyntaxFeature.EXCEPT_COMMA,
        SyntaxFeature.RAISE_COMMA, SyntaxFeature.BACKTICKS, SyntaxFeature.NOT_EQUAL_ANGLE,
        SyntaxFeature.OCTAL_LEADING_ZERO, SyntaxFeature.LONG_SUFFIX, SyntaxFeature.UR_PREFIX,
        SyntaxFeature.TUPLE_PARAMETERS), features(m));
    assertInstanceOf(Stmt.Print.class, m.body().get(0));
    Stmt.Print p = (Stmt.Print) m.body().get(1);
    assertInstanceOf(Expr.Attribute.class, p.dest());
    assertInstanceOf(Stmt.ExprStmt.class, m.body().get(2));
    assertInstanceOf(Stmt.Exec.class, m.body().get(3));
    Stmt.Try t = (Stmt.Try) m.body().get(4);
    assertEquals("e", t.handlers().get(0).name());
    assertNull(m.syntaxError(PY27, "setup.py"));
    assertEquals("Missing parentheses in call to 'print'. Did you mean print(\"hello\", x)? (setup.py, line 1)",
        m.syntaxError(PY36, "setup.py"));
    assertEquals("Missing parentheses in call to 'print' (setup.py, line 1)", m.syntaxError(PY35, "setup.py"));
    assertEquals("Missing parentheses in call to 'print'. Did you mean print(...)? (setup.py, line 1)",
        m.syntaxError(PY310, "setup.py"));
  }

  @Test
  void printForms() {
    assertEquals(Set.of(), features(clean("print('a', 'b')\nprint\nprint(x)\n")));
    assertEquals(Set.of(SyntaxFeature.PRINT_CALL_KEYWORDS), features(clean("print('a', end='')\n")));
    ParsedModule future = clean("from __future__ import print_function\nprint('a', file=sys.stderr)\n");
    assertTrue(future.printFunction());
    assertNull(future.syntaxError(PY27, "setup.py"));
    assertEquals("invalid syntax (setup.py, line 1)", clean("print('a', sep='')\n").syntaxError(PY27, "setup.py"));
    // Python 3 compiles these (they fail when run), Python 2 prints.
    ParsedModule shifted = clean("print >>f, 'x'\n");
    assertNull(shifted.syntaxError(PY38, "setup.py"));
    assertInstanceOf(Stmt.Print.class, shifted.body().get(0));
  }

  @Test
  void python3Syntax() {
    ParsedModule m = clean("""
        import asyncio
        @decorator
        @other.thing(arg=1)
        class C(Base, metaclass=Meta):
            x: int = 1
            def f(self, a: int, *args, key=None, **kw) -> str:
                nonlocal_thing = [y for y in range(3) if y]
                return f"{a!r:>10} {self.x}"
            async def g(self):
                await self.h()
                async with lock:
                    pass
        def h(a, /, b, *, c):
            yield from range(3)
        if (n := len(x)) > 10:
            pass
        first, *rest = [1, 2, 3]
        merged = {**a, 'k': 1}
        call(*a, *b, **c, **d)
        m = a @ b
        v = x if y else z
        w = lambda p, q=1, *r, **s: p
        with open(a) as f, open(b) as g:
            pass
        try:
            pass
        except E as e:
            raise X from e
        else:
            pass
        finally:
            pass
        d = {k: v for k, v in items if k}
        s = {x for x in y}
        g = (x for x in y)
        e = ...
        n = 1_000
        """);
    assertEquals(Set.of(SyntaxFeature.ANNOTATIONS, SyntaxFeature.VARIABLE_ANNOTATIONS,
        SyntaxFeature.KEYWORD_ONLY_PARAMETERS, SyntaxFeature.FSTRING, SyntaxFeature.ASYNC,
        SyntaxFeature.POSITIONAL_ONLY_PARAMETERS, SyntaxFeature.YIELD_FROM, SyntaxFeature.WALRUS,
        SyntaxFeature.STAR_TARGET, SyntaxFeature.UNPACKING_GENERALIZATIONS, SyntaxFeature.MATMUL,
        SyntaxFeature.RAISE_FROM, SyntaxFeature.ELLIPSIS_LITERAL, SyntaxFeature.NUMERIC_UNDERSCORES,
        SyntaxFeature.CLASS_KEYWORDS), features(m));
    assertEquals("invalid syntax (setup.py, line 4)", m.syntaxError(PY27, "setup.py"));
    assertEquals("invalid syntax (setup.py, line 5)", m.syntaxError(PY35, "setup.py"));
    assertEquals("invalid syntax (setup.py, line 13)", m.syntaxError(PY37, "setup.py"));
    assertNull(m.syntaxError(PY38, "setup.py"));
  }

  @Test
  void fStringFieldsAreParsed() {
    ParsedModule m = clean("s = f'{name}>={versions[0]!s:{width}} {{literal}} {x=}'\n");
    Expr.FString fs = (Expr.FString) ((Stmt.Assign) m.body().get(0)).value();
    assertEquals(5, fs.parts().size(), fs.parts().toString());
    Expr.FormattedValue second = (Expr.FormattedValue) fs.parts().get(2);
    assertInstanceOf(Expr.Subscript.class, second.value());
    assertEquals('s', second.conversion());
    assertEquals(" {literal} x=", fs.parts().get(3));
    assertEquals('r', ((Expr.FormattedValue) fs.parts().get(4)).conversion());
    assertTrue(parse("s = f'{}'\n").errors().get(0).message().contains("empty expression"));
  }

  @Test
  void parenthesizedWithItemsAreNewer() {
    ParsedModule m = clean("with (open(a) as f, open(b) as g):\n    pass\nwith (open(a)) as h:\n    pass\n");
    assertEquals(Set.of(SyntaxFeature.PARENTHESIZED_WITH), features(m));
    assertEquals(2, ((Stmt.With) m.body().get(0)).items().size());
  }

  @Test
  void bytesAndTextLiteralsOnlyJoinInPython2() {
    assertEquals("cannot mix bytes and nonbytes literals (setup.py, line 1)",
        clean("x = b'a' 'b'\n").syntaxError(PY38, "setup.py"));
  }

  @Test
  void syntaxMessagesForOctalAndLong() {
    assertEquals("invalid token (setup.py, line 1)", clean("x = 0777\n").syntaxError(PY36, "setup.py"));
    assertEquals("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
        + " (setup.py, line 1)", clean("x = 0777\n").syntaxError(PY38, "setup.py"));
    assertEquals("invalid decimal literal (setup.py, line 2)", clean("a = 1\nx = 10L\n").syntaxError(PY310, "setup.py"));
  }

  @Test
  void errorRecoveryKeepsTheRestOfTheFile() {
    ParsedModule m = parse("""
        a = 1
        b = = 2
        x = foo(1,
        def g():
            return 1
        c = 3
        if x
            d = 4
        e = 5
        """);
    assertEquals(List.of(2, 3, 7), m.errors().stream().map(Stmt.Error::line).toList());
    assertTrue(m.errors().get(1).message().contains("never closed"), m.errors().toString());
    List<String> assigned = m.body().stream().filter(s -> s instanceof Stmt.Assign)
        .map(s -> ((Expr.Name) ((Stmt.Assign) s).targets().get(0)).id()).toList();
    assertEquals(List.of("a", "c", "e"), assigned);
    assertTrue(m.body().stream().anyMatch(s -> s instanceof Stmt.FunctionDef f && f.name().equals("g")));
  }

  @Test
  void errorInsideABlockKeepsTheBlock() {
    ParsedModule m = parse("def f():\n    x = )\n    return 2\ny = 1\n");
    assertEquals(1, m.errors().size());
    Stmt.FunctionDef f = (Stmt.FunctionDef) m.body().get(0);
    assertEquals(2, f.body().size());
    assertInstanceOf(Stmt.Return.class, f.body().get(1));
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String src = "x = " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\ny = 2\n";
    ParsedModule m = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parse(src));
    assertTrue(m.errors().get(0).message().contains("nesting deeper than 100"), m.errors().toString());
    assertInstanceOf(Stmt.Assign.class, m.body().get(1));
    String unary = "x = " + "-".repeat(50_000) + "1\n";
    assertTrue(parse(unary).errors().get(0).message().contains("nesting deeper"));
    String blocks = "if a:\n".repeat(1).concat(nested(150));
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parse(blocks));
  }

  private static String nested(int depth) {
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < depth; k++) {
      s.append(" ".repeat(k + 1)).append("if a:\n");
    }
    return s.append(" ".repeat(depth + 1)).append("pass\n").toString();
  }

  @Test
  void longOperatorChainsAreFlat() {
    String src = "x = " + String.join(" + ", java.util.Collections.nCopies(5000, "'a'")) + "\n";
    ParsedModule m = clean(src);
    Expr.BinOp b = (Expr.BinOp) ((Stmt.Assign) m.body().get(0)).value();
    assertEquals(4999, b.ops().size());
  }

  @Test
  void matchStatementsAreReportedUnsupported() {
    ParsedModule m = parse("match = 1\nmatch x:\n    case 1:\n        pass\ny = match\n");
    assertEquals(1, m.errors().size());
    assertTrue(m.errors().get(0).message().contains("match statement"));
    assertEquals(2, m.errors().get(0).line());
  }

  @Test
  void unexpectedIndentIsAnError() {
    ParsedModule m = parse("a = 1\n    b = 2\nc = 3\n");
    assertEquals("unexpected indent", m.errors().get(0).message());
  }

  @Test
  void stringEscapes() {
    ParsedModule m = clean("a = 'x\\ty\\n\\x41\\u00e9\\N{BULLET}\\q'\nb = r'\\n'\nc = b'\\xff'\n");
    assertEquals("x\ty\nA\u00e9\u2022\\q", ((Expr.Constant) ((Stmt.Assign) m.body().get(0)).value()).value());
    assertEquals("\\n", ((Expr.Constant) ((Stmt.Assign) m.body().get(1)).value()).value());
    assertEquals(255, ((PyBytes) ((Expr.Constant) ((Stmt.Assign) m.body().get(2)).value()).value()).bytes()[0] & 0xff);
  }

  @Test
  void decoratorsLambdasAndConditionalExpressions() {
    ParsedModule m = clean("@property\ndef f(self): return lambda x=1: x if x else -x\n");
    Stmt.FunctionDef f = (Stmt.FunctionDef) m.body().get(0);
    assertEquals(1, f.decorators().size());
    Expr.Lambda l = (Expr.Lambda) ((Stmt.Return) f.body().get(0)).value();
    assertInstanceOf(Expr.IfExp.class, l.body());
  }
}
