/**
 * The {@code setup-py} extraction method: {@link dev.pypidb.extract.setuppy.SetupPyReader} reads
 * an sdist's setup.py as Python source and evaluates it statically, per Python key, to find the
 * keywords of its {@code setup()} call, never executing it.
 *
 * <p>Parsing: {@link dev.pypidb.extract.setuppy.PythonTokenizer} and
 * {@link dev.pypidb.extract.setuppy.PythonParser} accept the union of the Python 2.7 and Python 3
 * grammars into {@link dev.pypidb.extract.setuppy.Stmt} and {@link dev.pypidb.extract.setuppy.Expr}
 * nodes, recording syntax only some Pythons accept
 * ({@link dev.pypidb.extract.setuppy.SyntaxFeature}); a key whose Python rejects it fails with
 * that Python's SyntaxError, as the crawler recorded.
 *
 * <p>Evaluation: {@link dev.pypidb.extract.setuppy.Interpreter} runs the module body over
 * evaluator values (str, int, list, dict... and {@link dev.pypidb.extract.setuppy.Unknown}, which
 * carries why a value is not knowable) for one {@link dev.pypidb.extract.setuppy.PythonTarget}:
 * the crawler's interpreter of that version, on Linux x86_64, in a clean Nix build of the sdist,
 * with setuptools installed and nothing else. Files are read from the sdist only
 * ({@link dev.pypidb.extract.setuppy.SourceFiles}); processes are never run; a branch on an
 * unknown value runs neither side and makes what either side could change unknown
 * ({@link dev.pypidb.extract.setuppy.Havoc}). Every loop, string, collection, integer, call
 * depth, regular expression and the total work is bounded ({@link dev.pypidb.extract.setuppy.Limits}).
 */
package dev.pypidb.extract.setuppy;
