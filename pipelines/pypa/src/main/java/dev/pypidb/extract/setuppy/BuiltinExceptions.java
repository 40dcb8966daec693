package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.PythonKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in exception classes of the Pythons the crawler ran, as three hierarchies: Python 2.7
 * ({@code StandardError}, {@code EnvironmentError} above {@code IOError} and {@code OSError}),
 * Python 3.5 (the {@code OSError} family of PEP 3151, {@code IOError} and {@code EnvironmentError}
 * bound to {@code OSError}), and Python 3.6 and later (with {@code ModuleNotFoundError}). Each
 * class is one {@link PyExceptionType} shared by all of them; what differs is which names are
 * bound, to which class, and each class's base. Immutable.
 */
final class BuiltinExceptions {
  private static final Map<String, PyExceptionType> CLASSES = new LinkedHashMap<>();
  private static final Hierarchy PY2 = hierarchy(true, 7);
  private static final Hierarchy PY35 = hierarchy(false, 5);
  private static final Hierarchy PY36 = hierarchy(false, 6);
  /** Every name some Python binds, in definition order. */
  private static final List<String> NAMES = union();

  private BuiltinExceptions() {}

  /** Names bound to classes, and each class's base (absent for BaseException). */
  private record Hierarchy(Map<String, PyExceptionType> bound, Map<String, String> bases) {}

  /** Every name some Python binds to a built-in exception class, in definition order. */
  static List<String> names() {
    return NAMES;
  }

  private static List<String> union() {
    List<String> out = new ArrayList<>();
    for (Hierarchy h : List.of(PY2, PY35, PY36)) {
      h.bound().keySet().stream().filter(n -> !out.contains(n)).forEach(out::add);
    }
    return Collections.unmodifiableList(out);
  }

  /** The class {@code name} is bound to in {@code key}'s Python, or null when it binds none. */
  static PyExceptionType bound(PythonKey key, String name) {
    return of(key).bound().get(name);
  }

  /** Whether {@code type} is {@code base} or derives from it in {@code key}'s Python. */
  static boolean isSubclass(PythonKey key, PyExceptionType type, PyExceptionType base) {
    Map<String, String> bases = of(key).bases();
    for (String n = type.name; n != null; n = bases.get(n)) {
      if (n.equals(base.name)) {
        return true;
      }
    }
    return false;
  }

  private static Hierarchy of(PythonKey key) {
    return key.major() == 2 ? PY2 : key.minor() < 6 ? PY35 : PY36;
  }

  private static Hierarchy hierarchy(boolean py2, int minor) {
    Map<String, PyExceptionType> bound = new LinkedHashMap<>();
    Map<String, String> bases = new LinkedHashMap<>();
    Builder b = new Builder(bound, bases);
    b.define("BaseException", null);
    b.define("SystemExit", "BaseException");
    b.define("KeyboardInterrupt", "BaseException");
    b.define("GeneratorExit", "BaseException");
    b.define("Exception", "BaseException");
    String standard = "Exception";
    if (py2) {
      standard = b.define("StandardError", "Exception");
    }
    b.define("StopIteration", "Exception");
    b.define("ArithmeticError", standard);
    b.define("ZeroDivisionError", "ArithmeticError");
    b.define("OverflowError", "ArithmeticError");
    b.define("FloatingPointError", "ArithmeticError");
    b.define("AssertionError", standard);
    b.define("AttributeError", standard);
    b.define("BufferError", standard);
    b.define("EOFError", standard);
    b.define("ImportError", standard);
    if (!py2 && minor >= 6) {
      b.define("ModuleNotFoundError", "ImportError");
    }
    b.define("LookupError", standard);
    b.define("IndexError", "LookupError");
    b.define("KeyError", "LookupError");
    b.define("MemoryError", standard);
    b.define("NameError", standard);
    b.define("UnboundLocalError", "NameError");
    if (py2) {
      b.define("EnvironmentError", standard);
      b.define("IOError", "EnvironmentError");
      b.define("OSError", "EnvironmentError");
    } else {
      b.define("OSError", standard);
      b.alias("IOError", "OSError");
      b.alias("EnvironmentError", "OSError");
      for (String sub : new String[] {"FileNotFoundError", "FileExistsError", "IsADirectoryError",
          "NotADirectoryError", "PermissionError", "BlockingIOError", "ChildProcessError",
          "ConnectionError", "InterruptedError", "ProcessLookupError", "TimeoutError"}) {
        b.define(sub, "OSError");
      }
    }
    b.define("ReferenceError", standard);
    b.define("RuntimeError", standard);
    b.define("NotImplementedError", "RuntimeError");
    if (!py2) {
      b.define("RecursionError", "RuntimeError");
    }
    b.define("SyntaxError", standard);
    b.define("IndentationError", "SyntaxError");
    b.define("TabError", "IndentationError");
    b.define("SystemError", standard);
    b.define("TypeError", standard);
    b.define("ValueError", standard);
    b.define("UnicodeError", "ValueError");
    b.define("UnicodeDecodeError", "UnicodeError");
    b.define("UnicodeEncodeError", "UnicodeError");
    b.define("Warning", "Exception");
    for (String w : new String[] {"UserWarning", "DeprecationWarning", "PendingDeprecationWarning",
        "SyntaxWarning", "RuntimeWarning", "FutureWarning", "ImportWarning", "UnicodeWarning"}) {
      b.define(w, "Warning");
    }
    return new Hierarchy(Collections.unmodifiableMap(bound), Collections.unmodifiableMap(bases));
  }

  private record Builder(Map<String, PyExceptionType> bound, Map<String, String> bases) {
    String define(String name, String base) {
      bound.put(name, CLASSES.computeIfAbsent(name, PyExceptionType::new));
      if (base != null) {
        bases.put(name, base);
      }
      return name;
    }

    void alias(String name, String target) {
      bound.put(name, bound.get(target));
    }
  }
}
