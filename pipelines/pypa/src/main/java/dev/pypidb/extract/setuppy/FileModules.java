package dev.pypidb.extract.setuppy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The modules through which setup.py reads files, all over the sdist ({@link SourceFiles}):
 * {@code open} and its io/codecs forms, {@code os} and {@code os.path}, {@code pathlib},
 * {@code glob}, {@code fnmatch}, and the loaders that run a file of the sdist ({@code exec} of it
 * through importlib, imp or runpy), which the same interpreter evaluates. {@code os.environ} is
 * the environment of a Nix build, as the crawler's: a variable it does not set is absent.
 */
final class FileModules {
  /** Variables a Nix build sets, whose values are not knowable here. */
  private static final List<String> BUILD_VARIABLES = List.of("PATH", "TMPDIR", "TEMPDIR", "TMP", "TEMP",
      "NIX_BUILD_TOP", "NIX_STORE", "NIX_BUILD_CORES", "NIX_LOG_FD", "SOURCE_DATE_EPOCH", "out", "out_file", "src",
      "PWD", "SHELL", "TERM", "name", "system", "builder");

  private final Interpreter in;
  private PyDict environ;

  FileModules(Interpreter in) {
    this.in = in;
  }

  // ---------------------------------------------------------------- open

  /**
   * {@code open} ({@code flavor} "builtin2": Python 2's, without encoding), {@code io.open} and
   * Python 3's open ("io"), {@code codecs.open} ("codecs").
   */
  Object open(CallArgs a, String flavor) {
    if (flavor.equals("builtin2")) {
      for (String k : a.keywords().keySet()) {
        if (!k.equals("name") && !k.equals("mode") && !k.equals("buffering")) {
          throw in.error("TypeError", "'" + k + "' is an invalid keyword argument for this function");
        }
      }
    }
    Object file = a.get(0, flavor.equals("codecs") ? "filename" : flavor.equals("builtin2") ? "name" : "file");
    Object modeArg = a.get(1, "mode");
    String mode = modeArg == null ? "r" : modeArg instanceof String s ? s : null;
    if (mode == null) {
      return Ops.unknownOf(modeArg) != null ? Ops.unknownOf(modeArg) : new Unknown("open() with a mode that is not a str");
    }
    Object encoding = flavor.equals("builtin2") ? null : a.get(flavor.equals("codecs") ? 2 : 3, "encoding");
    Object errors = flavor.equals("builtin2") ? null : a.get(flavor.equals("codecs") ? 3 : 4, "errors");
    if (Ops.unknownOf(encoding) != null) {
      return in.unknown("open() with an encoding that is unknown (" + Ops.unknownOf(encoding).reason() + ")");
    }
    if (encoding instanceof String enc && TextCodec.canonical(enc) == null) {
      throw in.error("LookupError", "unknown encoding: " + enc);
    }
    boolean binary = mode.contains("b");
    if (binary && encoding instanceof String && !flavor.equals("codecs")) {
      throw in.error("ValueError", "binary mode doesn't take an encoding argument");
    }
    String path = pathText(file);
    if (path == null) {
      return Ops.unknownOf(file) != null ? in.unknown("open() of a path that is unknown (" + Ops.unknownOf(file).reason()
          + ")") : in.unknown("open() of a " + in.ops.typeName(file) + " is not modelled");
    }
    SourceFiles.Resolved r = in.files.resolve(path);
    if (r.member() == null) {
      return in.unknown("open(" + PyRepr.quote(path) + "): " + r.outside());
    }
    boolean writing = mode.contains("w") || mode.contains("a") || mode.contains("x");
    if (in.files.isDir(r.member()) && !in.files.isFile(r.member())) {
      throw in.osError("IsADirectoryError", 21, "Is a directory", file instanceof PyPath p ? p.path() : file, true);
    }
    if (writing) {
      in.files.markWritten(r.member());
      return new PyFile(path, PyNone.NONE, null, true);
    }
    if (!in.files.isFile(r.member())) {
      throw in.osError("FileNotFoundError", 2, "No such file or directory", file instanceof PyPath p ? p.path() : file,
          true);
    }
    byte[] bytes = in.files.bytes(r.member());
    if (bytes == null) {
      return new PyFile(path, in.unknown(in.files.unavailable(r.member())), null, false);
    }
    in.checkString(bytes.length);
    boolean py2Bytes = in.target.py2() && (flavor.equals("builtin2") || binary || flavor.equals("codecs") && encoding == null);
    if (binary && !in.target.py2()) {
      return new PyFile(path, new PyBytes(bytes), null, false);
    }
    if (py2Bytes) {
      // A Python 2 str is bytes: one char per byte; .decode() turns it into text.
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      return new PyFile(path, mode.contains("U") ? universal(text) : text, null, false);
    }
    String enc = encoding instanceof String s ? s : in.target.localeEncoding();
    TextCodec.Result decoded = TextCodec.decode(bytes, enc, errors instanceof String e ? e : null);
    if (decoded.text() == null) {
      PyException err = new PyException(in.target.exception(decoded.errorType()), null, List.of(decoded.error()));
      return new PyFile(path, "", err, false);
    }
    String text = flavor.equals("codecs") && encoding != null ? decoded.text() : universal(decoded.text());
    return new PyFile(path, text, null, false);
  }

