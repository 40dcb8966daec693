/**
 * A PubGrub dependency resolver for Python packages, for one target at a time.
 *
 * <p>Input: a {@link dev.pypidb.pypa.resolver.PackageIndex} of
 * {@link dev.pypidb.pypa.resolver.ProjectData} (releases, their files and each file's
 * requirements; {@link dev.pypidb.pypa.resolver.IndexJson} reads and writes it as JSON), PEP 508
 * root requirements, a {@link dev.pypidb.pypa.tags.Target}, a
 * {@link dev.pypidb.pypa.resolver.Policy} and a {@link dev.pypidb.pypa.resolver.Budget}. Output:
 * a {@link dev.pypidb.pypa.resolver.Resolution}: pins with the chosen file, or a
 * {@link dev.pypidb.pypa.resolver.FailureCategory} and an explanation in words.
 *
 * <p>Inside: every project (and every extra of it, a package of its own) has a universe, its
 * valid versions sorted; sets of versions are bitsets over it
 * ({@code VersionSet}), so terms ({@code Term}) complement and intersect exactly. The solver
 * ({@code Solver}) is PubGrub as in Dart pub's solver.md: unit propagation over
 * incompatibilities ({@code Incompatibility}), conflict resolution that learns new ones and
 * backjumps, lazy decisions (fewest candidates first, highest version). Dependencies of
 * neighbouring versions that are identical are merged into one incompatibility over the range.
 * Versions without a usable file are excluded by incompatibilities of their own that say why
 * (Requires-Python, no wheel for the target, no files). A failure's derivation graph is told in
 * sentences by {@code Explainer} with pub's error-reporting algorithm; version sets print as
 * specifiers ({@code RangeFormat}).
 */
package dev.pypidb.pypa.resolver;
