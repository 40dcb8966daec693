package dev.pypidb.extract.setuppy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports, as they went where the crawler ran setup.py: the standard library of the key's
 * Python (modules used by setup.py files are modelled; the others are known to exist, their
 * attributes unknown), setuptools, pkg_resources and distutils (modelled where dependencies
 * flow: {@code setup()}). The sdist's own modules exist but are not evaluated: their names are
 * unknown. Any other module was not installed: an import guarded by {@code except ImportError}
 * fails as it did for the crawler; an unguarded one gives an unknown module, so that only what
 * depends on it is unknown.
 */
final class StdModules {
  /** Installed beside the standard library where the crawler ran setup.py. */
  private static final Set<String> INSTALLED = Set.of("setuptools", "pkg_resources", "distutils", "pkgconfig",
      "_distutils_hack");
  private static final String NOT_MODELLED = "(a standard library attribute that is not modelled)";

  private final Interpreter in;
  private final Map<String, Object> loaded = new HashMap<>();
  private final FileModules fileModules;
  private PyModule builtinsModule;

  StdModules(Interpreter in) {
    this.in = in;
    this.fileModules = new FileModules(in);
  }

  PyModule builtinsModule() {
    if (builtinsModule == null) {
      builtinsModule = new PyModule(in.target.py2() ? "__builtin__" : "builtins", in.builtins, null);
    }
    return builtinsModule;
  }

  Object open(CallArgs a, String flavor) {
    return fileModules.open(a, flavor);
  }

  Object pathCall(PyPath p, String name, CallArgs a) {
    return fileModules.pathCall(p, name, a);
  }

  void execFile(Object path, Object globals, Frame caller) {
    fileModules.execFile(path, globals, caller);
  }

  // ---------------------------------------------------------------- import

  /** {@code import dotted}: the module, an {@link Unknown}, or ImportError raised. */
  Object importModule(String dotted, String asWritten) {
    Object cached = loaded.get(dotted);
    if (cached != null) {
      return cached;
    }
    String top = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
    if (!top.equals(dotted)) {
      Object parent = importModule(top, asWritten);
      if (parent instanceof Unknown u) {
        return u;
      }
    }
    Object module = find(dotted, top);
    loaded.put(dotted, module);
    return module;
  }

  private Object find(String dotted, String top) {
    PyModule modelled = modelled(dotted);
    if (modelled != null) {
      return modelled;
    }
    if (INSTALLED.contains(top)) {
      return new PyModule(dotted, new PyDict(), "(setuptools is not modelled beyond setup())");
    }
    if (in.target.hasStdlibModule(dotted)) {
      return new PyModule(dotted, new PyDict(), NOT_MODELLED);
    }
    if (in.target.hasStdlibModule(top) || PythonTarget.isStdlibInAnyVersion(top)) {
      throw notFound(dotted, top);
    }
    String local = localModule(top);
    if (local != null) {
      return new Unknown("module '" + dotted + "' is the sdist's own code (" + local + "), which is not evaluated");
    }
    if (in.importGuarded()) {
      throw notFound(dotted, top);
    }
    if (top.equals("six")) {
      return six();
    }
    return in.unknown("module '" + dotted + "' is not part of the standard library, and was not installed where the"
        + " crawler ran setup.py");
  }

  private Signals.PyRaise notFound(String dotted, String top) {
    boolean parentThere = in.target.hasStdlibModule(top) && !top.equals(dotted);
    String missing = parentThere ? dotted.substring(dotted.lastIndexOf('.') + 1) : top;
    String message = in.target.noModuleMessage(parentThere ? dotted : top, missing);
    if (parentThere && !in.target.py2() && !in.target.isStdlibPackage(top) && !dotted.startsWith("os.path")) {
      message += "; " + PyRepr.quote(top) + " is not a package";
    }
    return in.error(in.target.moduleNotFoundType(), message);
  }

  /** Where {@code top} is in the sdist, on sys.path (its directory first), or null. */
  private String localModule(String top) {
    Object path = ((PyModule) importModule("sys", "sys")).ns.get("path");
    List<String> roots = new ArrayList<>();
    if (path instanceof PyList l) {
      for (Object o : l.items) {
        if (o instanceof String s) {
          roots.add(s);
        }
      }
    }
    for (String root : roots) {
      SourceFiles.Resolved r = in.files.resolve(root.isEmpty() ? "." : root);
      if (r.member() == null) {
        continue;
      }
      String base = r.member().isEmpty() ? "" : r.member() + "/";
      if (in.files.isFile(base + top + ".py") || in.files.isFile(base + top + "/__init__.py")) {
        return base + top;
      }
      if (!in.target.py2() && in.files.isDir(base + top)) {
        return base + top + "/";
      }
    }
    return null;
  }

