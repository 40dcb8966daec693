package dev.pypidb.pipelines.options;

/** Options of {@code pypidb all}: those of every stage. */
public interface AllOptions extends NormalizeOptions, ResolveOptions, ExportOptions {}
