/**
 * poetry-core 1.x's conversion of {@code [tool.poetry]} dependencies into the requirements it
 * writes: its version constraints ({@link dev.pypidb.extract.sources.poetry.ConstraintParser}:
 * caret, tilde, wildcards, comparison lists, {@code ||} unions) with the range algebra and
 * printing of {@code poetry.core.constraints.version}, its markers for {@code python},
 * {@code platform} and {@code markers} ({@link dev.pypidb.extract.sources.poetry.PoetryMarker}),
 * and the {@code setup()} keywords of the setup.py it generates
 * ({@link dev.pypidb.extract.sources.poetry.PoetryProject}). Checked against poetry-core 1.4.0.
 */
package dev.pypidb.extract.sources.poetry;