  /** {@code from module import name}. */
  Object importName(Object module, String moduleName, String name) {
    if (module instanceof Unknown u) {
      return new Unknown("name '" + name + "' comes from module '" + moduleName + "': " + u.reason());
    }
    PyModule m = (PyModule) module;
    Object v = m.ns.get(name);
    if (v != null) {
      return v;
    }
    Object sub = submodule(m, name);
    if (sub != null) {
      return sub;
    }
    if (m.partial != null && !knownAbsent(m.name + "." + name)) {
      return new Unknown(m.name + "." + name + " " + m.partial);
    }
    throw in.error("ImportError", in.target.cannotImportMessage(name, m.name));
  }

  /**
   * A submodule reached as an attribute: one already imported, or a modelled one
   * ({@code os.path}, {@code importlib.util}); else null (an attribute of a partly modelled
   * package is unknown, whether a function or a submodule).
   */
  Object submodule(PyModule m, String name) {
    String dotted = m.name + "." + name;
    if (loaded.containsKey(dotted)) {
      return loaded.get(dotted);
    }
    if (modelledNames().contains(dotted)) {
      return importModule(dotted, dotted);
    }
    return null;
  }

  /** A submodule of a standard library package that this Python does not have yet. */
  private boolean knownAbsent(String dotted) {
    String top = dotted.substring(0, dotted.indexOf('.'));
    return in.target.isStdlibPackage(top) && !in.target.hasStdlibModule(dotted);
  }

  private static Set<String> modelledNames() {
    return Set.of("sys", "os", "os.path", "posixpath", "io", "codecs", "platform", "re", "json", "ast", "pathlib",
        "glob", "fnmatch", "setuptools", "distutils", "distutils.core", "subprocess", "logging", "warnings",
        "textwrap", "string", "itertools", "functools", "collections", "contextlib", "importlib", "importlib.util",
        "importlib.machinery", "imp", "runpy", "__future__", "builtins", "__builtin__", "shutil", "tokenize", "inspect");
  }

  // ---------------------------------------------------------------- modelled modules

  private PyModule modelled(String name) {
    if (!modelledNames().contains(name)) {
      return null;
    }
    if (!in.target.hasStdlibModule(name) && !INSTALLED.contains(name.split("\\.")[0]) && !name.equals("__future__")
        && !name.equals("posixpath")) {
      return null;
    }
    ModuleBuilder b = new ModuleBuilder(name);
    switch (name) {
      case "sys" -> SysModules.sys(in, b);
      case "inspect" -> SysModules.inspect(in, b);
      case "platform" -> SysModules.platform(in, b);
      case "os" -> fileModules.os(b);
      case "os.path", "posixpath" -> fileModules.osPath(b);
      case "io" -> fileModules.io(b);
      case "codecs" -> fileModules.codecs(b);
      case "pathlib" -> fileModules.pathlib(b);
      case "glob" -> fileModules.glob(b);
      case "fnmatch" -> fileModules.fnmatch(b);
      case "importlib", "importlib.util", "importlib.machinery", "imp", "runpy" -> fileModules.loaders(name, b);
      case "tokenize" -> fileModules.tokenize(b);
      case "shutil" -> b.partial("(shutil changes files; it is not modelled)");
      case "re" -> PyRegex.module(in, b);
      case "json", "ast", "textwrap", "string" -> TextModules.module(in, name, b);
      case "setuptools", "distutils", "distutils.core" -> setuptools(name, b);
      case "subprocess" -> b.partial("(subprocess runs a process, which static extraction never does)");
      case "logging", "warnings" -> quiet(name, b);
      case "itertools", "functools", "collections", "contextlib" -> TextModules.module(in, name, b);
      case "__future__" -> {
        for (String f : new String[] {"print_function", "division", "absolute_import", "unicode_literals",
            "with_statement", "generators", "nested_scopes", "annotations", "generator_stop"}) {
          b.value(f, true);
        }
      }
      case "builtins", "__builtin__" -> {
        return builtinsModule();
      }
      default -> throw new IllegalStateException(name);
    }
    return b.build();
  }