  private static String universal(String text) {
    return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
  }

  /** The path text of a path argument (str, bytes or pathlib path); null when unknown. */
  private String pathText(Object file) {
    if (file instanceof String s) {
      return s;
    }
    if (file instanceof PyPath p) {
      return p.path();
    }
    if (file instanceof PyBytes b) {
      return b.latin1();
    }
    return null;
  }

  /** Runs a file of the sdist in {@code globals} (a dict) or the caller's namespace. */
  void execFile(Object file, Object globals, Frame caller) {
    String path = pathText(file);
    if (path == null) {
      throw new Signals.Indeterminate(Signals.Indeterminate.Kind.EXIT, "a file whose path is unknown is run ("
          + (Ops.unknownOf(file) != null ? Ops.unknownOf(file).reason() : in.ops.typeName(file)) + ")");
    }
    in.execCode(new PyCode(in.compile(readWhole(path), path), path), globals, null, caller, "exec");
  }

  /** The source text of a file for running it; running a file that cannot be read is uncertain. */
  private String readWhole(String path) {
    SourceFiles.Resolved r = in.files.resolve(path);
    if (r.member() == null) {
      throw new Signals.Indeterminate(Signals.Indeterminate.Kind.EXIT, "runs " + PyRepr.quote(path) + ", " + r.outside());
    }
    if (!in.files.isFile(r.member())) {
      throw in.osError("FileNotFoundError", 2, "No such file or directory", path, true);
    }
    byte[] bytes = in.files.bytes(r.member());
    if (bytes == null) {
      throw new Signals.Indeterminate(Signals.Indeterminate.Kind.EXIT, "runs " + in.files.unavailable(r.member()));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- io, codecs, tokenize

  void io(StdModules.ModuleBuilder b) {
    b.fn("open", (i, a) -> open(a, "io"));
    b.partial("(io is modelled for open() only)");
  }

  void codecs(StdModules.ModuleBuilder b) {
    b.fn("open", (i, a) -> open(a, "codecs"));
    b.value("BOM_UTF8", new PyBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}));
    b.partial("(codecs is modelled for open() only)");
  }

  void tokenize(StdModules.ModuleBuilder b) {
    b.fn("open", (i, a) -> open(new CallArgs(List.of(a.get(0, "filename"), "r", PyNone.NONE, "utf-8"), Map.of(),
        null, null, a.frame(), a.line()), "io"));
    b.partial("(tokenize is modelled for open() only)");
  }

  // ---------------------------------------------------------------- os

