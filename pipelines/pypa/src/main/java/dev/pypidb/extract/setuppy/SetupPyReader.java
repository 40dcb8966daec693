package dev.pypidb.extract.setuppy;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.MethodReader;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code setup-py} method: an sdist's setup.py read as Python source and its module body
 * evaluated statically ({@link Interpreter}) once per {@link PythonKey}, never run, to find the
 * keywords of its {@code setup()} call.
 *
 * <p>The evaluation reproduces what mach-nix's crawler saw when it ran
 * {@code python setup.py install} with a setuptools whose {@code setup()} recorded its keywords
 * and exited: the key's CPython (branches on {@code sys.version_info}, {@code sys.version},
 * {@code six.PY2}, {@code platform.python_version()}... are taken for it), on Linux x86_64, in a
 * Nix build whose working directory is the sdist's (see {@link PythonTarget}, {@link StdModules},
 * {@link FileModules}). So for each key the answer is:
 *
 * <ul>
 *   <li>the keywords setup() receives ({@link FieldAnswer.Known}, or {@link
 *       FieldAnswer.Unresolved} naming what could not be known); keywords it does not receive are
 *       absent;
 *   <li>{@link MethodAnswer#failed} with the crawler's error text when that Python fails before
 *       setup(): a SyntaxError for syntax it does not have ({@code "SyntaxError: invalid syntax
 *       (setup.py, line 3)"}), a missing file opened unconditionally
 *       ({@code "FileNotFoundError: [Errno 2] No such file or directory: 'requirements.txt'"}),
 *       a {@code sys.exit("message")} or raise reached for that version;
 *   <li>every field unresolved, with the reason, when setup() cannot be found or reached
 *       statically, or a bound of {@link Limits} is hit.
 * </ul>
 */
public final class SetupPyReader implements MethodReader {
  private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
  private static final String FILENAME = "setup.py";

  private final SourceTree tree;
  private final String root;
  private final Limits limits;
  private final ParsedModule module;
  private final String unreadable;
  private final String failure;
  private final String python3DecodeError;
  private final Map<String, MethodAnswer> answers = new HashMap<>();

  /**
   * @param unreadable why setup.py cannot be read (every field is then unresolved), or null
   * @param failure the error every key fails with before running anything, or null
   * @param python3DecodeError the error Python 3 keys fail with decoding setup.py, or null
   */
  private SetupPyReader(SourceTree tree, String root, Limits limits, ParsedModule module, String unreadable,
      String failure, String python3DecodeError) {
    this.tree = tree;
    this.root = root;
    this.limits = limits;
    this.module = module;
    this.unreadable = unreadable;
    this.failure = failure;
    this.python3DecodeError = python3DecodeError;
  }

  /** The reader of the sdist's setup.py, or null when there is no setup.py at its root. */
  public static SetupPyReader of(SourceTree tree) {
    return of(tree, null);
  }

  /**
   * As {@link #of(SourceTree)}, with the archive's top-level directory name (e.g.
   * {@code requests-2.31.0}): setup.py's working directory is then {@code /build/<that name>},
   * as the crawler's was, which shows in error messages about absolute paths.
   */
  public static SetupPyReader of(SourceTree tree, String projectDirectory) {
    return of(tree, projectDirectory, Limits.DEFAULT);
  }

  static SetupPyReader of(SourceTree tree, String projectDirectory, Limits limits) {
    if (!tree.exists(FILENAME)) {
      return null;
    }
    String root = "/build/" + (projectDirectory == null || projectDirectory.isBlank() || projectDirectory.contains("/")
        ? "<sdist>" : projectDirectory);
    byte[] bytes = tree.bytes(FILENAME);
    if (bytes == null) {
      return new SetupPyReader(tree, root, limits, null, "setup.py cannot be read: " + tree.unavailable(FILENAME),
          null, null);
    }
    if (bytes.length > limits.maxSourceBytes()) {
      return new SetupPyReader(tree, root, limits, null, "setup.py is " + bytes.length + " bytes, over the "
          + limits.maxSourceBytes() + " byte limit", null, null);
    }
    String encoding = codingCookie(bytes);
    int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
        ? 3 : 0;
    byte[] body = java.util.Arrays.copyOfRange(bytes, bom, bytes.length);
    String decodeError = null;
    String text;
    if (encoding != null && TextCodec.canonical(encoding) == null) {
      return new SetupPyReader(tree, root, limits, null, null, "SyntaxError: unknown encoding: " + encoding, null);
    }
    TextCodec.Result strict = TextCodec.decode(body, encoding == null ? "utf-8" : encoding, null);
    if (strict.text() != null) {
      text = strict.text();
    } else {
      decodeError = strict.errorType() + ": " + strict.error();
      text = TextCodec.decode(body, encoding == null ? "utf-8" : encoding, "replace").text();
    }
    // The crawler's shim read setup.py and replaced \r\n by \n before compiling it.
    ParsedModule parsed = PythonParser.parse(text.replace("\r\n", "\n"), limits);
    return new SetupPyReader(tree, root, limits, parsed, null, null, decodeError);
  }

  /** PEP 263: a coding declaration in the first two lines. */
  private static String codingCookie(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n|\r|\n", 3);
    for (int k = 0; k < Math.min(2, lines.length); k++) {
      Matcher m = CODING.matcher(lines[k]);
      if (m.find()) {
        return m.group(1);
      }
      if (!lines[k].isBlank() && !lines[k].trim().startsWith("#")) {
        break;
      }
    }
    return null;
  }

  @Override
  public Method method() {
    return Method.SETUP_PY;
  }

  @Override
  public synchronized MethodAnswer answer(PythonKey key) {
    return answers.computeIfAbsent(key.key(), k -> compute(key));
  }

  private MethodAnswer compute(PythonKey key) {
    if (failure != null) {
      return MethodAnswer.failed(Method.SETUP_PY, failure);
    }
    if (unreadable != null) {
      return unresolvedAll(unreadable);
    }
    if (key.major() >= 3 && python3DecodeError != null) {
      return MethodAnswer.failed(Method.SETUP_PY, python3DecodeError);
    }
    String syntax = module.syntaxError(key, FILENAME);
    boolean onlyMatch = module.errors().stream().allMatch(e -> e.message().equals(PythonParser.MATCH_UNSUPPORTED));
    if (syntax != null && (module.errors().isEmpty() || onlyMatch)) {
      return MethodAnswer.failed(Method.SETUP_PY, "SyntaxError: " + syntax);
    }
    if (!module.errors().isEmpty()) {
      Stmt.Error e = module.errors().get(0);
      return unresolvedAll("setup.py line " + e.line() + " does not parse: " + e.message());
    }
    Interpreter.Outcome outcome = new Interpreter(new PythonTarget(key), tree, root, limits).run(module);
    if (outcome.setup() != null) {
      return MethodAnswer.of(Method.SETUP_PY, FieldValues.of(outcome.setup(), root));
    }
    if (outcome.error() != null) {
      return MethodAnswer.failed(Method.SETUP_PY, outcome.error());
    }
    return unresolvedAll(outcome.unresolved());
  }

  private static MethodAnswer unresolvedAll(String reason) {
    Map<SetupField, FieldAnswer> fields = new EnumMap<>(SetupField.class);
    for (SetupField f : SetupField.values()) {
      fields.put(f, FieldAnswer.unresolved(reason));
    }
    return MethodAnswer.of(Method.SETUP_PY, fields);
  }
}
