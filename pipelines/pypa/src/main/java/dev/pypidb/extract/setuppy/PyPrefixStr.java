package dev.pypidb.extract.setuppy;

/**
 * A str of which only a prefix is known: {@code sys.version} is
 * {@code "3.10.13 (main, <build date>) [GCC <version>]"}; only its leading version is knowable.
 * Slices and comparisons inside the known prefix are known; anything else is {@link Unknown}.
 */
record PyPrefixStr(String known, String reason) {}