  void os(StdModules.ModuleBuilder b) {
    b.value("name", "posix");
    b.value("sep", "/");
    b.value("altsep", PyNone.NONE);
    b.value("pathsep", ":");
    b.value("linesep", "\n");
    b.value("curdir", ".");
    b.value("pardir", "..");
    b.value("extsep", ".");
    b.value("devnull", "/dev/null");
    b.value("environ", environ());
    b.fn("getenv", (i, a) -> {
      Object key = a.get(0, "key");
      if (!(key instanceof String k)) {
        return Ops.unknownOf(key) != null ? Ops.unknownOf(key) : new Unknown("getenv of a non-str");
      }
      Object v = environ().get(k);
      return v != null ? v : a.count() > 1 ? a.get(1, null) : a.keywords().getOrDefault("default", PyNone.NONE);
    });
    b.fn("putenv", (i, a) -> PyNone.NONE);
    b.fn("getcwd", (i, a) -> in.files.cwd);
    if (in.target.py2()) {
      b.fn("getcwdu", (i, a) -> in.files.cwd);
    }
    b.fn("chdir", (i, a) -> {
      String p = pathText(a.get(0, "path"));
      if (p == null) {
        throw new Signals.Indeterminate(Signals.Indeterminate.Kind.EXIT, "os.chdir() to a directory that is unknown");
      }
      SourceFiles.Resolved r = in.files.resolve(p);
      if (p.isEmpty() || r.member() != null && !in.files.isDir(r.member())) {
        throw in.osError("FileNotFoundError", 2, "No such file or directory", p, false);
      }
      in.files.cwd = in.files.absolute(p);
      return PyNone.NONE;
    });
    b.fn("listdir", (i, a) -> {
      Object arg = a.get(0, "path");
      String p = arg == null ? "." : pathText(arg);
      if (p == null) {
        return in.unknown("os.listdir() of a path that is unknown");
      }
      SourceFiles.Resolved r = in.files.resolve(p);
      if (r.member() == null) {
        return in.unknown("os.listdir(" + PyRepr.quote(p) + "): " + r.outside());
      }
      if (!in.files.isDir(r.member())) {
        throw in.osError(in.files.isFile(r.member()) ? "NotADirectoryError" : "FileNotFoundError",
            in.files.isFile(r.member()) ? 20 : 2, in.files.isFile(r.member()) ? "Not a directory" : "No such file or directory", p,
            false);
      }
      return new PyList(new ArrayList<>(in.files.list(r.member())));
    });
    b.fn("walk", (i, a) -> walk(a));
    for (String process : new String[] {"system", "popen", "spawnl", "spawnv", "execv", "execvp", "fork", "startfile"}) {
      b.fn(process, (i, a) -> in.unknown("os." + process + "() runs a process, which static extraction never does"));
    }
    for (String change : new String[] {"remove", "unlink", "rmdir", "removedirs", "mkdir", "makedirs", "rename",
        "renames", "replace", "symlink", "chmod", "utime"}) {
      b.fn(change, (i, a) -> PyNone.NONE);
    }
    b.fn("access", (i, a) -> exists(a.get(0, "path"), "any"));
    b.fn("fspath", (i, a) -> {
      Object p = a.get(0, "path");
      return p instanceof PyPath path ? path.path() : p;
    });
    b.partial("(an attribute of os that is not modelled)");
  }

  private PyDict environ() {
    if (environ == null) {
      environ = new PyDict();
      environ.put("HOME", "/homeless-shelter");
      environ.put("PYTHONIOENCODING", "utf8");
      environ.put("dump_setup_attrs", "y");
      for (String v : BUILD_VARIABLES) {
        environ.put(v, new Unknown("environment variable " + v + " of the crawler's build"));
      }
    }
    return environ;
  }

  private Object walk(CallArgs a) {
    String top = pathText(a.get(0, "top"));
    if (top == null) {
      return in.unknown("os.walk() of a path that is unknown");
    }
    SourceFiles.Resolved r = in.files.resolve(top);
    if (r.member() == null) {
      return in.unknown("os.walk(" + PyRepr.quote(top) + "): " + r.outside());
    }
    List<Object> out = new ArrayList<>();
    walkInto(top, r.member(), out);
    return new PyList(out);
  }