  /** setuptools and distutils: setup() records its keywords; the rest is unknown. */
  private void setuptools(String name, ModuleBuilder b) {
    b.partial("(setuptools is not modelled beyond setup())");
    if (name.equals("distutils")) {
      return;
    }
    b.fn("setup", (i, a) -> {
      in.setupCall = new SetupCall(a.keywords(), a.unknown(), a.line());
      // The crawler's patched setuptools dumped the keywords here and exited.
      throw new Signals.PyRaise(new PyException(in.target.exception("SystemExit"), null, List.of()));
    });
    b.fn("find_packages", (i, a) -> new Unknown("find_packages() (package discovery is not evaluated)"));
    b.fn("find_namespace_packages", (i, a) -> new Unknown("find_namespace_packages() (not evaluated)"));
  }

  /** logging and warnings: calls do nothing, loggers accept any call. */
  private void quiet(String name, ModuleBuilder b) {
    b.partial("(" + name + " is not modelled)");
    PyBuiltin noop = new PyBuiltin(name, (i, a) -> PyNone.NONE);
    for (String f : new String[] {"warn", "simplefilter", "filterwarnings", "basicConfig", "info", "debug", "warning",
        "error", "critical", "exception", "log", "disable", "captureWarnings", "resetwarnings"}) {
      b.value(f, noop);
    }
    ModuleBuilder logger = new ModuleBuilder(name + ".Logger");
    for (String f : new String[] {"info", "debug", "warning", "warn", "error", "critical", "exception", "log",
        "setLevel", "addHandler"}) {
      logger.value(f, noop);
    }
    logger.partial("(a logger is not modelled)");
    PyModule loggerObject = logger.build();
    b.fn("getLogger", (i, a) -> loggerObject);
    for (String level : new String[] {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}) {
      b.value(level, BigInteger.valueOf(switch (level) {
        case "DEBUG" -> 10;
        case "INFO" -> 20;
        case "WARNING" -> 30;
        case "ERROR" -> 40;
        default -> 50;
      }));
    }
    b.fn("catch_warnings", (i, a) -> new Interpreter.Suppress(List.of()));
  }

  /** six: its flags and type tuples follow the Python version. */
  private PyModule six() {
    ModuleBuilder b = new ModuleBuilder("six");
    boolean py2 = in.target.py2();
    b.value("PY2", py2);
    b.value("PY3", !py2);
    b.value("PY34", !py2 && in.target.minor3() >= 4);
    b.value("string_types", new PyTuple(List.of(in.builtins.get(py2 ? "basestring" : "str"))));
    b.value("text_type", in.builtins.get("str"));
    b.value("binary_type", in.builtins.get(py2 ? "str" : "bytes"));
    b.value("integer_types", new PyTuple(py2 ? List.of(in.builtins.get("int"), in.builtins.get("long"))
        : List.of(in.builtins.get("int"))));
    b.fn("iteritems", (i, a) -> in.methods.call(a.get(0, null), "items", CallArgs.of(a.frame(), a.line())));
    b.fn("iterkeys", (i, a) -> in.methods.call(a.get(0, null), "keys", CallArgs.of(a.frame(), a.line())));
    b.fn("itervalues", (i, a) -> in.methods.call(a.get(0, null), "values", CallArgs.of(a.frame(), a.line())));
    b.fn("u", (i, a) -> a.get(0, null));
    b.partial("(six is only modelled for its version flags)");
    return b.build();
  }

  /** Builds a module namespace. */
  static final class ModuleBuilder {
    private final String name;
    private final PyDict ns = new PyDict();
    private String partial;

    ModuleBuilder(String name) {
      this.name = name;
    }

    String name() {
      return name;
    }

    ModuleBuilder fn(String fname, PyBuiltin.Impl impl) {
      ns.put(fname, new PyBuiltin(fname, impl));
      return this;
    }

    ModuleBuilder value(String vname, Object value) {
      ns.put(vname, value);
      return this;
    }

    Object get(String vname) {
      return ns.get(vname);
    }

    ModuleBuilder partial(String reason) {
      this.partial = reason;
      return this;
    }

    PyModule build() {
      return new PyModule(name, ns, partial == null ? NOT_MODELLED : partial);
    }
  }
}
