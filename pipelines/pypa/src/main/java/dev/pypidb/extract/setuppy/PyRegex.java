package dev.pypidb.extract.setuppy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python's {@code re} over Java regular expressions: the pattern is translated (named groups
 * {@code (?P<name>...)} and {@code (?P=name)}, {@code \Z}), {@code $} and {@code .} follow
 * Python's newline rules, and every match runs over a character sequence that counts its reads,
 * so a catastrophic pattern stops at {@link Limits#maxRegexSteps()} instead of hanging.
 */
final class PyRegex {
  private static final int IGNORECASE = 2;
  private static final int MULTILINE = 8;
  private static final int DOTALL = 16;
  private static final int VERBOSE = 64;

  private PyRegex() {}

  /** A compiled pattern: the Java pattern, the Python source, group names to numbers. */
  record Compiled(Pattern pattern, String source, Map<String, Integer> groups) {}

  /** A match: the groups' text (null when a group did not take part) and spans. */
  record Match(List<String> groups, List<int[]> spans, Map<String, Integer> names, String string) {}

  static void module(Interpreter in, StdModules.ModuleBuilder b) {
    b.value("I", BigInteger.valueOf(IGNORECASE)).value("IGNORECASE", BigInteger.valueOf(IGNORECASE));
    b.value("M", BigInteger.valueOf(MULTILINE)).value("MULTILINE", BigInteger.valueOf(MULTILINE));
    b.value("S", BigInteger.valueOf(DOTALL)).value("DOTALL", BigInteger.valueOf(DOTALL));
    b.value("X", BigInteger.valueOf(VERBOSE)).value("VERBOSE", BigInteger.valueOf(VERBOSE));
    b.value("U", BigInteger.valueOf(32)).value("UNICODE", BigInteger.valueOf(32));
    b.value("A", BigInteger.valueOf(256)).value("ASCII", BigInteger.valueOf(256));
    b.fn("compile", (i, a) -> {
      Object p = a.get(0, "pattern");
      return p instanceof Compiled ? p : compile(in, p, a.get(1, "flags"));
    });
    for (String op : new String[] {"match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"}) {
      b.fn(op, (i, a) -> {
        Object p = a.get(0, "pattern");
        Object flags = op.equals("sub") || op.equals("subn") ? a.get(4, "flags") : op.equals("split") ? a.get(3, "flags")
            : a.get(2, "flags");
        Object compiled = p instanceof Compiled ? p : compile(in, p, flags);
        if (compiled instanceof Unknown u) {
          return u;
        }
        return call(in, (Compiled) compiled, op, new CallArgs(a.positional().subList(Math.min(1, a.count()), a.count()),
            a.keywords(), a.unknownStar(), a.unknownDoubleStar(), a.frame(), a.line()));
      });
    }
    b.fn("escape", (i, a) -> {
      Object s = a.get(0, "pattern");
      if (!(s instanceof String text)) {
        return Ops.unknownOf(s) != null ? Ops.unknownOf(s) : new Unknown("re.escape of a non-str");
      }
      StringBuilder out = new StringBuilder();
      for (char c : text.toCharArray()) {
        if (!Character.isLetterOrDigit(c) && c != '_' && (in.target.minor3() < 7 || "()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0)) {
          out.append('\\');
        }
        out.append(c);
      }
      return out.toString();
    });
    b.partial("(an attribute of re that is not modelled)");
  }

  static Object compile(Interpreter in, Object pattern, Object flagsArg) {
    if (Ops.unknownOf(pattern) != null) {
      return Ops.unknownOf(pattern);
    }
    if (!(pattern instanceof String source)) {
      return new Unknown("a regular expression that is not a str");
    }
    int flags = flagsArg == null || Ops.asInt(flagsArg) == null ? 0 : Ops.asInt(flagsArg).intValue();
    Map<String, Integer> groups = new HashMap<>();
    String java = translate(source, groups);
    int jf = Pattern.UNIX_LINES;
    if ((flags & IGNORECASE) != 0) {
      jf |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    if ((flags & MULTILINE) != 0) {
      jf |= Pattern.MULTILINE;
    }
    if ((flags & DOTALL) != 0) {
      jf |= Pattern.DOTALL;
    }
    if ((flags & VERBOSE) != 0) {
      jf |= Pattern.COMMENTS;
    }
    try {
      return new Compiled(Pattern.compile(java, jf), source, groups);
    } catch (PatternSyntaxException e) {
      throw in.error("ValueError", "regular expression " + PyRepr.quote(source) + " is not modelled or invalid: "
          + e.getDescription());
    }
  }

  /** Python regex syntax to Java: named groups become numbered ones, {@code \Z} is {@code \z}. */
  static String translate(String p, Map<String, Integer> groups) {
    StringBuilder out = new StringBuilder();
    int group = 0;
    boolean inClass = false;
    for (int k = 0; k < p.length(); k++) {
      char c = p.charAt(k);
      if (c == '\\' && k + 1 < p.length()) {
        char n = p.charAt(k + 1);
        out.append(n == 'Z' && !inClass ? "\\z" : "\\" + n);
        k++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        } else if (c == '[') {
          out.append('\\');
        }
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        if (k + 1 < p.length() && p.charAt(k + 1) == '^') {
          out.append('^');
          k++;
        }
        if (k + 1 < p.length() && p.charAt(k + 1) == ']') {
          out.append("\\]");
          k++;
        }
        continue;
      }
      if (c == '(') {
        if (p.startsWith("(?P<", k)) {
          int close = p.indexOf('>', k);
          groups.put(p.substring(k + 4, close), ++group);
          out.append('(');
          k = close;
          continue;
        }
        if (p.startsWith("(?P=", k)) {
          int close = p.indexOf(')', k);
          Integer n = groups.get(p.substring(k + 4, close));
          out.append("\\").append(n == null ? 99 : n);
          k = close;
          continue;
        }
        if (k + 1 >= p.length() || p.charAt(k + 1) != '?') {
          group++;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A method of a compiled pattern ({@code pattern.sub(...)}) or the module function after compiling. */
  static Object call(Interpreter in, Compiled re, String op, CallArgs a) {
    int stringIndex = op.equals("sub") || op.equals("subn") ? 1 : 0;
    Object target = a.get(stringIndex, "string");
    if (Ops.unknownOf(target) != null) {
      return Ops.unknownOf(target);
    }
    if (!(target instanceof String s)) {
      throw in.error("TypeError", "expected string or bytes-like object");
    }
    Matcher m = re.pattern().matcher(new Budget(s, in));
    try {
      switch (op) {
        case "match":
          return m.lookingAt() ? match(m, re, s) : PyNone.NONE;
        case "fullmatch":
          return m.matches() ? match(m, re, s) : PyNone.NONE;
        case "search":
          return m.find() ? match(m, re, s) : PyNone.NONE;
        case "findall":
        case "finditer": {
          List<Object> out = new ArrayList<>();
          while (m.find()) {
            if (op.equals("finditer")) {
              out.add(match(m, re, s));
            } else if (m.groupCount() == 0) {
              out.add(m.group());
            } else if (m.groupCount() == 1) {
              out.add(m.group(1) == null ? "" : m.group(1));
            } else {
              List<Object> row = new ArrayList<>();
              for (int g = 1; g <= m.groupCount(); g++) {
                row.add(m.group(g) == null ? "" : m.group(g));
              }
              out.add(new PyTuple(row));
            }
            in.checkCollection(out.size());
          }
          return new PyList(out);
        }
        case "split": {
          Object max = a.get(1, "maxsplit");
          int limit = max == null ? 0 : in.ops.smallInt(max, "maxsplit");
          List<Object> out = new ArrayList<>();
          int last = 0;
          while ((limit == 0 || out.size() / (m.groupCount() + 1) < limit) && m.find()) {
            out.add(s.substring(last, m.start()));
            for (int g = 1; g <= m.groupCount(); g++) {
              out.add(m.group(g) == null ? PyNone.NONE : m.group(g));
            }
            last = m.end();
          }
          out.add(s.substring(last));
          return new PyList(out);
        }
        default:
          return sub(in, re, m, s, a, op.equals("subn"));
      }
    } catch (Budget.Exhausted e) {
      throw in.bound("the regular expression " + PyRepr.quote(re.source()) + " took more than "
          + in.limits.maxRegexSteps() + " steps");
    }
  }

  private static Object sub(Interpreter in, Compiled re, Matcher m, String s, CallArgs a, boolean subn) {
    Object repl = a.get(0, "repl");
    if (Ops.unknownOf(repl) != null) {
      return Ops.unknownOf(repl);
    }
    Object countArg = a.get(2, "count");
    int count = countArg == null ? 0 : in.ops.smallInt(countArg, "count");
    StringBuilder out = new StringBuilder();
    int last = 0;
    int n = 0;
    while ((count == 0 || n < count) && m.find()) {
      out.append(s, last, m.start());
      Object r;
      if (repl instanceof String template) {
        r = expand(in, template, m, re);
      } else {
        r = in.call(repl, CallArgs.of(a.frame(), a.line(), match(m, re, s)));
      }
      if (Ops.unknownOf(r) != null) {
        return Ops.unknownOf(r);
      }
      out.append((String) r);
      in.checkString(out.length());
      last = m.end();
      n++;
    }
    out.append(s.substring(last));
    return subn ? new PyTuple(List.of(out.toString(), BigInteger.valueOf(n))) : out.toString();
  }

  /** A replacement template: {@code \1}, {@code \g<1>}, {@code \g<name>} and the usual escapes. */
  private static String expand(Interpreter in, String t, Matcher m, Compiled re) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c != '\\' || k + 1 >= t.length()) {
        out.append(c);
        continue;
      }
      char n = t.charAt(++k);
      if (Character.isDigit(n)) {
        int g = n - '0';
        if (k + 1 < t.length() && Character.isDigit(t.charAt(k + 1))) {
          g = g * 10 + t.charAt(++k) - '0';
        }
        out.append(group(in, m, g));
      } else if (n == 'g' && k + 1 < t.length() && t.charAt(k + 1) == '<') {
        int close = t.indexOf('>', k);
        String name = t.substring(k + 2, close);
        Integer g = name.chars().allMatch(Character::isDigit) ? Integer.valueOf(name) : re.groups().get(name);
        if (g == null) {
          throw in.error("IndexError", "unknown group name '" + name + "'");
        }
        out.append(group(in, m, g));
        k = close;
      } else {
        out.append(switch (n) {
          case 'n' -> "\n";
          case 't' -> "\t";
          case 'r' -> "\r";
          case '\\' -> "\\";
          default -> "\\" + n;
        });
      }
    }
    return out.toString();
  }

  private static String group(Interpreter in, Matcher m, int g) {
    if (g > m.groupCount()) {
      throw in.error("IndexError", "invalid group reference " + g);
    }
    return m.group(g) == null ? "" : m.group(g);
  }

  private static Match match(Matcher m, Compiled re, String s) {
    List<String> groups = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    for (int g = 0; g <= m.groupCount(); g++) {
      groups.add(m.group(g));
      spans.add(new int[] {m.start(g), m.end(g)});
    }
    return new Match(groups, spans, re.groups(), s);
  }

  /** Methods of a match object. */
  static Object matchCall(Interpreter in, Match m, String name, CallArgs a) {
    switch (name) {
      case "group": {
        if (a.count() <= 1) {
          return groupValue(in, m, a.count() == 0 ? BigInteger.ZERO : a.get(0, null));
        }
        List<Object> out = new ArrayList<>();
        for (Object g : a.positional()) {
          out.add(groupValue(in, m, g));
        }
        return new PyTuple(out);
      }
      case "groups": {
        Object dflt = a.count() > 0 ? a.get(0, null) : PyNone.NONE;
        List<Object> out = new ArrayList<>();
        for (int g = 1; g < m.groups().size(); g++) {
          out.add(m.groups().get(g) == null ? dflt : m.groups().get(g));
        }
        return new PyTuple(out);
      }
      case "groupdict": {
        PyDict d = new PyDict();
        m.names().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
          String v = m.groups().get(e.getValue());
          d.put(e.getKey(), v == null ? PyNone.NONE : v);
        });
        return d;
      }
      case "start":
      case "end":
      case "span": {
        int g = a.count() == 0 ? 0 : groupIndex(in, m, a.get(0, null));
        int[] span = m.spans().get(g);
        return switch (name) {
          case "start" -> BigInteger.valueOf(span[0]);
          case "end" -> BigInteger.valueOf(span[1]);
          default -> new PyTuple(List.of(BigInteger.valueOf(span[0]), BigInteger.valueOf(span[1])));
        };
      }
      default:
        throw in.error("AttributeError", "'re.Match' object has no attribute '" + name + "'");
    }
  }

  private static Object groupValue(Interpreter in, Match m, Object g) {
    String v = m.groups().get(groupIndex(in, m, g));
    return v == null ? PyNone.NONE : v;
  }

  private static int groupIndex(Interpreter in, Match m, Object g) {
    if (g instanceof String name) {
      Integer k = m.names().get(name);
      if (k == null) {
        throw in.error("IndexError", "no such group");
      }
      return k;
    }
    BigInteger k = Ops.asInt(g);
    if (k == null || k.signum() < 0 || k.intValue() >= m.groups().size()) {
      throw in.error("IndexError", "no such group");
    }
    return k.intValue();
  }

  /** The text a regex runs over, counting reads to bound its running time. */
  static final class Budget implements CharSequence {
    static final class Exhausted extends RuntimeException {
      Exhausted() {
        super(null, null, false, false);
      }
    }

    private final String s;
    private final long[] left;

    Budget(String s, Interpreter in) {
      this(s, new long[] {in.limits.maxRegexSteps()});
    }

    private Budget(String s, long[] left) {
      this.s = s;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new Exhausted();
      }
      return s.charAt(index);
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budget(s.substring(start, end), left);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