  private void walkInto(String shown, String member, List<Object> out) {
    if (!in.files.isDir(member)) {
      return;
    }
    List<Object> dirs = new ArrayList<>();
    List<Object> files = new ArrayList<>();
    for (String name : in.files.list(member)) {
      String child = member.isEmpty() ? name : member + "/" + name;
      (in.files.isDir(child) ? dirs : files).add(name);
    }
    out.add(new PyTuple(List.of(shown, new PyList(dirs), new PyList(files))));
    in.checkCollection(out.size());
    for (Object d : dirs) {
      walkInto(shown.endsWith("/") ? shown + d : shown + "/" + d, member.isEmpty() ? (String) d : member + "/" + d, out);
    }
  }

  // ---------------------------------------------------------------- os.path

  void osPath(StdModules.ModuleBuilder b) {
    b.value("sep", "/");
    b.value("curdir", ".");
    b.value("pardir", "..");
    b.fn("join", (i, a) -> {
      List<String> parts = new ArrayList<>();
      for (Object o : a.positional()) {
        String p = pathText(o);
        if (p == null) {
          return Ops.unknownOf(o) != null ? Ops.unknownOf(o) : typeError("join", o);
        }
        parts.add(p);
      }
      if (parts.isEmpty()) {
        throw in.error("TypeError", "join() missing 1 required positional argument: 'a'");
      }
      String path = parts.get(0);
      for (String p : parts.subList(1, parts.size())) {
        if (p.startsWith("/")) {
          path = p;
        } else if (path.isEmpty() || path.endsWith("/")) {
          path += p;
        } else {
          path += "/" + p;
        }
      }
      return path;
    });
    b.fn("dirname", (i, a) -> onPath(a, p -> {
      int slash = p.lastIndexOf('/') + 1;
      String head = p.substring(0, slash);
      return head.isEmpty() || head.chars().allMatch(c -> c == '/') ? head : head.replaceAll("/+$", "");
    }));
    b.fn("basename", (i, a) -> onPath(a, p -> p.substring(p.lastIndexOf('/') + 1)));
    b.fn("split", (i, a) -> onPath(a, p -> {
      int slash = p.lastIndexOf('/') + 1;
      String head = p.substring(0, slash);
      if (!head.isEmpty() && !head.chars().allMatch(c -> c == '/')) {
        head = head.replaceAll("/+$", "");
      }
      return new PyTuple(List.of(head, p.substring(slash)));
    }));
    b.fn("splitext", (i, a) -> onPath(a, p -> {
      int sep = p.lastIndexOf('/');
      int dot = p.lastIndexOf('.');
      if (dot > sep) {
        for (int k = sep + 1; k < dot; k++) {
          if (p.charAt(k) != '.') {
            return new PyTuple(List.of(p.substring(0, dot), p.substring(dot)));
          }
        }
      }
      return new PyTuple(List.of(p, ""));
    }));
    b.fn("normpath", (i, a) -> onPath(a, FileModules::normpath));
    b.fn("abspath", (i, a) -> onPath(a, p -> normpath(p.startsWith("/") ? p : in.files.cwd + "/" + p)));
    b.fn("realpath", (i, a) -> onPath(a, p -> normpath(p.startsWith("/") ? p : in.files.cwd + "/" + p)));
    b.fn("relpath", (i, a) -> onPath(a, p -> relpath(p, a.get(1, "start"))));
    b.fn("isabs", (i, a) -> onPath(a, p -> p.startsWith("/")));
    b.fn("exists", (i, a) -> exists(a.get(0, "path"), "any"));
    b.fn("lexists", (i, a) -> exists(a.get(0, "path"), "any"));
    b.fn("isfile", (i, a) -> exists(a.get(0, "path"), "file"));
    b.fn("isdir", (i, a) -> exists(a.get(0, "path"), "dir"));
    b.fn("islink", (i, a) -> onPath(a, p -> false));
    b.fn("expanduser", (i, a) -> onPath(a, p -> p.startsWith("~") ? new Unknown("the crawler's home directory") : p));
    b.fn("expandvars", (i, a) -> onPath(a, p -> p.contains("$") ? new Unknown("os.path.expandvars of " + p) : p));
    b.fn("getsize", (i, a) -> onPath(a, p -> {
      SourceFiles.Resolved r = in.files.resolve(p);
      if (r.member() == null) {
        return new Unknown(r.outside());
      }
      if (!in.files.isFile(r.member())) {
        throw in.osError("FileNotFoundError", 2, "No such file or directory", p, false);
      }
      byte[] bytes = in.files.bytes(r.member());
      return bytes == null ? new Unknown(in.files.unavailable(r.member())) : java.math.BigInteger.valueOf(bytes.length);
    }));
    b.partial("(an attribute of os.path that is not modelled)");
  }

