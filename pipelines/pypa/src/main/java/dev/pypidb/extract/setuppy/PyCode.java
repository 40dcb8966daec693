package dev.pypidb.extract.setuppy;

/** What {@code compile(source, filename, 'exec')} returns: the parsed source. */
record PyCode(ParsedModule module, String filename) {}
