package dev.pypidb.pipelines.options;

/** Options of {@code pypidb export-db}: {@code --tables} (a normalize output) and {@code --output}. */
public interface ExportOptions extends AbiStatsOptions {}
