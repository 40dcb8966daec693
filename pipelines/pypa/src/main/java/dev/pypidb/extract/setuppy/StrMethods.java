package dev.pypidb.extract.setuppy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The methods of Python's str, with Python's whitespace and splitting rules. */
final class StrMethods {
  private StrMethods() {}

  /** Python's str.isspace() characters (ASCII and Unicode whitespace, and \x1c-\x1f). */
  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85 || c == 0xa0;
  }

  static Object call(Interpreter in, String s, String name, CallArgs a) {
    Object arg0 = a.get(0, null);
    Object arg1 = a.get(1, null);
    for (Object o : a.positional()) {
      if (Ops.unknownOf(o) != null) {
        return Ops.unknownOf(o);
      }
    }
    switch (name) {
      case "strip":
      case "lstrip":
      case "rstrip":
        return strip(s, name, chars(in, arg0));
      case "split":
        return split(in, s, optional(arg0, a, "sep"), maxsplit(in, arg1, a), false);
      case "rsplit":
        return split(in, s, optional(arg0, a, "sep"), maxsplit(in, arg1, a), true);
      case "splitlines":
        return splitlines(s, Boolean.TRUE.equals(in.ops.truth(arg0 == null ? a.keywords().getOrDefault("keepends", false) : arg0)));
      case "startswith":
      case "endswith":
        return affix(in, s, name.equals("startswith"), arg0, arg1, a.get(2, null));
      case "replace": {
        String old = text(in, arg0, name);
        String repl = text(in, arg1, name);
        int count = a.count() > 2 ? in.ops.smallInt(a.get(2, null), "count") : -1;
        long occurrences = old.isEmpty() ? s.length() + 1L : (s.length() - s.replace(old, "").length()) / old.length();
        if (count >= 0) {
          occurrences = Math.min(occurrences, count);
        }
        in.checkString(s.length() + occurrences * (repl.length() - old.length()));
        if (count < 0) {
          return s.replace(old, repl);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int k = 0; k < count; k++) {
          int at = s.indexOf(old, from);
          if (at < 0) {
            break;
          }
          out.append(s, from, at).append(repl);
          from = at + old.length();
          if (old.isEmpty()) {
            if (from < s.length()) {
              out.append(s.charAt(from));
            }
            from++;
          }
        }
        if (from <= s.length()) {
          out.append(s.substring(Math.min(from, s.length())));
        }
        return out.toString();
      }
      case "join": {
        Object items = in.ops.iterate(arg0);
        if (items instanceof Unknown u) {
          return u;
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        for (Object o : Ops.asList(items)) {
          if (Ops.unknownOf(o) != null) {
            return Ops.unknownOf(o);
          }
          if (!(o instanceof String str)) {
            throw in.error("TypeError", "sequence item " + k + ": expected " + (in.target.py2() ? "string" : "str instance")
                + ", " + in.ops.typeName(o) + " found");
          }
          if (k++ > 0) {
            out.append(s);
          }
          out.append(str);
          in.checkString(out.length());
        }
        return out.toString();
      }
      case "lower":
        return s.toLowerCase(Locale.ROOT);
      case "upper":
        return s.toUpperCase(Locale.ROOT);
      case "casefold":
        return s.toLowerCase(Locale.ROOT);
      case "swapcase": {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
          out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
      }
      case "title":
        return title(s);
      case "capitalize":
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
      case "find":
      case "index":
      case "rfind":
      case "rindex": {
        String sub = text(in, arg0, name);
        int[] r = range(in, s, arg1, a.get(2, null));
        String part = s.substring(r[0], Math.max(r[0], r[1]));
        int at = name.startsWith("r") ? part.lastIndexOf(sub) : part.indexOf(sub);
        if (at < 0 && name.endsWith("index")) {
          throw in.error("ValueError", "substring not found");
        }
        return BigInteger.valueOf(at < 0 ? -1 : at + r[0]);
      }
      case "count": {
        String sub = text(in, arg0, name);
        if (sub.isEmpty()) {
          return BigInteger.valueOf(s.length() + 1L);
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
          n++;
        }
        return BigInteger.valueOf(n);
      }
      case "isdigit":
      case "isnumeric":
      case "isdecimal":
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      case "isalpha":
        return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
      case "isalnum":
        return !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
      case "isspace":
        return !s.isEmpty() && s.chars().allMatch(StrMethods::isSpace);
      case "isupper":
        return s.chars().anyMatch(Character::isUpperCase) && s.chars().noneMatch(Character::isLowerCase);
      case "islower":
        return s.chars().anyMatch(Character::isLowerCase) && s.chars().noneMatch(Character::isUpperCase);
      case "istitle":
        return !s.isEmpty() && s.equals(title(s)) && s.chars().anyMatch(Character::isLetter);
      case "isascii":
        return s.chars().allMatch(c -> c < 128);
      case "isidentifier":
        return !s.isEmpty() && (Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')
            && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
      case "partition":
      case "rpartition": {
        String sep = text(in, arg0, name);
        if (sep.isEmpty()) {
          throw in.error("ValueError", "empty separator");
        }
        int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
        if (at < 0) {
          return name.equals("partition") ? new PyTuple(List.of(s, "", "")) : new PyTuple(List.of("", "", s));
        }
        return new PyTuple(List.of(s.substring(0, at), sep, s.substring(at + sep.length())));
      }
      case "zfill": {
        int width = in.ops.smallInt(arg0, "width");
        in.checkString(width);
        if (s.length() >= width) {
          return s;
        }
        int signLen = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        return s.substring(0, signLen) + "0".repeat(width - s.length()) + s.substring(signLen);
      }
      case "ljust":
      case "rjust":
      case "center": {
        int width = in.ops.smallInt(arg0, "width");
        in.checkString(width);
        String fill = arg1 == null ? " " : text(in, arg1, name);
        if (s.length() >= width) {
          return s;
        }
        int pad = width - s.length();
        return switch (name) {
          case "ljust" -> s + fill.repeat(pad);
          case "rjust" -> fill.repeat(pad) + s;
          default -> {
            int left = pad / 2 + (pad & width & 1);
            yield fill.repeat(left) + s + fill.repeat(pad - left);
          }
        };
      }
      case "format":
        return in.formats.strFormat(s, a);
      case "format_map": {
        if (!(arg0 instanceof PyDict d)) {
          return Ops.unknownOf(arg0) != null ? Ops.unknownOf(arg0) : new Unknown("format_map of a non-dict");
        }
        java.util.Map<String, Object> kw = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<Object, Object> e : d.entries()) {
          kw.put(String.valueOf(e.getKey()), e.getValue());
        }
        return in.formats.strFormat(s, new CallArgs(List.of(), kw, null, null, a.frame(), a.line()));
      }
      case "encode":
        return in.methods.encode(s, arg0 != null ? arg0 : a.keywords().get("encoding"));
      case "decode": {
        if (!in.target.py2()) {
          throw in.error("AttributeError", "'str' object has no attribute 'decode'");
        }
        if (!s.chars().allMatch(c -> c < 0x100)) {
          return s;
        }
        Object enc = arg0 != null ? arg0 : a.keywords().getOrDefault("encoding", "ascii");
        if (Ops.unknownOf(enc) != null) {
          return Ops.unknownOf(enc);
        }
        TextCodec.Result r = TextCodec.decode(PyBytes.ofLatin1(s).bytes(), in.text(enc, "decode() argument 'encoding'"),
            arg1 instanceof String e ? e : null);
        if (r.text() == null) {
          throw in.error(r.errorType(), r.error());
        }
        return r.text();
      }
      case "expandtabs":
        return s.replace("\t", " ".repeat(arg0 == null ? 8 : in.ops.smallInt(arg0, "tabsize")));
      case "removeprefix": {
        String p = text(in, arg0, name);
        return s.startsWith(p) ? s.substring(p.length()) : s;
      }
      case "removesuffix": {
        String p = text(in, arg0, name);
        return !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
      }
      case "__len__":
        return BigInteger.valueOf(s.codePointCount(0, s.length()));
      case "__contains__":
        return in.ops.contains(s, arg0);
      default:
        throw in.error("AttributeError", "'str' object has no attribute '" + name + "'");
    }
  }

  private static Object optional(Object positional, CallArgs a, String keyword) {
    return positional != null ? positional : a.keywords().get(keyword);
  }

  private static int maxsplit(Interpreter in, Object positional, CallArgs a) {
    Object v = positional != null ? positional : a.keywords().get("maxsplit");
    return v == null ? -1 : in.ops.smallInt(v, "maxsplit");
  }

  private static String chars(Interpreter in, Object arg) {
    if (arg == null || arg instanceof PyNone) {
      return null;
    }
    return text(in, arg, "strip");
  }

  private static String text(Interpreter in, Object arg, String method) {
    if (arg instanceof String s) {
      return s;
    }
    throw in.error("TypeError", method + " arg must be None or str, not " + in.ops.typeName(arg));
  }

  static String strip(String s, String which, String chars) {
    int start = 0;
    int end = s.length();
    if (!which.equals("rstrip")) {
      while (start < end && stripped(s.charAt(start), chars)) {
        start++;
      }
    }
    if (!which.equals("lstrip")) {
      while (end > start && stripped(s.charAt(end - 1), chars)) {
        end--;
      }
    }
    return s.substring(start, end);
  }

  private static boolean stripped(char c, String chars) {
    return chars == null ? isSpace(c) : chars.indexOf(c) >= 0;
  }

  static PyList split(Interpreter in, String s, Object sepArg, int maxsplit, boolean right) {
    List<Object> out = new ArrayList<>();
    if (sepArg == null || sepArg instanceof PyNone) {
      List<String> words = new ArrayList<>();
      int k = 0;
      while (k < s.length()) {
        while (k < s.length() && isSpace(s.charAt(k))) {
          k++;
        }
        if (k >= s.length()) {
          break;
        }
        int start = k;
        while (k < s.length() && !isSpace(s.charAt(k))) {
          k++;
        }
        words.add(s.substring(start, k));
      }
      if (maxsplit >= 0 && words.size() > maxsplit + 1) {
        // Rejoin what maxsplit leaves unsplit, with its original spacing.
        if (!right) {
          int pos = 0;
          for (int w = 0; w < maxsplit; w++) {
            pos = s.indexOf(words.get(w), pos) + words.get(w).length();
          }
          List<Object> first = new ArrayList<>(words.subList(0, maxsplit));
          first.add(strip(s.substring(pos), "lstrip", null));
          return new PyList(first);
        }
        int pos = s.length();
        List<Object> last = new ArrayList<>();
        for (int w = words.size() - 1; w >= words.size() - maxsplit; w--) {
          pos = s.lastIndexOf(words.get(w), pos - 1);
          last.add(0, words.get(w));
        }
        last.add(0, strip(s.substring(0, pos), "rstrip", null));
        return new PyList(last);
      }
      out.addAll(words);
      return new PyList(out);
    }
    String sep = text(in, sepArg, "split");
    if (sep.isEmpty()) {
      throw in.error("ValueError", "empty separator");
    }
    List<String> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        break;
      }
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    if (maxsplit >= 0 && parts.size() > maxsplit + 1) {
      if (!right) {
        List<String> head = new ArrayList<>(parts.subList(0, maxsplit));
        head.add(String.join(sep, parts.subList(maxsplit, parts.size())));
        parts = head;
      } else {
        List<String> tail = new ArrayList<>();
        tail.add(String.join(sep, parts.subList(0, parts.size() - maxsplit)));
        tail.addAll(parts.subList(parts.size() - maxsplit, parts.size()));
        parts = tail;
      }
    }
    out.addAll(parts);
    in.checkCollection(out.size());
    return new PyList(out);
  }

  /** str.splitlines: \n, \r, \r\n and the Unicode line boundaries. */
  static PyList splitlines(String s, boolean keepends) {
    List<Object> out = new ArrayList<>();
    int start = 0;
    int k = 0;
    while (k < s.length()) {
      char c = s.charAt(k);
      int len = 0;
      if (c == '\r' && k + 1 < s.length() && s.charAt(k + 1) == '\n') {
        len = 2;
      } else if ("\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) >= 0) {
        len = 1;
      }
      if (len == 0) {
        k++;
        continue;
      }
      out.add(s.substring(start, keepends ? k + len : k));
      k += len;
      start = k;
    }
    if (start < s.length()) {
      out.add(s.substring(start));
    }
    return new PyList(out);
  }

  private static Object affix(Interpreter in, String s, boolean starts, Object arg, Object start, Object end) {
    int[] r = range(in, s, start, end);
    String part = s.substring(r[0], Math.max(r[0], r[1]));
    List<Object> options = arg instanceof PyTuple t ? t.items : List.of(arg);
    for (Object o : options) {
      if (Ops.unknownOf(o) != null) {
        return Ops.unknownOf(o);
      }
      if (!(o instanceof String p)) {
        throw in.error("TypeError", (starts ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not "
            + in.ops.typeName(o));
      }
      if (starts ? part.startsWith(p) : part.endsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static int[] range(Interpreter in, String s, Object start, Object end) {
    int n = s.length();
    int lo = start == null || start instanceof PyNone ? 0 : clamp(in.ops.smallInt(start, "start"), n);
    int hi = end == null || end instanceof PyNone ? n : clamp(in.ops.smallInt(end, "end"), n);
    return new int[] {lo, Math.max(lo, hi)};
  }

  private static int clamp(int k, int n) {
    if (k < 0) {
      k += n;
    }
    return Math.max(0, Math.min(n, k));
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder();
    boolean prevCased = false;
    for (char c : s.toCharArray()) {
      out.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
      prevCased = Character.isLetter(c);
    }
    return out.toString();
  }
}
