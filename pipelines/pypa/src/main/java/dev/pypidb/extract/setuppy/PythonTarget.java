package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.PythonKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What one Python key looks like to setup.py when mach-nix's crawler ran it: CPython of that
 * version on Linux x86_64 ({@code sys.platform} {@code "linux2"} on Python 2, {@code "linux"}
 * after), in a C locale (text files opened without an encoding decode as ASCII on Python 2's
 * {@code io.open} and Python 3.5 and 3.6, as UTF-8 from 3.7 on, PEP 538/540), with the standard
 * library of that version and setuptools installed. Also the wording of its error messages.
 *
 * <p>It is the only way an evaluation learns anything about its Python, and it keeps track of
 * what was learnt: each question (is this Python 2, is its minor version at least 7, is module
 * {@code tomllib} in its standard library, what is {@code sys.version_info[0]}, how does it decode
 * these bytes by default...) narrows {@link #alike} to the keys of {@link PythonKey#ALL} that
 * answer it as this key does. An evaluation is deterministic given these answers, so its outcome
 * holds for every key still alike when it ends, and needs no run of its own.
 */
final class PythonTarget {
  private static final List<PythonKey> KEYS = PythonKey.ALL;
  private static final Map<String, int[]> STDLIB = loadStdlib();
  /** Standard library packages: only these (and os.path) have submodules. */
  private static final Set<String> PACKAGES = Set.of("asyncio", "collections", "concurrent",
      "ctypes", "curses", "dbm", "distutils", "email", "encodings", "ensurepip", "html", "http", "idlelib",
      "importlib", "json", "lib2to3", "logging", "multiprocessing", "pydoc_data", "sqlite3", "tkinter", "unittest",
      "urllib", "venv", "wsgiref", "xml", "xmlrpc", "zoneinfo", "bsddb", "compiler", "hotshot");
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");
  private static final List<String> VERSION_INFO_NAMES = List.of("major", "minor", "micro", "releaselevel", "serial");
  private static final long[] PY2_ALIKE = alikeMasks(k -> k.major() == 2);
  private static final long[][] VERSION_ITEM_ALIKE = versionItemMasks();

  private final PythonKey key;
  /** The key's position in {@link PythonKey#ALL}, or -1 for another key (then nothing is alike). */
  private final int index;
  /** Bit i: {@code PythonKey.ALL.get(i)} has answered every question as this key has. */
  private long alike;

  PythonTarget(PythonKey key) {
    this.key = key;
    this.index = KEYS.indexOf(key);
    this.alike = index < 0 ? 0 : (1L << KEYS.size()) - 1;
  }

  /**
   * The keys of {@link PythonKey#ALL} that would have answered every question asked so far as
   * this key did (this key among them); empty for a key that is not one of them.
   */
  List<PythonKey> alike() {
    List<PythonKey> out = new ArrayList<>();
    for (int k = 0; k < KEYS.size(); k++) {
      if ((alike & (1L << k)) != 0) {
        out.add(KEYS.get(k));
      }
    }
    return out;
  }

  /**
   * The evaluation's outcome depends on more than the answers (on how deep the Java stack let it
   * go): it holds for this key only.
   */
  void isolate() {
    alike &= index < 0 ? 0 : 1L << index;
  }

  /** {@code question}'s answer for this key; keys that answer it otherwise are no longer alike. */
  private <T> T ask(Function<PythonKey, T> question) {
    T answer = question.apply(key);
    long others = index < 0 ? 0 : alike & ~(1L << index);
    for (; others != 0; others &= others - 1) {
      int k = Long.numberOfTrailingZeros(others);
      if (!Objects.equals(question.apply(KEYS.get(k)), answer)) {
        alike &= ~(1L << k);
      }
    }
    return answer;
  }

  /** As {@link #ask}, for a question whose alike keys are precomputed per key. */
  private void narrow(long[] alikeByKey) {
    if (index >= 0) {
      alike &= alikeByKey[index];
    }
  }


  /** For each key, the keys answering {@code question} as it does. */
  private static long[] alikeMasks(Function<PythonKey, Object> question) {
    long[] out = new long[KEYS.size()];
    for (int i = 0; i < KEYS.size(); i++) {
      for (int j = 0; j < KEYS.size(); j++) {
        if (Objects.equals(question.apply(KEYS.get(i)), question.apply(KEYS.get(j)))) {
          out[i] |= 1L << j;
        }
      }
    }
    return out;
  }

  private static long[][] versionItemMasks() {
    long[][] out = new long[VERSION_INFO_NAMES.size()][];
    for (int item = 0; item < out.length; item++) {
      int n = item;
      out[item] = alikeMasks(k -> versionItems(k).get(n));
    }
    return out;
  }

  // ---------------------------------------------------------------- the version

  boolean py2() {
    narrow(PY2_ALIKE);
    return key.major() == 2;
  }

  /** Whether this is Python 3.{@code minor} or later (Python 2.7 is not). */
  boolean minor3AtLeast(int minor) {
    return ask(k -> k.major() == 3 && k.minor() >= minor);
  }

  /** {@code sys.version_info}; its items are asked one by one as they are read. */
  PyTuple versionInfo() {
    return PyTuple.view(new VersionItems(VERSION_INFO_NAMES.size()), VERSION_INFO_NAMES);
  }

  /** The full version, e.g. {@code "3.10.13"}: {@code platform.python_version()}. */
  String fullVersion() {
    return ask(PythonKey::fullVersion);
  }

  BigInteger hexversion() {
    return ask(k -> {
      int[] v = k.versionInfo();
      return BigInteger.valueOf(((long) v[0] << 24) | ((long) v[1] << 16) | ((long) v[2] << 8) | 0xf0);
    });
  }

  private Object versionItem(int item) {
    narrow(VERSION_ITEM_ALIKE[item]);
    return versionItems(key).get(item);
  }

  private static List<Object> versionItems(PythonKey k) {
    int[] v = k.versionInfo();
    return List.of(BigInteger.valueOf(v[0]), BigInteger.valueOf(v[1]), BigInteger.valueOf(v[2]), "final",
        BigInteger.ZERO);
  }

  /**
   * The first {@code size} items of {@code sys.version_info}, each asked of the target when it
   * is read (a comparison with a tuple of ints asks only its outcome: {@link #compareVersion}).
   */
  final class VersionItems extends AbstractList<Object> {
    private final int size;

    private VersionItems(int size) {
      this.size = size;
    }

    @Override
    public Object get(int item) {
      Objects.checkIndex(item, size);
      return versionItem(item);
    }

    @Override
    public int size() {
      return size;
    }

    /** {@code sys.version_info[:n]}, as lazy as the whole. */
    PyTuple prefix(int n) {
      return PyTuple.view(new VersionItems(Math.max(0, Math.min(n, size))), null);
    }
  }

  /**
   * {@code version op other} ({@code other op version} when {@code !versionFirst}) for a prefix of
   * {@code sys.version_info} and a tuple of ints, when the comparison reads only its int items
   * (the major, minor and micro version); null otherwise, and then the items are read one by one.
   * Only the outcome is asked, so {@code sys.version_info >= (3, 8)} tells apart only the
   * Pythons on either side of 3.8.
   */
  Boolean compareVersion(String op, VersionItems version, List<Object> other, boolean versionFirst) {
    if (!COMPARISONS.contains(op) || Math.min(version.size, other.size()) > 3) {
      return null;
    }
    for (Object o : other) {
      if (!(o instanceof BigInteger)) {
        return null;
      }
    }
    return ask(k -> {
      List<Object> v = versionItems(k);
      int c = Integer.compare(version.size, other.size());
      for (int i = 0; i < Math.min(version.size, other.size()); i++) {
        int item = ((BigInteger) v.get(i)).compareTo((BigInteger) other.get(i));
        if (item != 0) {
          c = item;
          break;
        }
      }
      c = versionFirst ? c : -c;
      return switch (op) {
        case "==" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    });
  }

  // ---------------------------------------------------------------- the platform and locale

  String sysPlatform() {
    return py2() ? "linux2" : "linux";
  }

  /**
   * {@code bytes} decoded as a text-mode open() without {@code encoding=} decodes them: with the
   * locale's encoding, ASCII up to Python 3.6 and UTF-8 from 3.7; only the outcome is asked, so
   * ASCII text reads alike in all of them.
   */
  TextCodec.Result decodeAsLocale(byte[] bytes, String errors) {
    Map<String, TextCodec.Result> byEncoding = new HashMap<>(4);
    return ask(k -> byEncoding.computeIfAbsent(localeEncoding(k), e -> TextCodec.decode(bytes, e, errors)));
  }

  /**
   * What the built-in open() in text mode without {@code encoding=} reads from {@code bytes}:
   * Python 2's str, the bytes one char each (universal newlines only with mode 'U',
   * {@code universalOnPython2}), or Python 3's text decoded as by {@link #decodeAsLocale}, with
   * universal newlines. Only the outcome is asked, so an ASCII file without carriage returns
   * reads alike in every Python.
   */
  TextCodec.Result readText(byte[] bytes, boolean universalOnPython2) {
    Map<String, TextCodec.Result> byKind = new HashMap<>(4);
    return ask(k -> byKind.computeIfAbsent(k.major() == 2 ? "python2" : localeEncoding(k), kind -> {
      if (kind.equals("python2")) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return TextCodec.Result.ok(universalOnPython2 ? TextCodec.universalNewlines(text) : text);
      }
      TextCodec.Result decoded = TextCodec.decode(bytes, kind, null);
      return decoded.text() == null ? decoded : TextCodec.Result.ok(TextCodec.universalNewlines(decoded.text()));
    }));
  }

  private static String localeEncoding(PythonKey k) {
    return k.major() == 2 || k.minor() <= 6 ? "ascii" : "utf-8";
  }

  // ---------------------------------------------------------------- exceptions

  /** The built-in exception class {@code name} is bound to; it must be bound in this Python. */
  PyExceptionType exception(String name) {
    PyExceptionType t = builtinException(name);
    if (t == null) {
      throw new IllegalArgumentException("no built-in exception " + name);
    }
    return t;
  }

  /** The built-in exception class {@code name} is bound to, or null when this Python has none. */
  PyExceptionType builtinException(String name) {
    return ask(k -> BuiltinExceptions.bound(k, name));
  }

  /** Whether built-in exception class {@code type} is {@code base} or derives from it here. */
  boolean isSubclass(PyExceptionType type, PyExceptionType base) {
    return ask(k -> BuiltinExceptions.isSubclass(k, type, base));
  }

  /**
   * Whether {@code type} is an OSError (on Python 2, an EnvironmentError): an error with
   * {@code errno}, {@code strerror} and {@code filename}, shown as {@code [Errno n] message}.
   */
  boolean isOSError(PyExceptionType type) {
    return ask(k -> BuiltinExceptions.isSubclass(k, type,
        BuiltinExceptions.bound(k, k.major() == 2 ? "EnvironmentError" : "OSError")));
  }

  /** The class raised when an import finds no module. */
  String moduleNotFoundType() {
    return py2() || !minor3AtLeast(6) ? "ImportError" : "ModuleNotFoundError";
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
    if (!minor3AtLeast(7)) {
      return "cannot import name " + PyRepr.quote(name);
    }
    return "cannot import name " + PyRepr.quote(name) + " from " + PyRepr.quote(module);
  }

  /** The SyntaxError this Python raises compiling {@code module}, or null ({@link ParsedModule#syntaxError}). */
  String syntaxError(ParsedModule module, String filename) {
    return ask(k -> module.syntaxError(k, filename));
  }

  // ---------------------------------------------------------------- the standard library

  /**
   * Whether the standard library of this Python has module {@code dotted}. Submodules of a
   * present package are taken to be present, except those added later: importlib.metadata (3.8),
   * importlib.resources (3.7), unittest.mock and collections.abc (3.3), and Python 3's
   * reorganised packages (urllib.request, http.client...) on Python 2.
   */
  boolean hasStdlibModule(String dotted) {
    return ask(k -> hasModule(k, dotted));
  }

  /** Whether {@code top} is a standard library module of any Python, 2.7 or 3.x. */
  static boolean isStdlibInAnyVersion(String top) {
    int[] range = STDLIB.get(top);
    return range != null && (range[0] == 1 || range[1] >= 0);
  }

  /** Whether {@code top} is a standard library package of this Python (it has submodules). */
  boolean isStdlibPackage(String top) {
    return PACKAGES.contains(top) && hasStdlibModule(top);
  }

  /**
   * Whether {@code dotted} ({@code package.name}) names a submodule of a standard library package
   * of this Python that this Python does not have.
   */
  boolean lacksSubmodule(String dotted) {
    String top = dotted.substring(0, dotted.indexOf('.'));
    return ask(k -> PACKAGES.contains(top) && hasModule(k, top) && !hasModule(k, dotted));
  }

  private static boolean hasModule(PythonKey k, String dotted) {
    boolean py2 = k.major() == 2;
    int minor3 = py2 ? -1 : k.minor();
    String top = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
    int[] range = STDLIB.get(top);
    if (range == null) {
      return false;
    }
    boolean present = py2 ? range[0] == 1 : range[1] >= 0 && k.minor() >= range[1]
        && (range[2] < 0 || k.minor() <= range[2]);
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
        return minor3 >= 8;
      case "importlib.resources":
        return minor3 >= 7;
      case "importlib.util":
      case "importlib.machinery":
      case "importlib.abc":
        return !py2;
      case "unittest.mock":
      case "collections.abc":
        return !py2;
      default:
        if (py2 && top.equals("urllib")) {
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
}
