package dev.pypidb.pypa.requirements;

import dev.pypidb.pypa.markers.Marker;
import dev.pypidb.pypa.markers.MarkerNode.Expression;
import dev.pypidb.pypa.markers.MarkerParser;
import dev.pypidb.pypa.parsing.Token;
import dev.pypidb.pypa.parsing.Tokenizer;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for dependency specifiers, a port of packaging's grammar and error
 * messages:
 *
 * <pre>
 * requirement         = WS? IDENTIFIER WS? extras WS? requirement_details
 * requirement_details = AT URL (WS requirement_marker?)?
 *                     | specifier WS? (requirement_marker)?
 * requirement_marker  = SEMICOLON marker WS?
 * extras              = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)?
 * specifier           = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS
 *                     | WS? version_many WS?
 * version_many        = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
 * </pre>
 */
final class RequirementParser {
  private RequirementParser() {}

  static Requirement parse(String source) {
    Tokenizer t = new Tokenizer(source);
    t.consume(Token.WS);
    String name = t.expect(Token.IDENTIFIER, "package name at the start of dependency specifier");
    t.consume(Token.WS);
    List<String> extras = extras(t);
    t.consume(Token.WS);

    String url = null;
    String specifier = "";
    Expression marker = null;
    if (t.check(Token.AT)) {
      t.read();
      t.consume(Token.WS);
      int urlStart = t.position();
      url = t.expect(Token.URL, "URL after @");
      if (!t.peek(Token.END)) {
        t.expect(Token.WS, "whitespace after URL");
        if (!t.peek(Token.END)) {
          marker = requirementMarker(t, urlStart, "semicolon (after URL and whitespace)");
        }
      }
    } else {
      int specifierStart = t.position();
      specifier = specifier(t);
      t.consume(Token.WS);
      if (!t.peek(Token.END)) {
        marker = requirementMarker(t, specifierStart, specifier.isEmpty()
            ? "semicolon (after name with no version specifier)"
            : "comma (within version specifier), semicolon (after version specifier)");
      }
    }
    t.expect(Token.END, "end of dependency specifier");
    return new Requirement(
        name,
        Requirement.sortedExtras(extras),
        SpecifierSet.parse(specifier),
        url == null || url.isEmpty() ? null : url,
        marker == null ? null : Marker.of(marker));
  }

  private static Expression requirementMarker(Tokenizer t, int spanStart, String expected) {
    if (!t.check(Token.SEMICOLON)) {
      throw t.syntaxError("Expected " + expected + " or end", spanStart, t.position());
    }
    t.read();
    Expression marker = MarkerParser.parse(t);
    t.consume(Token.WS);
    return marker;
  }

  private static List<String> extras(Tokenizer t) {
    if (!t.peek(Token.LEFT_BRACKET)) {
      return List.of();
    }
    t.check(Token.LEFT_BRACKET);
    int open = t.position();
    t.read();
    t.consume(Token.WS);
    List<String> extras = extrasList(t);
    t.consume(Token.WS);
    if (!t.check(Token.RIGHT_BRACKET)) {
      throw t.syntaxError(
          "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", open, t.position());
    }
    t.read();
    return extras;
  }

  private static List<String> extrasList(Tokenizer t) {
    List<String> extras = new ArrayList<>(2);
    if (!t.check(Token.IDENTIFIER)) {
      return extras;
    }
    extras.add(t.read());
    while (true) {
      t.consume(Token.WS);
      if (t.peek(Token.IDENTIFIER)) {
        throw t.syntaxError("Expected comma between extra names");
      } else if (!t.check(Token.COMMA)) {
        break;
      }
      t.read();
      t.consume(Token.WS);
      extras.add(t.expect(Token.IDENTIFIER, "extra name after comma"));
    }
    return extras;
  }

  private static String specifier(Tokenizer t) {
    boolean parenthesized = t.check(Token.LEFT_PARENTHESIS);
    int open = -1;
    if (parenthesized) {
      open = t.position();
      t.read();
    }
    t.consume(Token.WS);
    String specs = versionMany(t);
    t.consume(Token.WS);
    if (parenthesized) {
      if (!t.check(Token.RIGHT_PARENTHESIS)) {
        throw t.syntaxError(
            "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier",
            open, t.position());
      }
      t.read();
    }
    return specs;
  }

  private static String versionMany(Tokenizer t) {
    StringBuilder specs = new StringBuilder();
    while (t.check(Token.SPECIFIER)) {
      int spanStart = t.position();
      specs.append(t.read());
      if (t.peek(Token.VERSION_PREFIX_TRAIL)) {
        throw t.syntaxError(".* suffix can only be used with `==` or `!=` operators",
            spanStart, t.position() + 1);
      }
      if (t.peek(Token.VERSION_LOCAL_LABEL_TRAIL)) {
        throw t.syntaxError("Local version label can only be used with `==` or `!=` operators",
            spanStart, t.position());
      }
      t.consume(Token.WS);
      if (!t.check(Token.COMMA)) {
        break;
      }
      specs.append(t.read());
      t.consume(Token.WS);
    }
    return specs.toString();
  }
}
