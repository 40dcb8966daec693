package dev.pypidb.pypa.resolver;

import java.util.List;

/**
 * One project of a solution.
 *
 * @param name canonical project name
 * @param version the version as published
 * @param filename the chosen file
 * @param provider "wheel" or "sdist"
 * @param extras the extras selected for it (canonical, sorted)
 */
public record Pin(String name, String version, String filename, String provider,
    List<String> extras) {

  public Pin {
    extras = List.copyOf(extras);
  }

  @Override
  public String toString() {
    return name + (extras.isEmpty() ? "" : "[" + String.join(",", extras) + "]") + "==" + version;
  }
}
