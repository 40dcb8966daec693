package dev.pypidb.extract.setuppy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Python's string formatting: {@code "%s" % args}, {@code str.format}, f-string fields and
 * {@code format(value, spec)} with the format-spec mini-language (fill, align, sign, width,
 * grouping, precision and the common types). Unknown arguments make the result unknown.
 */
final class Formats {
  private final Interpreter in;

  Formats(Interpreter in) {
    this.in = in;
  }

  // ---------------------------------------------------------------- printf-style

  /** {@code fmt % args}. */
  Object percent(Object fmt, Object args) {
    boolean bytes = fmt instanceof PyBytes;
    String f = bytes ? ((PyBytes) fmt).latin1() : (String) fmt;
    Unknown u = Ops.unknownOf(args);
    if (u != null) {
      return u;
    }
    List<Object> values = args instanceof PyTuple t ? t.items : List.of(args);
    PyDict mapping = args instanceof PyDict d ? d : null;
    StringBuilder out = new StringBuilder();
    int next = 0;
    int k = 0;
    while (k < f.length()) {
      char c = f.charAt(k++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (k >= f.length()) {
        throw in.error("ValueError", "incomplete format");
      }
      Object value = null;
      if (f.charAt(k) == '(') {
        int close = f.indexOf(')', k);
        if (close < 0 || mapping == null) {
          throw in.error("TypeError", "format requires a mapping");
        }
        String key = f.substring(k + 1, close);
        value = mapping.get(key);
        if (value == null) {
          throw in.error("KeyError", key);
        }
        k = close + 1;
      }
      StringBuilder spec = new StringBuilder();
      while (k < f.length() && "-+ #0".indexOf(f.charAt(k)) >= 0) {
        spec.append(f.charAt(k++));
      }
      String flags = spec.toString();
      StringBuilder width = new StringBuilder();
      while (k < f.length() && (Character.isDigit(f.charAt(k)) || f.charAt(k) == '*')) {
        width.append(f.charAt(k++));
      }
      String precision = null;
      if (k < f.length() && f.charAt(k) == '.') {
        k++;
        StringBuilder p = new StringBuilder();
        while (k < f.length() && Character.isDigit(f.charAt(k))) {
          p.append(f.charAt(k++));
        }
        precision = p.toString();
      }
      while (k < f.length() && "hlL".indexOf(f.charAt(k)) >= 0) {
        k++;
      }
      if (k >= f.length()) {
        throw in.error("ValueError", "incomplete format");
      }
      char type = f.charAt(k++);
      if (type == '%') {
        out.append('%');
        continue;
      }
      if (value == null) {
        if (mapping != null && !(args instanceof PyTuple)) {
          value = args;
        } else {
          if (next >= values.size()) {
            throw in.error("TypeError", "not enough arguments for format string");
          }
          value = values.get(next++);
        }
      }
      if (Ops.unknownOf(value) != null) {
        return Ops.unknownOf(value);
      }
      Object converted = convertPercent(type, value, flags, precision);
      if (converted instanceof Unknown unknownText) {
        return unknownText;
      }
      String text = (String) converted;
      int w = width.length() == 0 || width.toString().equals("*") ? 0 : Integer.parseInt(width.toString());
      if (text.length() < w) {
        String pad = " ".repeat(w - text.length());
        if (flags.contains("-")) {
          text = text + pad;
        } else if (flags.contains("0") && "diuxXofeEgG".indexOf(type) >= 0) {
          boolean neg = text.startsWith("-");
          text = (neg ? "-" : "") + "0".repeat(w - text.length()) + (neg ? text.substring(1) : text);
        } else {
          text = pad + text;
        }
      }
      out.append(text);
      in.checkString(out.length());
    }
    if (mapping == null && next < values.size()) {
      throw in.error("TypeError", "not all arguments converted during string formatting");
    }
    return bytes ? PyBytes.ofLatin1(out.toString()) : out.toString();
  }

  /** One {@code %} conversion: the text, or an Unknown when the value's text is unknown. */
  private Object convertPercent(char type, Object value, String flags, String precision) {
    switch (type) {
      case 's':
      case 'r':
      case 'a': {
        Object s = type == 's' ? in.ops.str(value) : in.ops.repr(value);
        if (s instanceof Unknown) {
          return s;
        }
        String text = (String) s;
        return precision != null && !precision.isEmpty() && Integer.parseInt(precision) < text.length()
            ? text.substring(0, Integer.parseInt(precision)) : text;
      }
      case 'd':
      case 'i':
      case 'u': {
        BigInteger i = Ops.asInt(value);
        if (i == null && value instanceof Double d) {
          i = BigDecimal.valueOf(d).toBigInteger();
        }
        if (i == null) {
          throw in.error("TypeError", "%" + type + " format: a number is required, not " + in.ops.typeName(value));
        }
        return sign(i.toString(), flags);
      }
      case 'x':
      case 'X':
      case 'o': {
        BigInteger i = Ops.asInt(value);
        if (i == null) {
          throw in.error("TypeError", "%" + type + " format: an integer is required, not " + in.ops.typeName(value));
        }
        String s = i.abs().toString(type == 'o' ? 8 : 16);
        if (flags.contains("#")) {
          s = (type == 'o' ? "0o" : "0x") + s;
        }
        s = type == 'X' ? s.toUpperCase(Locale.ROOT) : s;
        return sign(i.signum() < 0 ? "-" + s : s, flags);
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        if (!Ops.isNumber(value)) {
          throw in.error("TypeError", "must be real number, not " + in.ops.typeName(value));
        }
        int p = precision == null || precision.isEmpty() ? 6 : Integer.parseInt(precision);
        return sign(floatFormat(Ops.asDouble(value), type, p), flags);
      }
      case 'c':
        if (value instanceof String s) {
          return s;
        }
        return new String(Character.toChars(in.ops.smallInt(value, "%c")));
      default:
        throw in.error("ValueError", "unsupported format character '" + type + "'");
    }
  }

  private static String sign(String s, String flags) {
    if (s.startsWith("-")) {
      return s;
    }
    if (flags.contains("+")) {
      return "+" + s;
    }
    return flags.contains(" ") ? " " + s : s;
  }

  private static String floatFormat(double d, char type, int precision) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
      return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
    }
    switch (Character.toLowerCase(type)) {
      case 'f':
        return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
      case 'e': {
        String s = String.format(Locale.ROOT, "%." + precision + "e", d);
        return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
      }
      default: {
        int p = precision == 0 ? 1 : precision;
        if (d == 0) {
          return "0";
        }
        int exp = (int) Math.floor(Math.log10(Math.abs(d)));
        String s;
        if (exp < -4 || exp >= p) {
          s = String.format(Locale.ROOT, "%." + (p - 1) + "e", d);
          String mant = s.substring(0, s.indexOf('e'));
          if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
          }
          s = mant + s.substring(s.indexOf('e'));
        } else {
          s = new BigDecimal(d).setScale(Math.max(0, p - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
          if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
          }
        }
        return Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT) : s;
      }
    }
  }

  // ---------------------------------------------------------------- format specs

  /** {@code format(value, spec)}. */
  Object format(Object value, String spec) {
    Unknown u = Ops.unknownOf(value);
    if (u != null) {
      return u;
    }
    if (spec.isEmpty()) {
      return in.ops.str(value);
    }
    int k = 0;
    char fill = ' ';
    char align = 0;
    if (spec.length() >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
      fill = spec.charAt(0);
      align = spec.charAt(1);
      k = 2;
    } else if ("<>=^".indexOf(spec.charAt(0)) >= 0) {
      align = spec.charAt(0);
      k = 1;
    }
    char sign = 0;
    if (k < spec.length() && "+- ".indexOf(spec.charAt(k)) >= 0) {
      sign = spec.charAt(k++);
    }
    boolean alternate = false;
    if (k < spec.length() && spec.charAt(k) == '#') {
      alternate = true;
      k++;
    }
    if (k < spec.length() && spec.charAt(k) == '0' && align == 0) {
      fill = '0';
      align = '=';
      k++;
    }
    int width = 0;
    while (k < spec.length() && Character.isDigit(spec.charAt(k))) {
      width = Math.min(width * 10 + spec.charAt(k++) - '0', in.limits.maxStringLength());
    }
    char grouping = 0;
    if (k < spec.length() && (spec.charAt(k) == ',' || spec.charAt(k) == '_')) {
      grouping = spec.charAt(k++);
    }
    int precision = -1;
    if (k < spec.length() && spec.charAt(k) == '.') {
      k++;
      precision = 0;
      while (k < spec.length() && Character.isDigit(spec.charAt(k))) {
        precision = Math.min(precision * 10 + spec.charAt(k++) - '0', 1000);
      }
    }
    char type = k < spec.length() ? spec.charAt(k++) : 0;
    if (k != spec.length()) {
      throw in.error("ValueError", "Invalid format specifier");
    }
    in.checkString(width);
    String body;
    boolean numeric = Ops.isNumber(value) && type != 's';
    if (numeric) {
      body = formatNumber(value, type, precision, alternate, grouping);
      if (sign == '+' && !body.startsWith("-")) {
        body = "+" + body;
      } else if (sign == ' ' && !body.startsWith("-")) {
        body = " " + body;
      }
    } else {
      Object s = in.ops.str(value);
      if (s instanceof Unknown x) {
        return x;
      }
      body = (String) s;
      if (precision >= 0 && precision < body.length()) {
        body = body.substring(0, precision);
      }
    }
    if (body.length() >= width) {
      return body;
    }
    int pad = width - body.length();
    char a = align != 0 ? align : numeric ? '>' : '<';
    String fillText = String.valueOf(fill);
    return switch (a) {
      case '<' -> body + fillText.repeat(pad);
      case '^' -> fillText.repeat(pad / 2) + body + fillText.repeat(pad - pad / 2);
      case '=' -> {
        int signLen = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
        yield body.substring(0, signLen) + fillText.repeat(pad) + body.substring(signLen);
      }
      default -> fillText.repeat(pad) + body;
    };
  }

  private String formatNumber(Object value, char type, int precision, boolean alternate, char grouping) {
    if (value instanceof Double || "eEfFgG%".indexOf(type) >= 0 && type != 0) {
      double d = Ops.asDouble(value);
      if (type == 0) {
        return precision < 0 ? Ops.floatRepr(d) : floatFormat(d, 'g', precision);
      }
      if (type == '%') {
        return floatFormat(d * 100, 'f', precision < 0 ? 6 : precision) + "%";
      }
      String s = floatFormat(d, type, precision < 0 ? 6 : precision);
      return grouping != 0 ? group(s, grouping) : s;
    }
    BigInteger i = Ops.asInt(value);
    String s;
    switch (type) {
      case 'x', 'X' -> s = (alternate ? "0x" : "") + i.abs().toString(16);
      case 'o' -> s = (alternate ? "0o" : "") + i.abs().toString(8);
      case 'b' -> s = (alternate ? "0b" : "") + i.abs().toString(2);
      case 'c' -> s = new String(Character.toChars(i.intValue()));
      case 'd', 'n', 0 -> s = grouping != 0 ? group(i.abs().toString(), grouping) : i.abs().toString();
      default -> throw in.error("ValueError", "Unknown format code '" + type + "' for object of type 'int'");
    }
    if (type == 'X') {
      s = s.toUpperCase(Locale.ROOT);
    }
    return i.signum() < 0 ? "-" + s : s;
  }

  private static String group(String digits, char sep) {
    int dot = digits.indexOf('.');
    String whole = dot < 0 ? digits : digits.substring(0, dot);
    String rest = dot < 0 ? "" : digits.substring(dot);
    boolean neg = whole.startsWith("-");
    if (neg) {
      whole = whole.substring(1);
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < whole.length(); k++) {
      if (k > 0 && (whole.length() - k) % 3 == 0) {
        out.append(sep);
      }
      out.append(whole.charAt(k));
    }
    return (neg ? "-" : "") + out + rest;
  }

  // ---------------------------------------------------------------- str.format

  /** {@code template.format(*args, **kwargs)}. */
  Object strFormat(String template, CallArgs args) {
    if (args.unknown() != null) {
      return args.unknown();
    }
    StringBuilder out = new StringBuilder();
    int auto = 0;
    int k = 0;
    while (k < template.length()) {
      char c = template.charAt(k);
      if (c == '{' && k + 1 < template.length() && template.charAt(k + 1) == '{') {
        out.append('{');
        k += 2;
        continue;
      }
      if (c == '}' && k + 1 < template.length() && template.charAt(k + 1) == '}') {
        out.append('}');
        k += 2;
        continue;
      }
      if (c == '}') {
        throw in.error("ValueError", "Single '}' encountered in format string");
      }
      if (c != '{') {
        out.append(c);
        k++;
        continue;
      }
      int level = 1;
      int end = k + 1;
      while (end < template.length() && level > 0) {
        if (template.charAt(end) == '{') {
          level++;
        } else if (template.charAt(end) == '}') {
          level--;
        }
        end++;
      }
      if (level != 0) {
        throw in.error("ValueError", "Single '{' encountered in format string");
      }
      String field = template.substring(k + 1, end - 1);
      k = end;
      String spec = "";
      char conversion = 0;
      int colon = fieldColon(field);
      if (colon >= 0) {
        spec = field.substring(colon + 1);
        field = field.substring(0, colon);
      }
      int bang = field.indexOf('!');
      if (bang >= 0) {
        conversion = bang + 1 < field.length() ? field.charAt(bang + 1) : 0;
        field = field.substring(0, bang);
      }
      if (spec.contains("{")) {
        Object nested = strFormat(spec, args);
        if (nested instanceof Unknown x) {
          return x;
        }
        spec = (String) nested;
      }
      int split = 0;
      while (split < field.length() && field.charAt(split) != '.' && field.charAt(split) != '[') {
        split++;
      }
      String head = field.substring(0, split);
      Object value;
      if (head.isEmpty()) {
        value = positional(args, auto++);
      } else if (head.chars().allMatch(Character::isDigit)) {
        value = positional(args, Integer.parseInt(head));
      } else {
        value = args.keywords().get(head);
        if (value == null) {
          throw in.error("KeyError", head);
        }
      }
      value = fieldPath(value, field.substring(split));
      if (conversion == 'r' || conversion == 'a') {
        value = in.ops.repr(value);
      } else if (conversion == 's') {
        value = in.ops.str(value);
      }
      Object text = format(value, spec);
      if (text instanceof Unknown x) {
        return x;
      }
      out.append((String) text);
      in.checkString(out.length());
    }
    return out.toString();
  }

  private static int fieldColon(String field) {
    int bracket = 0;
    for (int k = 0; k < field.length(); k++) {
      char c = field.charAt(k);
      if (c == '[') {
        bracket++;
      } else if (c == ']') {
        bracket--;
      } else if (c == ':' && bracket == 0) {
        return k;
      }
    }
    return -1;
  }

  private Object positional(CallArgs args, int index) {
    if (index >= args.count()) {
      throw in.error("IndexError", in.target.minor3() >= 8 ? "Replacement index " + index + " out of range for positional args tuple"
          : "tuple index out of range");
    }
    return args.positional().get(index);
  }

  /** Applies {@code .attr} and {@code [key]} parts of a format field. */
  private Object fieldPath(Object value, String path) {
    int k = 0;
    while (k < path.length()) {
      if (Ops.unknownOf(value) != null) {
        return value;
      }
      if (path.charAt(k) == '.') {
        int end = k + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        value = in.access.getAttr(value, path.substring(k + 1, end));
        k = end;
      } else {
        int close = path.indexOf(']', k);
        if (close < 0) {
          throw in.error("ValueError", "Missing ']' in format string");
        }
        String key = path.substring(k + 1, close);
        Object index = key.chars().allMatch(Character::isDigit) && !key.isEmpty() ? new BigInteger(key) : key;
        value = in.access.subscript(value, index);
        k = close + 1;
      }
    }
    return value;
  }
}
