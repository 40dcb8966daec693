package dev.pypidb.extract.setuppy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sys} and {@code platform} as the crawler's interpreter saw them: the key's CPython
 * version, on Linux x86_64, run as {@code setup.py install} from the sdist's directory.
 * {@code sys.version} is known only up to its version number (the build date and compiler that
 * follow are not knowable).
 */
final class SysModules {
  private SysModules() {}

  static void sys(Interpreter in, StdModules.ModuleBuilder b) {
    PythonTarget t = in.target;
    b.value("argv", new PyList(List.of("setup.py", "install")));
    b.value("version_info", t.versionInfo());
    b.value("version", new PyPrefixStr(t.key.fullVersion() + " (",
        "sys.version after the version number (build date and compiler) is not knowable"));
    b.value("hexversion", t.hexversion());
    b.value("platform", t.sysPlatform());
    b.value("maxsize", BigInteger.valueOf(Long.MAX_VALUE));
    b.value("maxint", BigInteger.valueOf(Long.MAX_VALUE));
    b.value("maxunicode", BigInteger.valueOf(0x10ffff));
    b.value("byteorder", "little");
    b.value("api_version", BigInteger.valueOf(1013));
    b.value("dont_write_bytecode", false);
    b.value("executable", new Unknown("sys.executable is a path in the crawler's Nix store"));
    b.value("prefix", new Unknown("sys.prefix is a path in the crawler's Nix store"));
    b.value("exec_prefix", new Unknown("sys.exec_prefix is a path in the crawler's Nix store"));
    List<Object> path = new ArrayList<>();
    path.add("");
    path.add(new Unknown("the interpreter's own sys.path entries"));
    b.value("path", new PyList(path));
    b.value("modules", new Unknown("sys.modules is not modelled"));
    b.value("stdout", stream(in, "sys.stdout"));
    b.value("stderr", stream(in, "sys.stderr"));
    b.fn("exit", (i, a) -> {
      throw new Signals.PyRaise(new PyException(t.exception("SystemExit"), null,
          a.count() == 0 ? List.of() : List.of(a.get(0, null))));
    });
    b.fn("getdefaultencoding", (i, a) -> t.py2() ? "ascii" : "utf-8");
    b.fn("getfilesystemencoding", (i, a) -> t.py2() || t.minor3() <= 6 ? "ANSI_X3.4-1968" : "utf-8");
    b.fn("getrecursionlimit", (i, a) -> BigInteger.valueOf(1000));
    b.fn("setrecursionlimit", (i, a) -> PyNone.NONE);
    if (!t.py2()) {
      StdModules.ModuleBuilder impl = new StdModules.ModuleBuilder("sys.implementation");
      impl.value("name", "cpython");
      impl.value("version", t.versionInfo());
      b.value("implementation", impl.build());
    }
    b.partial("(an attribute of sys that is not modelled)");
  }

  private static PyModule stream(Interpreter in, String name) {
    StdModules.ModuleBuilder s = new StdModules.ModuleBuilder(name);
    s.fn("write", (i, a) -> {
      Object text = in.ops.str(a.get(0, null));
      if (text instanceof String str) {
        in.printed(str);
      }
      return PyNone.NONE;
    });
    s.fn("flush", (i, a) -> PyNone.NONE);
    s.value("encoding", "utf-8");
    s.partial("(" + name + " is not modelled beyond write())");
    return s.build();
  }

  static void platform(Interpreter in, StdModules.ModuleBuilder b) {
    PythonTarget t = in.target;
    int[] v = t.key.versionInfo();
    b.fn("system", (i, a) -> "Linux");
    b.fn("machine", (i, a) -> "x86_64");
    b.fn("processor", (i, a) -> new Unknown("platform.processor() depends on the crawler's machine"));
    b.fn("python_version", (i, a) -> t.key.fullVersion());
    b.fn("python_version_tuple", (i, a) -> new PyTuple(List.of(String.valueOf(v[0]), String.valueOf(v[1]),
        String.valueOf(v[2]))));
    b.fn("python_implementation", (i, a) -> "CPython");
    b.fn("architecture", (i, a) -> new PyTuple(List.of("64bit", "ELF")));
    b.fn("mac_ver", (i, a) -> new PyTuple(List.of("", new PyTuple(List.of("", "", "")), "")));
    b.fn("win32_ver", (i, a) -> new PyTuple(List.of("", "", "", "")));
    b.fn("release", (i, a) -> new Unknown("platform.release() is the crawler's kernel version"));
    b.fn("version", (i, a) -> new Unknown("platform.version() is the crawler's kernel build"));
    b.fn("node", (i, a) -> new Unknown("platform.node() is the crawler's host name"));
    b.fn("platform", (i, a) -> new Unknown("platform.platform() includes the crawler's kernel version"));
    b.fn("uname", (i, a) -> new Unknown("platform.uname() includes the crawler's kernel version"));
    b.partial("(an attribute of platform that is not modelled)");
  }

  /**
   * inspect, for the idiom {@code inspect.getfile(inspect.currentframe())}: the file of the code
   * running, which the crawler's shim compiled as {@code setup.py} (exec'd files: their path).
   */
  static void inspect(Interpreter in, StdModules.ModuleBuilder b) {
    b.fn("currentframe", (i, a) -> {
      StdModules.ModuleBuilder frame = new StdModules.ModuleBuilder("frame");
      frame.value("f_globals", a.frame().globals);
      frame.partial("(a frame is modelled for its file only)");
      return frame.build();
    });
    for (String name : new String[] {"getfile", "getsourcefile", "getabsfile"}) {
      b.fn(name, (i, a) -> {
        Object obj = a.get(0, "object");
        if (obj instanceof PyModule m && (m.name.equals("frame") || m.ns.get("__file__") != null)) {
          Object globals = m.name.equals("frame") ? m.ns.get("f_globals") : m.ns;
          Object file = globals instanceof PyDict g ? g.get("__file__") : null;
          if (file != null) {
            return name.equals("getabsfile") && file instanceof String f ? in.files.absolute(f) : file;
          }
        }
        return Ops.unknownOf(obj) != null ? Ops.unknownOf(obj) : new Unknown("inspect." + name + " of a "
            + in.ops.typeName(obj) + " is not modelled");
      });
    }
    b.partial("(an attribute of inspect that is not modelled)");
  }
}
