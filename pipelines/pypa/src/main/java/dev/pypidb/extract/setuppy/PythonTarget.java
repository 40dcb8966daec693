package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.PythonKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one Python key looks like to setup.py when mach-nix's crawler ran it: CPython of that
 * version on Linux x86_64 ({@code sys.platform} {@code "linux2"} on Python 2, {@code "linux"}
 * after), in a C locale (text files opened without an encoding decode as ASCII on Python 2's
 * {@code io.open} and Python 3.5 and 3.6, as UTF-8 from 3.7 on, PEP 538/540), with the standard
 * library of that version and setuptools installed. Also the wording of its error messages.
 */
final class PythonTarget {
  private static final Map<String, int[]> STDLIB = loadStdlib();
  /** Standard library packages: only these (and os.path) have submodules. */
  private static final java.util.Set<String> PACKAGES = java.util.Set.of("asyncio", "collections", "concurrent",
      "ctypes", "curses", "dbm", "distutils", "email", "encodings", "ensurepip", "html", "http", "idlelib",
      "importlib", "json", "lib2to3", "logging", "multiprocessing", "pydoc_data", "sqlite3", "tkinter", "unittest",
      "urllib", "venv", "wsgiref", "xml", "xmlrpc", "zoneinfo", "bsddb", "compiler", "hotshot");

  final PythonKey key;
  final Map<String, PyExceptionType> exceptions;

  PythonTarget(PythonKey key) {
    this.key = key;
    this.exceptions = exceptionTypes(key.major() == 2, key.minor());
  }

  boolean py2() {
    return key.major() == 2;
  }

  /** The minor version; Python 2.7 is -1 here so that "3.x or later" tests read simply. */
  int minor3() {
    return key.major() == 2 ? -1 : key.minor();
  }

  PyTuple versionInfo() {
    int[] v = key.versionInfo();
    return new PyTuple(List.of(BigInteger.valueOf(v[0]), BigInteger.valueOf(v[1]), BigInteger.valueOf(v[2]),
        "final", BigInteger.ZERO), List.of("major", "minor", "micro", "releaselevel", "serial"));
  }

  BigInteger hexversion() {
    int[] v = key.versionInfo();
    return BigInteger.valueOf(((long) v[0] << 24) | ((long) v[1] << 16) | ((long) v[2] << 8) | 0xf0);
  }

  String sysPlatform() {
    return py2() ? "linux2" : "linux";
  }

  /** The encoding a text-mode open without {@code encoding=} uses. */
  String localeEncoding() {
    return py2() || key.minor() <= 6 ? "ascii" : "utf-8";
  }

