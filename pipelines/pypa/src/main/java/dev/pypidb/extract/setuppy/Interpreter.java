package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.SourceTree;
import dev.pypidb.extract.setuppy.Signals.BoundExceeded;
import dev.pypidb.extract.setuppy.Signals.Flow;
import dev.pypidb.extract.setuppy.Signals.Indeterminate;
import dev.pypidb.extract.setuppy.Signals.PyRaise;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An abstract interpreter of a setup.py for one {@link PythonTarget}: it executes the module body
 * over the evaluator's values, with the sdist as its only file system, until {@code setup()} is
 * called (then the keywords are recorded and execution ends, as the crawler's patched setuptools
 * did), an exception escapes, or the body ends. Nothing is ever executed for real: calls into
 * modules that are not modelled give {@link Unknown} values.
 *
 * <p>A branch on an unknown condition is not guessed: neither side runs, and what either side
 * could assign or change becomes unknown ({@link Havoc}). If a side could call setup(), exit,
 * or leave the enclosing function or loop, the uncertainty spreads to there
 * ({@link Indeterminate}). An operation on an unknown value is taken to succeed with an unknown
 * result; the except clauses of its try statement are treated as possibly run.
 */
final class Interpreter {
  final PythonTarget target;
  final Limits limits;
  final SourceFiles files;
  final Ops ops;
  final Formats formats;
  final Methods methods;
  final StdModules modules;
  final Access access;
  final PyDict builtins;
  SetupCall setupCall;
  int unknownEvents;
  int execDepth;
  private long steps;
  private long built;
  private int evalDepth;
  private int callDepth;
  private int line;
  private final ArrayDeque<List<Stmt.Handler>> handlerStack = new ArrayDeque<>();
  private final ArrayDeque<PyException> handling = new ArrayDeque<>();
  private final List<String> output = new ArrayList<>();
  private final Map<PyDict, String> unknownStarImports = new IdentityHashMap<>();
  private final Map<List<Stmt>, Boolean> generatorBodies = new IdentityHashMap<>();
  /** The first call of something unknown: setup() may have been called through it. */
  private String firstUnknownCall;

  Interpreter(PythonTarget target, SourceTree tree, String root, Limits limits) {
    this.target = target;
    this.limits = limits;
    this.files = new SourceFiles(tree, root);
    this.ops = new Ops(this);
    this.formats = new Formats(this);
    this.methods = new Methods(this);
    this.access = new Access(this);
    this.modules = new StdModules(this);
    this.builtins = Builtins.create(this);
  }

  /** How a run ended: setup() called (its call), a failure (the error text), or unresolved. */
  record Outcome(SetupCall setup, String error, String unresolved) {}

