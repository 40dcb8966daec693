package dev.pypidb.extract.setuppy;

/**
 * A value static evaluation cannot know, with the reason: the name, call or file it comes from.
 * Operations on it give it back (the first reason is kept), so an unknown that no setup()
 * keyword needs costs nothing.
 */
record Unknown(String reason) {}