  private Object typeError(String fn, Object o) {
    throw in.error("TypeError", fn + "() argument must be str, bytes or os.PathLike object, not '" + in.ops.typeName(o) + "'");
  }

  private Object onPath(CallArgs a, java.util.function.Function<String, Object> f) {
    Object arg = a.get(0, "path");
    if (Ops.unknownOf(arg) != null) {
      return Ops.unknownOf(arg);
    }
    String p = pathText(arg);
    if (p == null) {
      return typeError("path", arg);
    }
    return f.apply(p);
  }

  private Object exists(Object arg, String kind) {
    if (Ops.unknownOf(arg) != null) {
      return Ops.unknownOf(arg);
    }
    String p = pathText(arg);
    if (p == null) {
      return false;
    }
    SourceFiles.Resolved r = in.files.resolve(p);
    if (r.member() == null) {
      return new Unknown("whether " + PyRepr.quote(p) + " exists: " + r.outside());
    }
    return switch (kind) {
      case "file" -> in.files.isFile(r.member());
      case "dir" -> in.files.isDir(r.member());
      default -> in.files.isFile(r.member()) || in.files.isDir(r.member());
    };
  }

  /** posixpath.normpath. */
  static String normpath(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    int initial = p.startsWith("/") ? (p.startsWith("//") && !p.startsWith("///") ? 2 : 1) : 0;
    List<String> out = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && (initial == 0 && (out.isEmpty() || out.get(out.size() - 1).equals("..")))) {
        out.add(part);
      } else if (part.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else {
        out.add(part);
      }
    }
    String joined = "/".repeat(initial) + String.join("/", out);
    return joined.isEmpty() ? "." : joined;
  }

  private Object relpath(String p, Object startArg) {
    String start = startArg == null || startArg instanceof PyNone ? in.files.cwd : pathText(startArg);
    if (start == null) {
      return Ops.unknownOf(startArg) != null ? Ops.unknownOf(startArg) : new Unknown("relpath start");
    }
    String[] from = in.files.absolute(start).split("/");
    String[] to = in.files.absolute(p).split("/");
    int common = 0;
    while (common < from.length && common < to.length && from[common].equals(to[common])) {
      common++;
    }
    List<String> parts = new ArrayList<>();
    for (int k = common; k < from.length; k++) {
      if (!from[k].isEmpty()) {
        parts.add("..");
      }
    }
    for (int k = common; k < to.length; k++) {
      parts.add(to[k]);
    }
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  // ---------------------------------------------------------------- pathlib

  void pathlib(StdModules.ModuleBuilder b) {
    for (String cls : new String[] {"Path", "PosixPath", "PurePath", "PurePosixPath"}) {
      b.fn(cls, (i, a) -> {
        PyPath p = PyPath.of("");
        for (Object o : a.positional()) {
          String s = pathText(o);
          if (s == null) {
            return Ops.unknownOf(o) != null ? Ops.unknownOf(o) : typeError(cls, o);
          }
          p = p.join(s);
        }
        return p;
      });
    }
    b.partial("(an attribute of pathlib that is not modelled)");
  }

  Object pathCall(PyPath p, String name, CallArgs a) {
    switch (name) {
      case "exists":
        return exists(p, "any");
      case "is_file":
        return exists(p, "file");
      case "is_dir":
        return exists(p, "dir");
      case "read_text":
      case "read_bytes":
      case "open": {
        String mode = name.equals("read_bytes") ? "rb" : name.equals("open") && a.get(0, "mode") instanceof String m ? m : "r";
        Object encoding = name.equals("read_text") ? a.get(0, "encoding") : a.keywords().get("encoding");
        Object errors = name.equals("read_text") ? a.get(1, "errors") : a.keywords().get("errors");
        List<Object> args = new ArrayList<>(List.of(p, mode, PyNone.NONE));
        args.add(encoding == null ? PyNone.NONE : encoding);
        args.add(errors == null ? PyNone.NONE : errors);
        Object f = open(new CallArgs(args, Map.of(), null, null, a.frame(), a.line()), "io");
        if (name.equals("open") || !(f instanceof PyFile file)) {
          return f;
        }
        return in.methods.readRest(file);
      }
      case "joinpath": {
        PyPath out = p;
        for (Object o : a.positional()) {
          String s = pathText(o);
          if (s == null) {
            return Ops.unknownOf(o) != null ? Ops.unknownOf(o) : typeError("joinpath", o);
          }
          out = out.join(s);
        }
        return out;
      }
      case "resolve":
      case "absolute":
        return PyPath.of(name.equals("resolve") ? in.files.absolute(p.path()) : p.path().startsWith("/") ? p.path()
            : in.files.cwd + "/" + (p.path().equals(".") ? "" : p.path()));
      case "with_name":
      case "with_suffix": {
        Object arg = a.get(0, name.equals("with_name") ? "name" : "suffix");
        if (Ops.unknownOf(arg) != null) {
          return Ops.unknownOf(arg);
        }
        String text = in.text(arg, name + "()");
        return p.parent().join(name.equals("with_name") ? text : p.stem() + text);
      }
      case "as_posix":
        return p.path();
      case "is_absolute":
        return p.path().startsWith("/");
      case "expanduser":
        return p.path().startsWith("~") ? new Unknown("the crawler's home directory") : p;
      case "relative_to": {
        String base = pathText(a.get(0, null));
        if (base == null) {
          return new Unknown("relative_to an unknown path");
        }
        String norm = PyPath.of(base).path();
        if (p.path().equals(norm)) {
          return PyPath.of(".");
        }
        if (p.path().startsWith(norm.equals("/") ? "/" : norm + "/")) {
          return PyPath.of(p.path().substring(norm.length() + (norm.equals("/") ? 0 : 1)));
        }
        throw in.error("ValueError", PyRepr.quote(p.path()) + " is not in the subpath of " + PyRepr.quote(norm));
      }
      case "iterdir": {
        SourceFiles.Resolved r = in.files.resolve(p.path());
        if (r.member() == null) {
          return in.unknown("iterdir of " + p.path() + ": " + r.outside());
        }
        List<Object> out = new ArrayList<>();
        for (String child : in.files.list(r.member())) {
          out.add(p.join(child));
        }
        return new PyList(out);
      }
      case "glob":
      case "rglob": {
        Object pattern = a.get(0, "pattern");
        if (!(pattern instanceof String pat)) {
          return new Unknown("glob of an unknown pattern");
        }
        String full = (p.path().equals(".") ? "" : p.path() + "/") + (name.equals("rglob") ? "**/" : "") + pat;
        Object found = glob(full, true);
        if (!(found instanceof PyList l)) {
          return found;
        }
        List<Object> out = new ArrayList<>();
        for (Object o : l.items) {
          out.add(PyPath.of((String) o));
        }
        return new PyList(out);
      }
      default:
        throw in.error("AttributeError", "'PosixPath' object has no attribute '" + name + "'");
    }
  }

  // ---------------------------------------------------------------- glob and fnmatch

  void glob(StdModules.ModuleBuilder b) {
    b.fn("glob", (i, a) -> {
      Object pattern = a.get(0, "pathname");
      if (!(pattern instanceof String p)) {
        return Ops.unknownOf(pattern) != null ? Ops.unknownOf(pattern) : new Unknown("glob of a non-str");
      }
      return glob(p, Boolean.TRUE.equals(in.ops.truth(a.keywords().getOrDefault("recursive", false))));
    });
    b.value("iglob", b.get("glob"));
    b.partial("(an attribute of glob that is not modelled)");
  }

  /**
   * The sdist members (files and directories) matching a glob pattern, in the pattern's form
   * (relative patterns give paths relative to the current directory), sorted: glob's own order
   * is the directory's.
   */
  private Object glob(String pattern, boolean recursive) {
    boolean absolute = pattern.startsWith("/");
    String abs = normpath(absolute ? pattern : in.files.cwd + "/" + pattern);
    SourceFiles.Resolved here = in.files.resolve(".");
    if (!abs.startsWith(in.files.root + "/") || !absolute && here.member() == null) {
      return in.unknown("glob(" + PyRepr.quote(pattern) + ") looks outside the sdist");
    }
    Pattern regex = Pattern.compile(translate(abs.substring(in.files.root.length() + 1), recursive));
    String cwdPrefix = absolute || here.member().isEmpty() ? "" : here.member() + "/";
    java.util.Set<String> candidates = new java.util.TreeSet<>(in.files.allFiles());
    for (String f : in.files.allFiles()) {
      for (int slash = f.indexOf('/'); slash > 0; slash = f.indexOf('/', slash + 1)) {
        candidates.add(f.substring(0, slash));
      }
    }
    List<Object> out = new ArrayList<>();
    for (String c : candidates) {
      if (regex.matcher(c).matches() && c.startsWith(cwdPrefix)) {
        out.add(absolute ? in.files.root + "/" + c : c.substring(cwdPrefix.length()));
      }
    }
    return new PyList(out);
  }

  /** A glob or fnmatch pattern as a regex; {@code *} does not cross '/', {@code **} may when recursive. */
  static String translate(String pattern, boolean recursive) {
    StringBuilder r = new StringBuilder();
    for (int k = 0; k < pattern.length(); k++) {
      char c = pattern.charAt(k);
      switch (c) {
        case '*' -> {
          if (recursive && k + 1 < pattern.length() && pattern.charAt(k + 1) == '*') {
            boolean dirPart = k + 2 < pattern.length() && pattern.charAt(k + 2) == '/';
            r.append(dirPart ? "(?:[^/]*/)*" : ".*");
            k += dirPart ? 2 : 1;
          } else {
            r.append("[^/]*");
          }
        }
        case '?' -> r.append("[^/]");
        case '[' -> {
          int close = pattern.indexOf(']', k + 2);
          if (close < 0) {
            r.append("\\[");
          } else {
            String set = pattern.substring(k + 1, close);
            r.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
            k = close;
          }
        }
        default -> r.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return r.toString();
  }

  void fnmatch(StdModules.ModuleBuilder b) {
    b.fn("fnmatch", (i, a) -> {
      Object name = a.get(0, "name");
      Object pat = a.get(1, "pat");
      if (!(name instanceof String n) || !(pat instanceof String p)) {
        return Ops.firstUnknown(name, pat) != null ? Ops.firstUnknown(name, pat) : new Unknown("fnmatch of non-str");
      }
      return Pattern.compile(translate(p, false).replace("[^/]", "."), Pattern.DOTALL).matcher(n).matches();
    });
    b.value("fnmatchcase", b.get("fnmatch"));
    b.fn("filter", (i, a) -> {
      Object names = in.ops.iterate(a.get(0, "names"));
      Object pat = a.get(1, "pat");
      if (names instanceof Unknown u) {
        return u;
      }
      if (!(pat instanceof String p)) {
        return new Unknown("fnmatch.filter with an unknown pattern");
      }
      Pattern regex = Pattern.compile(translate(p, false).replace("[^/]", "."), Pattern.DOTALL);
      List<Object> out = new ArrayList<>();
      for (Object n : Ops.asList(names)) {
        if (n instanceof String s && regex.matcher(s).matches()) {
          out.add(s);
        }
      }
      return new PyList(out);
    });
    b.partial("(an attribute of fnmatch that is not modelled)");
  }

  // ---------------------------------------------------------------- loaders

  /** importlib, importlib.util, importlib.machinery, imp and runpy: running a file of the sdist. */
  void loaders(String module, StdModules.ModuleBuilder b) {
    switch (module) {
      case "importlib" -> b.fn("import_module", (i, a) -> {
        Object name = a.get(0, "name");
        return name instanceof String s ? in.modules.importModule(s, s) : new Unknown("import_module of a non-str");
      });
      case "importlib.util" -> {
        b.fn("spec_from_file_location", (i, a) -> spec(a.get(0, "name"), a.get(1, "location")));
        b.fn("module_from_spec", (i, a) -> {
          Object spec = a.get(0, "spec");
          if (!(spec instanceof PyModule s)) {
            return Ops.unknownOf(spec) != null ? Ops.unknownOf(spec) : new Unknown("module_from_spec of a non-spec");
          }
          return newModule(s.ns.get("name"), s.ns.get("origin"));
        });
      }
      case "importlib.machinery" -> b.fn("SourceFileLoader", (i, a) -> loader(a.get(0, "fullname"), a.get(1, "path")));
      case "imp" -> b.fn("load_source", (i, a) -> {
        PyModule m = newModule(a.get(0, "name"), a.get(1, "pathname"));
        execFile(a.get(1, "pathname"), m.ns, a.frame());
        return m;
      });
      case "runpy" -> b.fn("run_path", (i, a) -> {
        PyDict globals = new PyDict();
        Object init = a.get(1, "init_globals");
        if (init instanceof PyDict d) {
          for (Map.Entry<Object, Object> e : d.entries()) {
            globals.put(e.getKey(), e.getValue());
          }
        }
        Object runName = a.get(2, "run_name");
        globals.put("__name__", runName instanceof String s ? s : "<run_path>");
        globals.put("__file__", a.get(0, "path"));
        execFile(a.get(0, "path"), globals, a.frame());
        return globals;
      });
      default -> throw new IllegalStateException(module);
    }
    b.partial("(an attribute of " + module + " that is not modelled)");
  }

  private PyModule newModule(Object name, Object path) {
    PyDict ns = new PyDict();
    ns.put("__name__", name == null ? PyNone.NONE : name);
    ns.put("__file__", path == null ? PyNone.NONE : path);
    return new PyModule(name instanceof String s ? s : "<module>", ns, null);
  }

  private Object spec(Object name, Object location) {
    StdModules.ModuleBuilder s = new StdModules.ModuleBuilder("ModuleSpec");
    s.value("name", name);
    s.value("origin", location);
    s.value("loader", loader(name, location));
    s.partial("(a module spec is modelled for its loader only)");
    return s.build();
  }

  private Object loader(Object name, Object path) {
    StdModules.ModuleBuilder l = new StdModules.ModuleBuilder("SourceFileLoader");
    l.fn("exec_module", (i, a) -> {
      Object module = a.get(0, "module");
      if (!(module instanceof PyModule m)) {
        return new Unknown("exec_module of a non-module");
      }
      execFile(path, m.ns, a.frame());
      return PyNone.NONE;
    });
    l.fn("load_module", (i, a) -> {
      PyModule m = newModule(name, path);
      execFile(path, m.ns, a.frame());
      return m;
    });
    l.partial("(a loader is modelled for exec_module and load_module only)");
    return l.build();
  }
}
