package dev.pypidb.extract.setuppy;

/** {@code staticmethod}, {@code classmethod} or {@code property} around a function. */
record Descriptor(String kind, Object function) {}