  /** Runs {@code module} as {@code python setup.py install} would, from the sdist's root. */
  Outcome run(ParsedModule module) {
    PyDict globals = new PyDict();
    globals.put("__name__", "__main__");
    globals.put("__file__", "setup.py");
    globals.put("__doc__", docstring(module.body()));
    globals.put("__builtins__", modules.builtinsModule());
    globals.put("__package__", PyNone.NONE);
    globals.put("__spec__", PyNone.NONE);
    // The crawler's shim ran setup.py with exec() in its own namespace, where it had imported these.
    for (String name : new String[] {"sys", "setuptools", "tokenize"}) {
      globals.put(name, modules.importModule(name, name));
    }
    Frame frame = Frame.module(globals);
    try {
      execBlock(module.body(), frame);
    } catch (PyRaise r) {
      return setupCall != null ? new Outcome(setupCall, null, null) : new Outcome(null, failureText(r.exc), null);
    } catch (Indeterminate d) {
      return setupCall != null ? new Outcome(setupCall, null, null) : new Outcome(null, null, d.getMessage());
    } catch (BoundExceeded b) {
      return setupCall != null ? new Outcome(setupCall, null, null)
          : new Outcome(null, null, "evaluation stopped at line " + line + ": " + b.getMessage());
    } catch (Flow f) {
      return new Outcome(null, null, "'" + f.kind.name().toLowerCase() + "' outside a function or loop");
    } catch (StackOverflowError e) {
      return new Outcome(null, null, "evaluation nested too deeply for the Java stack at line " + line);
    } catch (RuntimeException e) {
      // A construct the evaluator does not handle: say so rather than fail the extraction.
      return new Outcome(null, null, "line " + line + " uses something the evaluator does not model ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
    if (setupCall != null) {
      return new Outcome(setupCall, null, null);
    }
    return new Outcome(null, null, "setup.py ends without calling setup()"
        + (firstUnknownCall == null ? "" : "; it may call it through " + firstUnknownCall));
  }

  static Object docstring(List<Stmt> body) {
    if (!body.isEmpty() && body.get(0) instanceof Stmt.ExprStmt e && e.value() instanceof Expr.Constant c
        && c.value() instanceof String s) {
      return s;
    }
    return PyNone.NONE;
  }

  /** The last line the crawler logged for an exception: {@code Type: message}. */
  String failureText(PyException exc) {
    if (exc.type.name.equals("SystemExit") && exc.userClass == null) {
      Object code = exc.args.isEmpty() ? PyNone.NONE : exc.args.get(0);
      if (code instanceof String s) {
        return s;
      }
      if (!output.isEmpty()) {
        return output.get(output.size() - 1);
      }
      Object text = ops.str(code);
      return "SystemExit: " + (text instanceof String s ? s : "(unknown exit code)");
    }
    Object text = ops.exceptionText(exc);
    String message = text instanceof String s ? s : "(message unknown)";
    return message.isEmpty() ? exc.typeName() : exc.typeName() + ": " + message;
  }

  /** Records a line setup.py printed (the crawler's log), keeping the last few. */
  void printed(String text) {
    for (String l : text.split("\n", -1)) {
      if (!l.isEmpty()) {
        output.add(l);
      }
    }
    while (output.size() > 20) {
      output.remove(0);
    }
  }

  // ---------------------------------------------------------------- errors and bounds

  /** A Python exception of built-in class {@code type} with one argument, to throw. */
  PyRaise error(String type, Object arg) {
    return new PyRaise(new PyException(target.exception(type), null, List.of(arg)));
  }

  PyRaise raise(PyException exc) {
    return new PyRaise(exc);
  }

  /**
   * {@code [Errno n] message: 'path'} as an OSError subclass; on Python 2, an IOError when a file
   * is opened, else an OSError.
   */
  PyRaise osError(String type, int errno, String message, Object path, boolean opening) {
    String t = target.py2() ? (opening ? "IOError" : "OSError") : type;
    return new PyRaise(new PyException(target.exception(t), null, List.of(BigInteger.valueOf(errno), message, path)));
  }

  /** A str argument; raises TypeError for another type. Callers check for unknowns first. */
  String text(Object v, String what) {
    if (v instanceof String s) {
      return s;
    }
    throw error("TypeError", what + " must be str, not " + ops.typeName(v));
  }

  BoundExceeded bound(String what) {
    return new BoundExceeded(what);
  }

  /** An unknown produced by an operation that ran (a call, an import, a file): counted for try. */
  Unknown unknown(String reason) {
    unknownEvents++;
    return new Unknown(reason);
  }

  void checkString(long length) {
    if (length > limits.maxStringLength()) {
      throw bound("a string of " + length + " characters, over the " + limits.maxStringLength() + " limit");
    }
  }

  void checkCollection(long size) {
    if (size > limits.maxCollectionSize()) {
      throw bound("a collection of " + size + " items, over the " + limits.maxCollectionSize() + " limit");
    }
  }

  private void step(int at) {
    line = at;
    if (++steps > limits.maxSteps()) {
      throw bound("more than " + limits.maxSteps() + " evaluation steps");
    }
  }

  int line() {
    return line;
  }

  // ---------------------------------------------------------------- statements

  void execBlock(List<Stmt> body, Frame f) {
    for (Stmt s : body) {
      exec(s, f);
    }
  }

  private void exec(Stmt s, Frame f) {
    step(s.line());
    if (++evalDepth > limits.maxEvalDepth()) {
      evalDepth = 0;
      throw bound("evaluation nested deeper than " + limits.maxEvalDepth() + " levels");
    }
    try {
      execInner(s, f);
    } finally {
      evalDepth = Math.max(0, evalDepth - 1);
    }
  }

  private void execInner(Stmt s, Frame f) {
    if (s instanceof Stmt.ExprStmt e) {
      eval(e.value(), f);
    } else if (s instanceof Stmt.Assign a) {
      Object v = eval(a.value(), f);
      for (Expr t : a.targets()) {
        assign(t, v, f);
      }
    } else if (s instanceof Stmt.AugAssign a) {
      augAssign(a, f);
    } else if (s instanceof Stmt.AnnAssign a) {
      if (a.value() != null) {
        assign(a.target(), eval(a.value(), f), f);
      }
    } else if (s instanceof Stmt.If i) {
      Object test = eval(i.test(), f);
      Boolean t = ops.truth(test);
      if (t == null) {
        havoc(List.of(i.body(), i.orelse()), f, "the condition at line " + i.line() + " is unknown ("
            + reason(test) + ")", false);
      } else {
        execBlock(t ? i.body() : i.orelse(), f);
      }
    } else if (s instanceof Stmt.While w) {
      execWhile(w, f);
    } else if (s instanceof Stmt.For fo) {
      execFor(fo, f);
    } else if (s instanceof Stmt.Try t) {
      execTry(t, f);
    } else if (s instanceof Stmt.With w) {
      execWith(w, f, 0);
    } else if (s instanceof Stmt.FunctionDef d) {
      defineFunction(d, f);
    } else if (s instanceof Stmt.ClassDef c) {
      defineClass(c, f);
    } else if (s instanceof Stmt.Return r) {
      throw new Flow(Flow.Kind.RETURN, r.value() == null ? PyNone.NONE : eval(r.value(), f));
    } else if (s instanceof Stmt.Pass) {
      return;
    } else if (s instanceof Stmt.Break) {
      throw new Flow(Flow.Kind.BREAK, null);
    } else if (s instanceof Stmt.Continue) {
      throw new Flow(Flow.Kind.CONTINUE, null);
    } else if (s instanceof Stmt.Import im) {
      for (Stmt.Alias a : im.names()) {
        Object module = modules.importModule(a.name(), a.name());
        if (a.asname() != null) {
          f.assign(a.asname(), module);
        } else {
          String top = a.name().contains(".") ? a.name().substring(0, a.name().indexOf('.')) : a.name();
          f.assign(top, top.equals(a.name()) ? module : modules.importModule(top, top));
        }
      }
    } else if (s instanceof Stmt.ImportFrom im) {
      importFrom(im, f);
    } else if (s instanceof Stmt.Global g) {
      f.globalNames.addAll(g.names());
    } else if (s instanceof Stmt.Nonlocal n) {
      f.nonlocalNames.addAll(n.names());
    } else if (s instanceof Stmt.Delete d) {
      for (Expr t : d.targets()) {
        delete(t, f);
      }
    } else if (s instanceof Stmt.Assert a) {
      Boolean t = ops.truth(eval(a.test(), f));
      if (Boolean.FALSE.equals(t)) {
        throw error("AssertionError", a.msg() == null ? "" : ops.str(eval(a.msg(), f)));
      }
    } else if (s instanceof Stmt.Raise r) {
      execRaise(r, f);
    } else if (s instanceof Stmt.Print p) {
      execPrint(p, f);
    } else if (s instanceof Stmt.Exec e) {
      Object code = eval(e.code(), f);
      Object globals = e.globals() == null ? null : eval(e.globals(), f);
      Object locals = e.locals() == null ? null : eval(e.locals(), f);
      execCode(code, globals, locals, f, "exec");
    } else if (s instanceof Stmt.Error err) {
      throw error("SyntaxError", err.message() + " (line " + err.line() + ")");
    }
  }

  private static String reason(Object v) {
    Unknown u = Ops.unknownOf(v);
    return u != null ? u.reason() : "unknown";
  }

  private void augAssign(Stmt.AugAssign a, Frame f) {
    Object current = eval(a.target(), f);
    Object rhs = eval(a.value(), f);
    if (a.op().equals("+") && current instanceof PyList l && l.taint == null) {
      Object items = ops.iterate(rhs);
      if (items instanceof Unknown u) {
        l.taint = u.reason();
      } else {
        checkCollection((long) l.items.size() + Ops.asList(items).size());
        l.items.addAll(Ops.asList(items));
      }
      return;
    }
    if (a.op().equals("|") && current instanceof PyDict d && rhs instanceof PyDict other && d.taint == null) {
      for (Map.Entry<Object, Object> e : other.entries()) {
        d.put(e.getKey(), e.getValue());
      }
      d.taint = other.taint;
      return;
    }
    assign(a.target(), ops.binary(a.op(), current, rhs), f);
  }

  private void execWhile(Stmt.While w, Frame f) {
    int iterations = 0;
    try {
      while (true) {
        Object test = eval(w.test(), f);
        Boolean t = ops.truth(test);
        if (t == null) {
          havoc(List.of(w.body(), w.orelse()), f, "the condition of the while loop at line " + w.line()
              + " is unknown (" + reason(test) + ")", true);
          return;
        }
        if (!t) {
          execBlock(w.orelse(), f);
          return;
        }
        if (++iterations > limits.maxLoopIterations()) {
          throw bound("the while loop at line " + w.line() + " ran more than " + limits.maxLoopIterations()
              + " iterations");
        }
        try {
          execBlock(w.body(), f);
        } catch (Flow fl) {
          if (fl.kind == Flow.Kind.BREAK) {
            return;
          }
          if (fl.kind == Flow.Kind.RETURN) {
            throw fl;
          }
        }
      }
    } catch (Indeterminate d) {
      if (d.kind != Indeterminate.Kind.LOOP) {
        throw d;
      }
      havoc(List.of(w.body(), w.orelse()), f, d.getMessage(), true);
    }
  }

  private void execFor(Stmt.For fo, Frame f) {
    Object iterable = eval(fo.iter(), f);
    Object items = ops.iterate(iterable);
    if (items instanceof Unknown u) {
      assign(fo.target(), u, f);
      havoc(List.of(fo.body(), fo.orelse()), f, "the for loop at line " + fo.line() + " iterates over an unknown value ("
          + u.reason() + ")", true);
      return;
    }
    List<Object> list = Ops.asList(items);
    if (list.size() > limits.maxLoopIterations()) {
      throw bound("the for loop at line " + fo.line() + " would run " + list.size() + " iterations, over the "
          + limits.maxLoopIterations() + " limit");
    }
    try {
      for (Object item : list) {
        assign(fo.target(), item, f);
        try {
          execBlock(fo.body(), f);
        } catch (Flow fl) {
          if (fl.kind == Flow.Kind.BREAK) {
            return;
          }
          if (fl.kind == Flow.Kind.RETURN) {
            throw fl;
          }
        }
      }
      execBlock(fo.orelse(), f);
    } catch (Indeterminate d) {
      if (d.kind != Indeterminate.Kind.LOOP) {
        throw d;
      }
      havoc(List.of(fo.body(), fo.orelse()), f, d.getMessage(), true);
    }
  }

  private void execTry(Stmt.Try t, Frame f) {
    boolean runFinally = true;
    try {
      PyException caught = null;
      int before = unknownEvents;
      handlerStack.push(t.handlers());
      try {
        execBlock(t.body(), f);
      } catch (PyRaise r) {
        caught = r.exc;
      } finally {
        handlerStack.pop();
      }
      if (caught == null) {
        if (unknownEvents != before && !t.handlers().isEmpty()) {
          List<List<Stmt>> bodies = new ArrayList<>();
          for (Stmt.Handler h : t.handlers()) {
            bodies.add(h.body());
          }
          Havoc.apply(this, Havoc.analyze(this, bodies, f), f, "an except clause at line " + t.handlers().get(0).line()
              + " may have run, as its try body did something unknown");
        }
        execBlock(t.orelse(), f);
        return;
      }
      Stmt.Handler handler = matchHandler(t.handlers(), caught, f);
      if (handler == null) {
        throw new PyRaise(caught);
      }
      if (handler.name() != null) {
        f.assign(handler.name(), caught);
      }
      handling.push(caught);
      try {
        execBlock(handler.body(), f);
      } finally {
        handling.pop();
        if (handler.name() != null && !target.py2()) {
          f.delete(handler.name());
        }
      }
    } catch (Indeterminate | BoundExceeded e) {
      runFinally = false;
      throw e;
    } finally {
      if (runFinally && !t.finalbody().isEmpty()) {
        execBlock(t.finalbody(), f);
      }
    }
  }

  private Stmt.Handler matchHandler(List<Stmt.Handler> handlers, PyException exc, Frame f) {
    for (Stmt.Handler h : handlers) {
      if (h.type() == null) {
        return h;
      }
      Object type = eval(h.type(), f);
      Boolean m = matches(type, exc);
      if (m == null) {
        throw new Indeterminate(Indeterminate.Kind.EXIT, "cannot tell whether the except clause at line " + h.line()
            + " catches " + exc.typeName() + " (" + reason(type) + ")");
      }
      if (m) {
        return h;
      }
    }
    return null;
  }

  private Boolean matches(Object type, PyException exc) {
    if (type instanceof PyTuple t) {
      Boolean any = false;
      for (Object o : t.items) {
        Boolean m = matches(o, exc);
        if (Boolean.TRUE.equals(m)) {
          return true;
        }
        if (m == null) {
          any = null;
        }
      }
      return any;
    }
    if (type instanceof PyExceptionType || type instanceof PyClass) {
      return exc.isInstance(type);
    }
    if (Ops.unknownOf(type) != null) {
      return null;
    }
    throw error("TypeError", "catching classes that do not inherit from BaseException is not allowed");
  }

  /**
   * Whether an ImportError raised now is caught by a handler of an enclosing try: a guarded
   * import of a module that is not installed fails as it did for the crawler.
   */
  boolean importGuarded() {
    for (List<Stmt.Handler> hs : handlerStack) {
      for (Stmt.Handler h : hs) {
        if (h.type() == null || catchesImportError(h.type())) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean catchesImportError(Expr type) {
    if (type instanceof Expr.Tuple t) {
      return t.elts().stream().anyMatch(this::catchesImportError);
    }
    if (type instanceof Expr.Name n) {
      PyExceptionType t = target.exceptions.get(n.id());
      return t != null && target.exception("ImportError").isSubclassOf(t);
    }
    return false;
  }

  private void execWith(Stmt.With w, Frame f, int index) {
    if (index == w.items().size()) {
      execBlock(w.body(), f);
      return;
    }
    Stmt.WithItem item = w.items().get(index);
    Object ctx = eval(item.context(), f);
    Object entered = enter(ctx);
    if (item.target() != null) {
      assign(item.target(), entered, f);
    }
    try {
      execWith(w, f, index + 1);
    } catch (PyRaise r) {
      if (ctx instanceof Suppress s) {
        for (Object type : s.types()) {
          if (Boolean.TRUE.equals(matches(type, r.exc))) {
            return;
          }
        }
      }
      throw r;
    } finally {
      if (ctx instanceof PyFile file) {
        file.closed = true;
      }
    }
  }

  /** {@code contextlib.suppress(types)}: a with block that swallows those exceptions. */
  record Suppress(List<Object> types) {}

  private Object enter(Object ctx) {
    if (ctx instanceof PyFile) {
      return ctx;
    }
    if (ctx instanceof Suppress) {
      return PyNone.NONE;
    }
    if (ctx instanceof PyInstance obj) {
      Object enterMethod = obj.cls.lookup("__enter__");
      if (enterMethod instanceof PyFunction fn) {
        return callFunction(fn, new CallArgs(List.of(obj), Map.of(), null, null, null, line));
      }
    }
    Unknown u = Ops.unknownOf(ctx);
    return u != null ? u : new Unknown("the value a with statement gets from " + ops.typeName(ctx) + " is not modelled");
  }

  private void execRaise(Stmt.Raise r, Frame f) {
    if (r.exc() == null) {
      if (handling.isEmpty()) {
        throw target.py2()
            ? error("TypeError", "exceptions must be old-style classes or derived from BaseException, not NoneType")
            : error("RuntimeError", "No active exception to reraise");
      }
      throw new PyRaise(handling.peek());
    }
    Object exc = eval(r.exc(), f);
    if (r.value() != null) {
      Object value = eval(r.value(), f);
      exc = call(exc, new CallArgs(value instanceof PyTuple t ? t.items : List.of(value), Map.of(), null, null, f, r.line()));
    } else if (exc instanceof PyExceptionType || exc instanceof PyClass) {
      exc = call(exc, new CallArgs(List.of(), Map.of(), null, null, f, r.line()));
    }
    if (exc instanceof PyException e) {
      throw new PyRaise(e);
    }
    if (Ops.unknownOf(exc) != null) {
      throw new Indeterminate(Indeterminate.Kind.EXIT, "line " + r.line() + " raises an exception that is unknown ("
          + reason(exc) + ")");
    }
    throw error("TypeError", "exceptions must derive from BaseException");
  }

  private void execPrint(Stmt.Print p, Frame f) {
    if (!target.py2()) {
      // Only forms Python 3 compiles get here: print >>f, print -x, print [x]. They fail when run.
      Object rhs = p.dest() != null ? eval(p.dest(), f) : p.values().isEmpty() ? PyNone.NONE : eval(p.values().get(0), f);
      String op = p.dest() != null ? ">>" : "-";
      String hint = op.equals(">>") && target.minor3() >= 6 ? ". Did you mean \"print(<message>, file=<output_stream>)\"?" : "";
      throw error("TypeError", "unsupported operand type(s) for " + op + ": 'builtin_function_or_method' and '"
          + ops.typeName(rhs) + "'" + hint);
    }
    Object dest = p.dest() == null ? null : eval(p.dest(), f);
    StringBuilder text = new StringBuilder();
    for (Expr e : p.values()) {
      Object s = ops.str(eval(e, f));
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(s instanceof String str ? str : "?");
    }
    if (dest == null || dest instanceof PyModule) {
      // The crawler logged stdout and stderr together; a print to a file is not logged.
      printed(text.toString());
    }
  }

  /** Runs code (a str or {@link PyCode}) in a namespace: exec(), execfile(), runpy. */
  void execCode(Object code, Object globals, Object locals, Frame caller, String what) {
    Unknown u = Ops.unknownOf(code);
    if (u != null) {
      throw new Indeterminate(Indeterminate.Kind.EXIT, what + "() runs code that is unknown (" + u.reason() + ")");
    }
    ParsedModule module;
    if (code instanceof PyCode c) {
      module = c.module();
    } else if (code instanceof String s) {
      module = compile(s, "<string>");
    } else if (code instanceof PyBytes b) {
      module = compile(b.latin1(), "<string>");
    } else {
      throw error("TypeError", what + "() arg 1 must be a string, bytes or code object");
    }
    PyDict g;
    if (globals instanceof PyDict d) {
      g = d;
      if (g.get("__builtins__") == null) {
        g.put("__builtins__", modules.builtinsModule());
      }
    } else if (globals == null || globals instanceof PyNone) {
      g = null;
    } else {
      throw error("TypeError", what + "() globals must be a dict, not " + ops.typeName(globals));
    }
    Frame frame;
    PyDict localsDict = locals instanceof PyDict l && l != globals ? l : null;
    if (localsDict != null) {
      // Separate locals: the code runs like a class body, its names land in the locals dict.
      frame = Frame.classBody(g != null ? g : caller.globals, null);
      for (Map.Entry<Object, Object> e : localsDict.entries()) {
        if (e.getKey() instanceof String k) {
          frame.locals.put(k, e.getValue());
        }
      }
    } else {
      frame = g != null ? Frame.module(g) : caller;
    }
    if (++execDepth > limits.maxExecDepth()) {
      throw bound("exec() nested deeper than " + limits.maxExecDepth() + " levels");
    }
    try {
      execBlock(module.body(), frame);
    } finally {
      execDepth--;
      if (localsDict != null) {
        for (Map.Entry<String, Object> e : frame.locals.entrySet()) {
          localsDict.put(e.getKey(), e.getValue());
        }
      }
    }
  }

  /** Parses source given to exec()/compile(); raises SyntaxError as this Python would. */
  ParsedModule compile(String source, String filename) {
    if (source.length() > limits.maxSourceBytes()) {
      throw bound("exec() of " + source.length() + " characters, over the " + limits.maxSourceBytes() + " limit");
    }
    ParsedModule module = PythonParser.parse(source, limits);
    if (!module.errors().isEmpty()) {
      Stmt.Error e = module.errors().get(0);
      if (e.message().startsWith("nesting deeper") || e.message().startsWith("more than")) {
        throw bound(filename + " line " + e.line() + ": " + e.message());
      }
      throw error("SyntaxError", e.message() + " (" + filename + ", line " + e.line() + ")");
    }
    String syntax = module.syntaxError(target.key, filename);
    if (syntax != null) {
      throw error("SyntaxError", syntax);
    }
    return module;
  }

  private void defineFunction(Stmt.FunctionDef d, Frame f) {
    List<Object> decorators = new ArrayList<>();
    for (Expr e : d.decorators()) {
      decorators.add(eval(e, f));
    }
    Object fn = makeFunction(d.name(), d.params(), d.body(), null, f, d.line());
    for (int k = decorators.size() - 1; k >= 0; k--) {
      fn = call(decorators.get(k), CallArgs.of(f, d.line(), fn));
    }
    f.assign(d.name(), fn);
  }

  private PyFunction makeFunction(String name, Expr.Params params, List<Stmt> body, Expr lambdaBody, Frame f, int at) {
    List<Object> defaults = new ArrayList<>();
    for (Expr.Param p : params.params()) {
      defaults.add(p.defaultValue() == null ? null : eval(p.defaultValue(), f));
    }
    Frame closure = f.isModule() ? null : f.classBody ? f.enclosing : f;
    boolean generator = body != null && generatorBodies.computeIfAbsent(body, Havoc::containsYield);
    return new PyFunction(name, params, defaults, body, lambdaBody, closure, f.globals, generator, at);
  }

  private void defineClass(Stmt.ClassDef c, Frame f) {
    List<Object> bases = new ArrayList<>();
    for (Expr.Arg a : c.bases()) {
      if (a.keyword() == null && a.star() == 0) {
        bases.add(eval(a.value(), f));
      }
    }
    Frame body = Frame.classBody(f.globals, f.isModule() ? null : f.classBody ? f.enclosing : f);
    execBlock(c.body(), body);
    PyDict ns = new PyDict();
    for (Map.Entry<String, Object> e : body.locals.entrySet()) {
      ns.put(e.getKey(), e.getValue());
    }
    Object cls = new PyClass(c.name(), bases, ns, c.line());
    for (int k = c.decorators().size() - 1; k >= 0; k--) {
      cls = call(eval(c.decorators().get(k), f), CallArgs.of(f, c.line(), cls));
    }
    f.assign(c.name(), cls);
  }

  private void importFrom(Stmt.ImportFrom im, Frame f) {
    if (im.level() > 0) {
      // setup.py runs as __main__, not in a package.
      if (target.py2()) {
        throw error("ValueError", "Attempted relative import in non-package");
      }
      if (target.minor3() >= 7) {
        throw error("ImportError", "attempted relative import with no known parent package");
      }
      if (im.module().isEmpty()) {
        throw error("ImportError", target.cannotImportMessage(im.names().get(0).name(), ""));
      }
      throw error(target.moduleNotFoundType(), "No module named '__main__." + im.module() + "'; '__main__' is not a package");
    }
    Object module = modules.importModule(im.module(), im.module());
    for (Stmt.Alias a : im.names()) {
      if (a.name().equals("*")) {
        if (module instanceof PyModule m && m.partial == null) {
          for (Map.Entry<Object, Object> e : m.ns.entries()) {
            if (e.getKey() instanceof String k && !k.startsWith("_")) {
              f.assign(k, e.getValue());
            }
          }
        } else {
          unknownStarImports.put(f.globals, "`from " + im.module() + " import *` (line " + im.line()
              + ") may define it: " + (module instanceof Unknown u ? u.reason() : "the module is only partly modelled"));
        }
        continue;
      }
      Object value = modules.importName(module, im.module(), a.name());
      f.assign(a.asname() != null ? a.asname() : a.name(), value);
    }
  }

  // ---------------------------------------------------------------- havoc

  /**
   * Neither side of an unknown branch runs: what they could assign or change becomes unknown,
   * and a possible setup(), exit, return or break makes the enclosing construct uncertain.
   */
  void havoc(List<List<Stmt>> blocks, Frame f, String reason, boolean inLoop) {
    Havoc.Effects e = Havoc.analyze(this, blocks, f);
    if (e.setupLine() > 0) {
      throw new Indeterminate(Indeterminate.Kind.SETUP, "setup() at line " + e.setupLine() + " may or may not be called: "
          + reason);
    }
    if (e.exitLine() > 0) {
      throw new Indeterminate(Indeterminate.Kind.EXIT, "setup.py may stop at line " + e.exitLine() + ": " + reason);
    }
    if (e.returns() && !f.isModule()) {
      throw new Indeterminate(Indeterminate.Kind.RETURN, reason);
    }
    if (e.breaks() && !inLoop) {
      throw new Indeterminate(Indeterminate.Kind.LOOP, reason);
    }
    Havoc.apply(this, e, f, reason);
  }

  // ---------------------------------------------------------------- assignment

  void assign(Expr target, Object value, Frame f) {
    if (target instanceof Expr.Name n) {
      f.assign(n.id(), value);
    } else if (target instanceof Expr.Tuple || target instanceof Expr.ListDisplay) {
      List<Expr> elts = target instanceof Expr.Tuple t ? t.elts() : ((Expr.ListDisplay) target).elts();
      unpack(elts, value, f);
    } else if (target instanceof Expr.Attribute a) {
      access.setAttr(eval(a.value(), f), a.attr(), value);
    } else if (target instanceof Expr.Subscript s) {
      access.setItem(eval(s.value(), f), eval(s.index(), f), value);
    } else if (target instanceof Expr.Starred s) {
      assign(s.value(), value, f);
    } else {
      throw error("SyntaxError", "cannot assign to expression (line " + target.line() + ")");
    }
  }

  private void unpack(List<Expr> elts, Object value, Frame f) {
    Object items = ops.iterate(value);
    if (items instanceof Unknown u) {
      for (Expr e : elts) {
        assign(e instanceof Expr.Starred s ? s.value() : e, u, f);
      }
      return;
    }
    List<Object> list = Ops.asList(items);
    int star = -1;
    for (int k = 0; k < elts.size(); k++) {
      if (elts.get(k) instanceof Expr.Starred) {
        star = k;
      }
    }
    if (star < 0) {
      if (list.size() != elts.size()) {
        if (target.py2()) {
          throw error("ValueError", list.size() > elts.size() ? "too many values to unpack"
              : "need more than " + list.size() + " value" + (list.size() == 1 ? "" : "s") + " to unpack");
        }
        throw error("ValueError", list.size() > elts.size() ? "too many values to unpack (expected " + elts.size() + ")"
            : "not enough values to unpack (expected " + elts.size() + ", got " + list.size() + ")");
      }
      for (int k = 0; k < elts.size(); k++) {
        assign(elts.get(k), list.get(k), f);
      }
      return;
    }
    int after = elts.size() - star - 1;
    if (list.size() < elts.size() - 1) {
      throw error("ValueError", "not enough values to unpack (expected at least " + (elts.size() - 1) + ", got "
          + list.size() + ")");
    }
    for (int k = 0; k < star; k++) {
      assign(elts.get(k), list.get(k), f);
    }
    assign(elts.get(star), new PyList(list.subList(star, list.size() - after)), f);
    for (int k = 0; k < after; k++) {
      assign(elts.get(star + 1 + k), list.get(list.size() - after + k), f);
    }
  }

  private void delete(Expr t, Frame f) {
    if (t instanceof Expr.Name n) {
      if (!f.delete(n.id())) {
        throw error("NameError", "name '" + n.id() + "' is not defined");
      }
    } else if (t instanceof Expr.Subscript s) {
      Object c = eval(s.value(), f);
      Object index = eval(s.index(), f);
      if (Ops.unknownOf(c) != null) {
        return;
      }
      if (c instanceof PyDict d) {
        if (Ops.unknownOf(index) != null) {
          d.taint = "a key deleted by an unknown value";
        } else if (d.remove(index) == null) {
          throw error("KeyError", index);
        }
      } else if (c instanceof PyList l) {
        if (index instanceof PySlice sl) {
          int[] r = sl.indices(this, l.items.size());
          for (int k = Math.max(r[0], r[1]) - 1; k >= r[0] && r[2] == 1; k--) {
            l.items.remove(k);
          }
        } else if (Ops.unknownOf(index) != null) {
          l.taint = "an item deleted at an unknown index";
        } else {
          l.items.remove(access.normalizeIndex(index, l.items.size(), "list assignment index out of range"));
        }
      }
    } else if (t instanceof Expr.Tuple tu) {
      for (Expr e : tu.elts()) {
        delete(e, f);
      }
    } else if (t instanceof Expr.Attribute a) {
      Object obj = eval(a.value(), f);
      if (obj instanceof PyModule m) {
        m.ns.remove(a.attr());
      } else if (obj instanceof PyInstance i) {
        i.attrs.remove(a.attr());
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  Object eval(Expr e, Frame f) {
    step(e.line());
    if (++evalDepth > limits.maxEvalDepth()) {
      evalDepth = 0;
      throw bound("evaluation nested deeper than " + limits.maxEvalDepth() + " levels");
    }
    try {
      Object v = evalInner(e, f);
      if (e instanceof Expr.Call || e instanceof Expr.BinOp || e instanceof Expr.FString || e instanceof Expr.Comprehension) {
        charge(v);
      }
      return v;
    } finally {
      evalDepth = Math.max(0, evalDepth - 1);
    }
  }

  /** Counts a large value just built against {@link Limits#maxBuilt()}. */
  private void charge(Object v) {
    long size = v instanceof String s ? s.length() : v instanceof PyBytes b ? b.length()
        : v instanceof PyList l ? l.items.size() : v instanceof PyTuple t ? t.items.size()
        : v instanceof PyDict d ? d.size() : v instanceof PySet set ? set.size() : 0;
    if (size >= 1024) {
      built += size;
      if (built > limits.maxBuilt()) {
        throw bound("strings and collections of more than " + limits.maxBuilt() + " characters and items built in all");
      }
    }
  }

  private Object evalInner(Expr e, Frame f) {
    if (e instanceof Expr.Name n) {
      return lookup(n.id(), f);
    }
    if (e instanceof Expr.Constant c) {
      if (c.value() instanceof Expr.Imaginary) {
        return new Unknown("complex number " + ((Expr.Imaginary) c.value()).text() + " is not modelled");
      }
      return c.value();
    }
    if (e instanceof Expr.Call c) {
      return evalCall(c, f);
    }
    if (e instanceof Expr.Attribute a) {
      return access.getAttr(eval(a.value(), f), a.attr());
    }
    if (e instanceof Expr.Subscript s) {
      return access.subscript(eval(s.value(), f), eval(s.index(), f));
    }
    if (e instanceof Expr.BinOp b) {
      Object v = eval(b.first(), f);
      for (int k = 0; k < b.ops().size(); k++) {
        v = ops.binary(b.ops().get(k), v, eval(b.rest().get(k), f));
      }
      return v;
    }
    if (e instanceof Expr.Compare c) {
      return evalCompare(c, f);
    }
    if (e instanceof Expr.BoolOp b) {
      boolean and = b.op().equals("and");
      Object v = null;
      for (Expr x : b.values()) {
        v = eval(x, f);
        Boolean t = ops.truth(v);
        if (t == null) {
          return Ops.unknownOf(v) != null ? Ops.unknownOf(v) : new Unknown("the truth of an unknown value");
        }
        if (t != and) {
          return v;
        }
      }
      return v;
    }
    if (e instanceof Expr.UnaryOp u) {
      return ops.unary(u.op(), eval(u.operand(), f));
    }
    if (e instanceof Expr.IfExp i) {
      Object test = eval(i.test(), f);
      Boolean t = ops.truth(test);
      if (t == null) {
        return new Unknown("the condition at line " + i.line() + " is unknown (" + reason(test) + ")");
      }
      return eval(t ? i.body() : i.orelse(), f);
    }
    if (e instanceof Expr.FString fs) {
      return evalFString(fs, f);
    }
    if (e instanceof Expr.ListDisplay l) {
      Object items = evalElements(l.elts(), f);
      return items instanceof Unknown u ? u : new PyList(Ops.asList(items));
    }
    if (e instanceof Expr.Tuple t) {
      Object items = evalElements(t.elts(), f);
      return items instanceof Unknown u ? u : new PyTuple(Ops.asList(items));
    }
    if (e instanceof Expr.SetDisplay s) {
      Object items = evalElements(s.elts(), f);
      if (items instanceof Unknown u) {
        return u;
      }
      PySet set = new PySet(false);
      for (Object o : Ops.asList(items)) {
        if (Ops.unknownOf(o) != null) {
          set.taint = Ops.unknownOf(o).reason();
        } else {
          ops.requireHashable(o);
          set.add(o);
        }
      }
      return set;
    }
    if (e instanceof Expr.DictDisplay d) {
      return evalDict(d, f);
    }
    if (e instanceof Expr.Comprehension c) {
      return Comprehensions.eval(this, c, f);
    }
    if (e instanceof Expr.Lambda l) {
      return makeFunction("<lambda>", l.params(), null, l.body(), f, l.line());
    }
    if (e instanceof Expr.Slice s) {
      return new PySlice(s.lower() == null ? PyNone.NONE : eval(s.lower(), f),
          s.upper() == null ? PyNone.NONE : eval(s.upper(), f), s.step() == null ? PyNone.NONE : eval(s.step(), f));
    }
    if (e instanceof Expr.NamedExpr n) {
      Object v = eval(n.value(), f);
      assign(n.target(), v, f);
      return v;
    }
    if (e instanceof Expr.Yield y) {
      return evalYield(y, f);
    }
    if (e instanceof Expr.Repr r) {
      return ops.repr(eval(r.value(), f));
    }
    if (e instanceof Expr.Await) {
      return new Unknown("await (line " + e.line() + ") is not modelled");
    }
    if (e instanceof Expr.Starred) {
      throw error("SyntaxError", "can't use starred expression here (line " + e.line() + ")");
    }
    throw new IllegalStateException("unhandled expression " + e);
  }

  Object lookup(String name, Frame f) {
    Object v = f.lookup(name);
    if (v != null) {
      return v;
    }
    v = builtins.get(name);
    if (v != null) {
      return v;
    }
    String star = unknownStarImports.get(f.globals);
    if (star != null) {
      return new Unknown("name '" + name + "': " + star);
    }
    throw error("NameError", "name '" + name + "' is not defined");
  }

  private Object evalCompare(Expr.Compare c, Frame f) {
    Object left = eval(c.left(), f);
    Unknown unknown = null;
    for (int k = 0; k < c.ops().size(); k++) {
      Object right = eval(c.comparators().get(k), f);
      Boolean r = ops.compare(c.ops().get(k), left, right);
      if (r == null) {
        Unknown u = Ops.firstUnknown(left, right);
        unknown = u != null ? u : new Unknown("a comparison at line " + c.line() + " with an unknown value");
      } else if (!r) {
        return false;
      }
      left = right;
    }
    return unknown != null ? unknown : (Object) true;
  }

  private Object evalFString(Expr.FString fs, Frame f) {
    StringBuilder out = new StringBuilder();
    for (Object part : fs.parts()) {
      if (part instanceof String s) {
        out.append(s);
        continue;
      }
      Expr.FormattedValue fv = (Expr.FormattedValue) part;
      Object v = eval(fv.value(), f);
      if (fv.conversion() == 'r' || fv.conversion() == 'a') {
        v = ops.repr(v);
      } else if (fv.conversion() == 's') {
        v = ops.str(v);
      }
      String spec = "";
      if (fv.spec() != null) {
        Object s = eval(fv.spec(), f);
        if (s instanceof Unknown u) {
          return u;
        }
        spec = (String) s;
      }
      Object text = formats.format(v, spec);
      if (text instanceof Unknown u) {
        return u;
      }
      out.append((String) text);
      checkString(out.length());
    }
    return out.toString();
  }

  /** The values of display elements, with starred ones expanded; or an Unknown. */
  private Object evalElements(List<Expr> elts, Frame f) {
    List<Object> out = new ArrayList<>(elts.size());
    for (Expr x : elts) {
      if (x instanceof Expr.Starred s) {
        Object items = ops.iterate(eval(s.value(), f));
        if (items instanceof Unknown u) {
          return u;
        }
        out.addAll(Ops.asList(items));
      } else {
        out.add(eval(x, f));
      }
      checkCollection(out.size());
    }
    return out;
  }

  private Object evalDict(Expr.DictDisplay d, Frame f) {
    PyDict out = new PyDict();
    for (int k = 0; k < d.keys().size(); k++) {
      if (d.keys().get(k) == null) {
        Object other = eval(d.values().get(k), f);
        if (Ops.unknownOf(other) != null) {
          out.taint = "merges a mapping that is unknown (" + Ops.unknownOf(other).reason() + ")";
        } else if (other instanceof PyDict od) {
          for (Map.Entry<Object, Object> e : od.entries()) {
            out.put(e.getKey(), e.getValue());
          }
        } else {
          throw error("TypeError", "'" + ops.typeName(other) + "' object is not a mapping");
        }
        continue;
      }
      Object key = eval(d.keys().get(k), f);
      Object value = eval(d.values().get(k), f);
      if (Ops.unknownOf(key) != null) {
        out.taint = "a key is unknown (" + Ops.unknownOf(key).reason() + ")";
        continue;
      }
      ops.requireHashable(key);
      out.put(key, value);
      checkCollection(out.size());
    }
    return out;
  }

  private Object evalYield(Expr.Yield y, Frame f) {
    if (f.yields == null) {
      return new Unknown("yield outside a generator being collected");
    }
    Object v = y.value() == null ? PyNone.NONE : eval(y.value(), f);
    if (y.from()) {
      Object items = ops.iterate(v);
      if (items instanceof Unknown u) {
        throw new Indeterminate(Indeterminate.Kind.RETURN, "yield from an unknown value (" + u.reason() + ")");
      }
      f.yields.addAll(Ops.asList(items));
    } else {
      f.yields.add(v);
    }
    checkCollection(f.yields.size());
    return PyNone.NONE;
  }

  // ---------------------------------------------------------------- calls

  private Object evalCall(Expr.Call c, Frame f) {
    Object fn = eval(c.func(), f);
    List<Object> positional = new ArrayList<>();
    Map<String, Object> keywords = new LinkedHashMap<>();
    Unknown star = null;
    Unknown doubleStar = null;
    for (Expr.Arg a : c.args()) {
      if (a.star() == 1) {
        Object items = ops.iterate(eval(a.value(), f));
        if (items instanceof Unknown u) {
          star = u;
        } else {
          positional.addAll(Ops.asList(items));
        }
      } else if (a.star() == 2) {
        Object mapping = eval(a.value(), f);
        Unknown u = Ops.unknownOf(mapping);
        if (u != null) {
          doubleStar = u;
          if (mapping instanceof PyDict d) {
            copyKeywords(d, keywords, fn);
          }
        } else if (mapping instanceof PyDict d) {
          copyKeywords(d, keywords, fn);
        } else {
          throw error("TypeError", "argument after ** must be a mapping, not " + ops.typeName(mapping));
        }
      } else if (a.keyword() != null) {
        if (keywords.containsKey(a.keyword())) {
          throw error("SyntaxError", "keyword argument repeated: " + a.keyword());
        }
        keywords.put(a.keyword(), eval(a.value(), f));
      } else {
        positional.add(eval(a.value(), f));
      }
    }
    return call(fn, new CallArgs(positional, keywords, star, doubleStar, f, c.line()));
  }

  private void copyKeywords(PyDict d, Map<String, Object> keywords, Object fn) {
    for (Map.Entry<Object, Object> e : d.entries()) {
      if (!(e.getKey() instanceof String k)) {
        throw error("TypeError", "keywords must be strings");
      }
      if (keywords.containsKey(k)) {
        throw error("TypeError", "got multiple values for keyword argument '" + k + "'");
      }
      keywords.put(k, e.getValue());
    }
  }

  Object call(Object fn, CallArgs a) {
    if (fn instanceof PyBuiltin b) {
      return b.impl.call(this, a);
    }
    if (fn instanceof PyFunction pf) {
      return callFunction(pf, a);
    }
    if (fn instanceof PyBound b) {
      return methods.call(b.self(), b.name(), a);
    }
    if (fn instanceof PyMethod m) {
      List<Object> args = new ArrayList<>();
      args.add(m.self());
      args.addAll(a.positional());
      return call(m.function(), new CallArgs(args, a.keywords(), a.unknownStar(), a.unknownDoubleStar(), a.frame(), a.line()));
    }
    if (fn instanceof PyExceptionType t) {
      if (a.unknown() != null) {
        return new PyException(t, null, List.of(a.unknown()));
      }
      return new PyException(t, null, a.positional());
    }
    if (fn instanceof PyClass cls) {
      return instantiate(cls, a);
    }
    Unknown u = Ops.unknownOf(fn);
    if (u != null) {
      unknownEvents++;
      if (firstUnknownCall == null) {
        firstUnknownCall = "the call at line " + a.line() + " of something unknown (" + u.reason() + ")";
      }
      taintArguments(a, "it was passed to a call that is unknown (" + u.reason() + ")");
      return u;
    }
    throw error("TypeError", "'" + ops.typeName(fn) + "' object is not callable");
  }

  /** Mutable arguments of an unknown call may have been changed by it. */
  private static void taintArguments(CallArgs a, String reason) {
    List<Object> all = new ArrayList<>(a.positional());
    all.addAll(a.keywords().values());
    for (Object o : all) {
      if (o instanceof PyList l && l.taint == null) {
        l.taint = reason;
      } else if (o instanceof PyDict d && d.taint == null) {
        d.taint = reason;
      } else if (o instanceof PySet s && s.taint == null && !s.frozen) {
        s.taint = reason;
      }
    }
  }

  private Object instantiate(PyClass cls, CallArgs a) {
    PyExceptionType base = cls.exceptionBase();
    if (base != null) {
      return new PyException(base, cls, a.unknown() != null ? List.of(a.unknown()) : a.positional());
    }
    if (!cls.fullyKnown()) {
      unknownEvents++;
      taintArguments(a, "it was passed to class " + cls.name + ", whose base class is not modelled");
      return new Unknown("an instance of class " + cls.name + " (line " + cls.line + "), whose base class is not modelled");
    }
    PyInstance obj = new PyInstance(cls);
    Object init = cls.lookup("__init__");
    if (init instanceof PyFunction fn) {
      List<Object> args = new ArrayList<>();
      args.add(obj);
      args.addAll(a.positional());
      callFunction(fn, new CallArgs(args, a.keywords(), a.unknownStar(), a.unknownDoubleStar(), a.frame(), a.line()));
    }
    return obj;
  }

  Object callFunction(PyFunction fn, CallArgs a) {
    if (a.unknown() != null) {
      havocFunction(fn, "it was called with arguments that are unknown (" + a.unknown().reason() + ")");
      taintArguments(a, "it was passed to " + fn.name + "() with other arguments that are unknown");
      return a.unknown();
    }
    if (callDepth >= limits.maxCallDepth()) {
      throw bound("calls nested deeper than " + limits.maxCallDepth() + " levels (in " + fn.name + "(), line " + fn.line + ")");
    }
    Frame frame = Frame.function(fn.globals, fn.closure);
    Arguments.bind(this, fn, a, frame);
    if (fn.generator) {
      frame.yields = new ArrayList<>();
    }
    callDepth++;
    try {
      if (fn.lambdaBody != null) {
        return eval(fn.lambdaBody, frame);
      }
      execBlock(fn.body, frame);
      return fn.generator ? new PyIter("generator", false, frame.yields) : PyNone.NONE;
    } catch (Flow r) {
      if (r.kind != Flow.Kind.RETURN) {
        throw error("SyntaxError", "'" + r.kind.name().toLowerCase() + "' outside loop");
      }
      return fn.generator ? new PyIter("generator", false, frame.yields) : r.value;
    } catch (Indeterminate d) {
      if (d.kind != Indeterminate.Kind.RETURN && d.kind != Indeterminate.Kind.LOOP) {
        throw d;
      }
      Havoc.apply(this, Havoc.analyze(this, List.of(fn.body), frame), frame, d.getMessage());
      return new Unknown("what " + fn.name + "() returns: " + d.getMessage());
    } finally {
      callDepth--;
    }
  }

  private void havocFunction(PyFunction fn, String reason) {
    if (fn.body == null) {
      return;
    }
    Frame frame = Frame.function(fn.globals, fn.closure);
    Havoc.Effects e = Havoc.analyze(this, List.of(fn.body), frame);
    if (e.setupLine() > 0) {
      throw new Indeterminate(Indeterminate.Kind.SETUP, fn.name + "() calls setup() at line " + e.setupLine()
          + " but " + reason);
    }
    Havoc.apply(this, e, frame, fn.name + "() " + reason);
  }

  // ---------------------------------------------------------------- files

  /** The remaining lines of a file, for iteration and readlines(); or an Unknown. */
  Object fileLines(PyFile f) {
    Object rest = methods.readRest(f);
    if (rest instanceof Unknown) {
      return rest;
    }
    String text = rest instanceof PyBytes b ? b.latin1() : (String) rest;
    List<Object> lines = new ArrayList<>();
    int start = 0;
    for (int k = 0; k < text.length(); k++) {
      if (text.charAt(k) == '\n') {
        lines.add(text.substring(start, k + 1));
        start = k + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    if (rest instanceof PyBytes) {
      lines.replaceAll(l -> PyBytes.ofLatin1((String) l));
    }
    return lines;
  }
}
