package dev.pypidb.extract.setuppy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.setuppy.PyToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PythonTokenizerTest {

  private static List<PyToken> tokens(String src, List<ParsedModule.FeatureUse> features) {
    return PythonTokenizer.tokenize(src, 1, 10_000, features);
  }

  private static String kinds(String src) {
    return tokens(src, new ArrayList<>()).stream().map(t -> switch (t.kind()) {
      case NAME, NUMBER, STRING, OP -> t.text();
      default -> t.kind().name();
    }).collect(Collectors.joining(" "));
  }

  @Test
  void indentationMakesIndentAndDedent() {
    assertEquals("if x : NEWLINE INDENT y = 1 NEWLINE if z : NEWLINE INDENT pass NEWLINE DEDENT DEDENT w NEWLINE END",
        kinds("if x:\n    y = 1\n    if z:\n        pass\nw\n"));
  }

  @Test
  void blankLinesCommentsAndBracketsMakeNoNewline() {
    assertEquals("x = [ 1 , 2 ] NEWLINE y NEWLINE END", kinds("x = [1,\n  # comment\n\n     2]\n\n   # indented comment\ny"));
  }

  @Test
  void backslashJoinsLines() {
    assertEquals("x = 1 + 2 NEWLINE END", kinds("x = 1 + \\\n    2\n"));
  }

  @Test
  void tabsIndentToMultiplesOfEight() {
    assertEquals("if a : NEWLINE INDENT b NEWLINE c NEWLINE DEDENT END", kinds("if a:\n\tb\n        c\n"));
  }

  @Test
  void badDedentIsAnErrorToken() {
    List<PyToken> t = tokens("if a:\n    b\n  c\n", new ArrayList<>());
    assertTrue(t.stream().anyMatch(x -> x.kind() == Kind.ERROR && x.text().contains("unindent")), t.toString());
  }

  @Test
  void stringPrefixesAndTripleQuotes() {
    List<ParsedModule.FeatureUse> f = new ArrayList<>();
    List<PyToken> t = tokens("a = r'x' b\"y\" U'z' Rb'q' bR'w' f'{x}' ur'old' '''multi\nline''' \"\"\"d\"q\"\"\"\n", f);
    List<String> strings = t.stream().filter(x -> x.kind() == Kind.STRING).map(PyToken::text).toList();
    assertEquals(List.of("r'x'", "b\"y\"", "U'z'", "Rb'q'", "bR'w'", "f'{x}'", "ur'old'", "'''multi\nline'''",
        "\"\"\"d\"q\"\"\""), strings);
    assertTrue(f.stream().anyMatch(u -> u.feature() == SyntaxFeature.FSTRING));
    assertTrue(f.stream().anyMatch(u -> u.feature() == SyntaxFeature.UR_PREFIX));
    assertTrue(f.stream().anyMatch(u -> u.feature() == SyntaxFeature.RB_PREFIX));
  }

  @Test
  void escapedQuotesStayInTheString() {
    List<PyToken> t = tokens("s = 'it\\'s' + r\"a\\\"b\"\n", new ArrayList<>());
    assertEquals(List.of("'it\\'s'", "r\"a\\\"b\""), t.stream().filter(x -> x.kind() == Kind.STRING).map(PyToken::text).toList());
  }

  @Test
  void unterminatedStringsAreErrors() {
    assertTrue(tokens("x = 'abc\ny = 1\n", new ArrayList<>()).stream()
        .anyMatch(x -> x.kind() == Kind.ERROR && x.text().contains("EOL while scanning")));
    assertTrue(tokens("x = '''abc\n", new ArrayList<>()).stream()
        .anyMatch(x -> x.kind() == Kind.ERROR && x.text().contains("triple-quoted")));
  }

  @Test
  void numbersIncludingPython2Forms() {
    List<ParsedModule.FeatureUse> f = new ArrayList<>();
    List<PyToken> t = tokens("a = 0777 + 10L + 0x1F + 0o17 + 0b11 + 1_000 + 1.5e-3 + .5 + 2j + 00\n", f);
    assertEquals(List.of("0777", "10L", "0x1F", "0o17", "0b11", "1_000", "1.5e-3", ".5", "2j", "00"),
        t.stream().filter(x -> x.kind() == Kind.NUMBER).map(PyToken::text).toList());
    assertEquals(List.of(SyntaxFeature.OCTAL_LEADING_ZERO, SyntaxFeature.LONG_SUFFIX, SyntaxFeature.NUMERIC_UNDERSCORES),
        f.stream().map(ParsedModule.FeatureUse::feature).toList());
  }

  @Test
  void backticksAndAngleNotEqual() {
    List<ParsedModule.FeatureUse> f = new ArrayList<>();
    assertEquals("x = ` y ` NEWLINE if a <> b : NEWLINE INDENT pass NEWLINE DEDENT END",
        tokens("x = `y`\nif a <> b:\n  pass\n", f).stream().map(t -> switch (t.kind()) {
          case NAME, NUMBER, STRING, OP -> t.text();
          default -> t.kind().name();
        }).collect(Collectors.joining(" ")));
    assertEquals(List.of(SyntaxFeature.BACKTICKS, SyntaxFeature.BACKTICKS, SyntaxFeature.NOT_EQUAL_ANGLE),
        f.stream().map(ParsedModule.FeatureUse::feature).toList());
  }

  @Test
  void tokenLimitEndsTheStream() {
    List<PyToken> t = PythonTokenizer.tokenize("x = 1\n".repeat(1000), 1, 100, new ArrayList<>());
    assertEquals(100, t.size());
    assertEquals(Kind.END, t.get(99).kind());
    assertTrue(t.get(98).text().contains("more than 100 tokens"));
  }

  @Test
  void windowsLineEndingsAndNoFinalNewline() {
    assertEquals("a = 1 NEWLINE b = 2 NEWLINE END", kinds("a = 1\r\nb = 2"));
  }
}
