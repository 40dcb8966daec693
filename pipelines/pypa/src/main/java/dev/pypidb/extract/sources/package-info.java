/**
 * The declarative methods of static sdist extraction, each a
 * {@link dev.pypidb.extract.MethodReader} built by a static {@code of(SourceTree)} that returns
 * null when the sdist has nothing for it: {@link dev.pypidb.extract.sources.PkgInfoReader}
 * (PKG-INFO, Metadata 2.2+, PEP 643), {@link dev.pypidb.extract.sources.EggInfoReader}
 * ({@code *.egg-info}), {@link dev.pypidb.extract.sources.PyprojectReader} (PEP 621,
 * {@code [tool.poetry]}, {@code [tool.flit.metadata]}, setuptools' dynamic file references) and
 * {@link dev.pypidb.extract.sources.SetupCfgReader}. Each reads files written once, with markers
 * rather than Python-version branches, so it answers every Python key alike. Each reads its
 * sources as the tool that consumes them does (setuptools' configparser, TOML, poetry-core's
 * constraint algebra) and never raises on what it reads: what it cannot read is
 * {@link dev.pypidb.extract.FieldAnswer.Unresolved unresolved} with the reason.
 */
package dev.pypidb.extract.sources;
