/**
 * Static extraction of an sdist's dependency metadata: what its {@code setup()} call would
 * declare, found without executing, importing or building any of its code, and without
 * spawning a process.
 *
 * <p>An sdist is seen as a {@link dev.pypidb.extract.SourceTree} (its members, read by
 * {@code dev.pypidb.extract.archive}). Each {@link dev.pypidb.extract.Method}, in order of
 * trust ({@code pkg-info}, {@code egg-info}, {@code pyproject}, {@code setup-cfg},
 * {@code setup-py}), answers some {@link dev.pypidb.extract.SetupField}s for a
 * {@link dev.pypidb.extract.PythonKey}: a {@link dev.pypidb.extract.FieldAnswer} that is
 * known, or unresolved with the reason. {@link dev.pypidb.extract.SdistExtractor} takes each
 * field from the most trusted method that knows it and gives one
 * {@link dev.pypidb.extract.KeyResult} per Python key, its values in the shape mach-nix's crawler
 * recorded (after setuptools' finalization of install_requires and extras_require). The
 * declarative methods are in {@code dev.pypidb.extract.sources}.
 */
package dev.pypidb.extract;
