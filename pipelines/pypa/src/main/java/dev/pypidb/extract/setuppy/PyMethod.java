package dev.pypidb.extract.setuppy;

/** A method bound to an instance or class of the evaluated code. */
record PyMethod(Object self, Object function) {}
