package dev.pypidb.extract.setuppy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keywords {@code setup()} was called with, evaluated, and the reason when part of them
 * could not be known (a {@code **kwargs} that is unknown: any keyword may be in it).
 */
record SetupCall(Map<String, Object> keywords, Unknown unknownKeywords, int line) {
  SetupCall {
    keywords = new LinkedHashMap<>(keywords);
  }
}
