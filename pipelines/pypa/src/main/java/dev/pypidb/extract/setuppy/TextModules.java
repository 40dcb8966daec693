package dev.pypidb.extract.setuppy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Small standard library modules setup.py files use on text and data: json (loads/load),
 * ast (literal_eval, with this parser), textwrap (dedent), string (its constants), itertools
 * (chain), functools (reduce, partial, wraps, lru_cache), collections (OrderedDict, defaultdict)
 * and contextlib (suppress).
 */
final class TextModules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextModules() {}

  static void module(Interpreter in, String name, StdModules.ModuleBuilder b) {
    switch (name) {
      case "json" -> json(in, b);
      case "ast" -> b.fn("literal_eval", (i, a) -> literalEval(in, a.get(0, "node_or_string")));
      case "textwrap" -> b.fn("dedent", (i, a) -> {
        Object s = a.get(0, "text");
        return s instanceof String text ? dedent(text) : Ops.unknownOf(s) != null ? Ops.unknownOf(s)
            : new Unknown("dedent of a non-str");
      });
      case "string" -> {
        b.value("ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        b.value("ascii_lowercase", "abcdefghijklmnopqrstuvwxyz");
        b.value("ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        b.value("digits", "0123456789");
        b.value("hexdigits", "0123456789abcdefABCDEF");
        b.value("octdigits", "01234567");
        b.value("punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        b.value("whitespace", " \t\n\r\u000b\f");
        if (in.target.py2()) {
          b.value("letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
          b.value("lowercase", "abcdefghijklmnopqrstuvwxyz");
          b.value("uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        }
      }
      case "itertools" -> b.fn("chain", (i, a) -> chain(in, a.positional()));
      case "functools" -> {
        b.fn("reduce", Builtins::reduceBuiltin);
        b.fn("partial", (i, a) -> {
          Object fn = a.get(0, null);
          List<Object> bound = a.positional().subList(1, a.count());
          Map<String, Object> boundKw = a.keywords();
          return new PyBuiltin("partial", (i2, call) -> {
            List<Object> args = new ArrayList<>(bound);
            args.addAll(call.positional());
            Map<String, Object> kw = new java.util.LinkedHashMap<>(boundKw);
            kw.putAll(call.keywords());
            return in.call(fn, new CallArgs(args, kw, call.unknownStar(), call.unknownDoubleStar(), call.frame(), call.line()));
          });
        });
        PyBuiltin identity = new PyBuiltin("decorator", (i, a) -> a.get(0, null));
        b.fn("wraps", (i, a) -> identity);
        b.fn("lru_cache", (i, a) -> a.get(0, null) instanceof PyFunction fn ? fn : identity);
        b.value("cache", identity);
      }
      case "collections" -> {
        b.value("OrderedDict", in.builtins.get("dict"));
        b.fn("defaultdict", (i, a) -> {
          PyDict d = new PyDict();
          d.defaultFactory = a.count() > 0 ? a.get(0, null) : PyNone.NONE;
          if (a.count() > 1) {
            in.methods.call(d, "update", CallArgs.of(a.frame(), a.line(), a.get(1, null)));
          }
          return d;
        });
      }
      case "contextlib" -> {
        b.fn("suppress", (i, a) -> new Interpreter.Suppress(a.positional()));
        b.fn("contextmanager", (i, a) -> new PyBuiltin("contextmanager", (i2, call) ->
            new Unknown("a context manager made with contextlib.contextmanager is not modelled")));
      }
      default -> throw new IllegalStateException(name);
    }
    b.partial("(an attribute of " + name + " that is not modelled)");
  }

  private static void json(Interpreter in, StdModules.ModuleBuilder b) {
    b.fn("loads", (i, a) -> loads(in, a.get(0, "s")));
    b.fn("load", (i, a) -> {
      Object f = a.get(0, "fp");
      if (!(f instanceof PyFile file)) {
        return Ops.unknownOf(f) != null ? Ops.unknownOf(f) : new Unknown("json.load of a non-file");
      }
      return loads(in, in.methods.readRest(file));
    });
  }

  private static Object loads(Interpreter in, Object text) {
    if (Ops.unknownOf(text) != null) {
      return Ops.unknownOf(text);
    }
    String s = text instanceof PyBytes b ? b.latin1() : text instanceof String str ? str : null;
    if (s == null) {
      throw in.error("TypeError", "the JSON object must be str, bytes or bytearray, not " + in.ops.typeName(text));
    }
    try {
      return fromJson(in, JSON.readTree(s));
    } catch (JsonProcessingException e) {
      throw in.error("ValueError", "Expecting value: " + e.getOriginalMessage());
    }
  }

  private static Object fromJson(Interpreter in, JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return PyNone.NONE;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isArray()) {
      List<Object> items = new ArrayList<>();
      for (JsonNode x : n) {
        items.add(fromJson(in, x));
      }
      in.checkCollection(items.size());
      return new PyList(items);
    }
    PyDict d = new PyDict();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      d.put(e.getKey(), fromJson(in, e.getValue()));
    }
    return d;
  }

  /** ast.literal_eval: only literal displays, numbers, strings, None, True, False, and +/- numbers. */
  private static Object literalEval(Interpreter in, Object source) {
    if (Ops.unknownOf(source) != null) {
      return Ops.unknownOf(source);
    }
    if (!(source instanceof String text)) {
      throw in.error("ValueError", "malformed node or string");
    }
    Expr e;
    try {
      e = PythonParser.parseExpression(StrMethods.strip(text, "lstrip", " \t"), in.limits, new ArrayList<>());
    } catch (PythonParser.ParseError err) {
      throw in.error("SyntaxError", err.getMessage());
    }
    if (!literal(e)) {
      throw in.error("ValueError", "malformed node or string on line " + e.line());
    }
    return in.eval(e, Frame.module(new PyDict()));
  }

  private static boolean literal(Expr e) {
    if (e instanceof Expr.Constant) {
      return true;
    }
    if (e instanceof Expr.Tuple t) {
      return t.elts().stream().allMatch(TextModules::literal);
    }
    if (e instanceof Expr.ListDisplay l) {
      return l.elts().stream().allMatch(TextModules::literal);
    }
    if (e instanceof Expr.SetDisplay s) {
      return s.elts().stream().allMatch(TextModules::literal);
    }
    if (e instanceof Expr.DictDisplay d) {
      return d.keys().stream().allMatch(k -> k != null && literal(k)) && d.values().stream().allMatch(TextModules::literal);
    }
    if (e instanceof Expr.UnaryOp u) {
      return (u.op().equals("-") || u.op().equals("+")) && u.operand() instanceof Expr.Constant c
          && (c.value() instanceof BigInteger || c.value() instanceof Double);
    }
    return false;
  }

  /** textwrap.dedent: removes the common leading whitespace; whitespace-only lines become empty. */
  static String dedent(String text) {
    String[] lines = text.split("\n", -1);
    String margin = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      int k = 0;
      while (k < line.length() && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
        k++;
      }
      String indent = line.substring(0, k);
      if (margin == null) {
        margin = indent;
      } else {
        int common = 0;
        while (common < margin.length() && common < indent.length() && margin.charAt(common) == indent.charAt(common)) {
          common++;
        }
        margin = margin.substring(0, common);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < lines.length; k++) {
      String line = lines[k];
      if (line.chars().allMatch(c -> c == ' ' || c == '\t')) {
        line = "";
      } else if (margin != null && line.startsWith(margin)) {
        line = line.substring(margin.length());
      }
      out.append(line);
      if (k < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  static Object chain(Interpreter in, List<Object> iterables) {
    List<Object> out = new ArrayList<>();
    for (Object it : iterables) {
      Object items = in.ops.iterate(it);
      if (items instanceof Unknown u) {
        return u;
      }
      out.addAll(Ops.asList(items));
      in.checkCollection(out.size());
    }
    return new PyIter("itertools.chain", false, out);
  }
}