  PyExceptionType exception(String name) {
    PyExceptionType t = exceptions.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no built-in exception " + name);
    }
    return t;
  }

  String fileNotFoundType() {
    return py2() ? "IOError" : "FileNotFoundError";
  }

  /** The class raised when an import finds no module. */
  String moduleNotFoundType() {
    return py2() || key.minor() < 6 ? "ImportError" : "ModuleNotFoundError";
  }

  /** The message of a failed {@code import name}: Python 2 names the last part, unquoted. */
  String noModuleMessage(String dotted, String missingPart) {
    if (py2()) {
      return "No module named " + missingPart;
    }
    return "No module named " + PyRepr.quote(dotted);
  }

  String cannotImportMessage(String name, String module) {
    if (py2()) {
      return "cannot import name " + name;
    }
    if (key.minor() < 7) {
      return "cannot import name " + PyRepr.quote(name);
    }
    return "cannot import name " + PyRepr.quote(name) + " from " + PyRepr.quote(module);
  }

  /**
   * Whether the standard library of this Python has module {@code dotted}. Submodules of a
   * present package are taken to be present, except those added later: importlib.metadata (3.8),
   * importlib.resources (3.7), unittest.mock and collections.abc (3.3), and Python 3's
   * reorganised packages (urllib.request, http.client...) on Python 2.
   */
  boolean hasStdlibModule(String dotted) {
    return hasModule(dotted);
  }

  /** Whether {@code top} is a standard library module of any Python, 2.7 or 3.x. */
  static boolean isStdlibInAnyVersion(String top) {
    int[] range = STDLIB.get(top);
    return range != null && (range[0] == 1 || range[1] >= 0);
  }

  /** Whether {@code top} is a standard library package of this Python (it has submodules). */
  boolean isStdlibPackage(String top) {
    return PACKAGES.contains(top) && hasModule(top);
  }

  private boolean hasModule(String dotted) {
    String top = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
    int[] range = STDLIB.get(top);
    if (range == null) {
      return false;
    }
    boolean present = py2() ? range[0] == 1 : range[1] >= 0 && key.minor() >= range[1]
        && (range[2] < 0 || key.minor() <= range[2]);
    if (!present || top.equals(dotted)) {
      return present;
    }
    if (dotted.equals("os.path")) {
      return true;
    }
    if (!PACKAGES.contains(top)) {
      return false;
    }
    switch (dotted) {
      case "importlib.metadata":
        return minor3() >= 8;
      case "importlib.resources":
        return minor3() >= 7;
      case "importlib.util":
      case "importlib.machinery":
      case "importlib.abc":
        return !py2();
      case "unittest.mock":
      case "collections.abc":
        return !py2();
      default:
        if (py2() && top.equals("urllib")) {
          return false;
        }
        return true;
    }
  }

  private static Map<String, int[]> loadStdlib() {
    Map<String, int[]> out = new HashMap<>();
    try (InputStream in = PythonTarget.class.getResourceAsStream("stdlib-modules.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        out.put(f[0], new int[] {Integer.parseInt(f[1]), minor(f[2]), minor(f[3])});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int minor(String v) {
    return v.equals("-") ? -1 : Integer.parseInt(v.substring(v.indexOf('.') + 1));
  }

  private static Map<String, PyExceptionType> exceptionTypes(boolean py2, int minor) {
    Map<String, PyExceptionType> m = new HashMap<>();
    PyExceptionType base = put(m, "BaseException", null);
    put(m, "SystemExit", base);
    put(m, "KeyboardInterrupt", base);
    put(m, "GeneratorExit", base);
    PyExceptionType exception = put(m, "Exception", base);
    PyExceptionType standard = py2 ? put(m, "StandardError", exception) : exception;
    put(m, "StopIteration", exception);
    PyExceptionType arithmetic = put(m, "ArithmeticError", standard);
    put(m, "ZeroDivisionError", arithmetic);
    put(m, "OverflowError", arithmetic);
    put(m, "FloatingPointError", arithmetic);
    put(m, "AssertionError", standard);
    put(m, "AttributeError", standard);
    put(m, "BufferError", standard);
    put(m, "EOFError", standard);
    PyExceptionType importError = put(m, "ImportError", standard);
    if (!py2 && minor >= 6) {
      put(m, "ModuleNotFoundError", importError);
    }
    PyExceptionType lookup = put(m, "LookupError", standard);
    put(m, "IndexError", lookup);
    put(m, "KeyError", lookup);
    put(m, "MemoryError", standard);
    PyExceptionType name = put(m, "NameError", standard);
    put(m, "UnboundLocalError", name);
    if (py2) {
      PyExceptionType env = put(m, "EnvironmentError", standard);
      put(m, "IOError", env);
      put(m, "OSError", env);
    } else {
      PyExceptionType os = put(m, "OSError", standard);
      m.put("IOError", os);
      m.put("EnvironmentError", os);
      for (String sub : new String[] {"FileNotFoundError", "FileExistsError", "IsADirectoryError",
          "NotADirectoryError", "PermissionError", "BlockingIOError", "ChildProcessError",
          "ConnectionError", "InterruptedError", "ProcessLookupError", "TimeoutError"}) {
        put(m, sub, os);
      }
    }
    put(m, "ReferenceError", standard);
    PyExceptionType runtime = put(m, "RuntimeError", standard);
    put(m, "NotImplementedError", runtime);
    if (!py2) {
      put(m, "RecursionError", runtime);
    }
    PyExceptionType syntax = put(m, "SyntaxError", standard);
    PyExceptionType indentation = put(m, "IndentationError", syntax);
    put(m, "TabError", indentation);
    put(m, "SystemError", standard);
    put(m, "TypeError", standard);
    PyExceptionType value = put(m, "ValueError", standard);
    PyExceptionType unicode = put(m, "UnicodeError", value);
    put(m, "UnicodeDecodeError", unicode);
    put(m, "UnicodeEncodeError", unicode);
    PyExceptionType warning = put(m, "Warning", exception);
    for (String w : new String[] {"UserWarning", "DeprecationWarning", "PendingDeprecationWarning",
        "SyntaxWarning", "RuntimeWarning", "FutureWarning", "ImportWarning", "UnicodeWarning"}) {
      put(m, w, warning);
    }
    return Map.copyOf(m);
  }

  private static PyExceptionType put(Map<String, PyExceptionType> m, String name, PyExceptionType base) {
    PyExceptionType t = new PyExceptionType(name, base);
    m.put(name, t);
    return t;
  }
}
