package dev.pypidb.extract.setuppy;

/** A method of a built-in value, such as {@code "a,b".split}, bound to its receiver. */
record PyBound(Object self, String name) {}
