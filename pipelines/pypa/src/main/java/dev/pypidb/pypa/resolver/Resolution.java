package dev.pypidb.pypa.resolver;

import java.util.List;

/**
 * The outcome of one resolution.
 *
 * @param status resolved or failed
 * @param failure why it failed (null when resolved)
 * @param explanation for a failure, the reasons in words (PubGrub's derivation, one sentence a
 *     line); empty when resolved
 * @param pins the solution, sorted by name (empty when failed)
 * @param cycles dependency cycles among the pins: each lists projects in order, every one
 *     depending on the next and the last on the first
 * @param steps decisions plus derivations made
 * @param micros wall time in microseconds
 * @param consulted every project name looked up in the index, sorted (known or not)
 * @param warnings things ignored on the way (invalid requirements, markers that could not be
 *     evaluated, invalid Requires-Python of chosen releases), in the order met
 */
public record Resolution(Status status, FailureCategory failure, String explanation,
    List<Pin> pins, List<List<String>> cycles, long steps, long micros, List<String> consulted,
    List<String> warnings) {

  /** Whether a solution was found. */
  public enum Status {
    RESOLVED,
    FAILED
  }

  public Resolution {
    pins = List.copyOf(pins);
    cycles = cycles.stream().map(List::copyOf).toList();
    consulted = List.copyOf(consulted);
    warnings = List.copyOf(warnings);
    explanation = explanation == null ? "" : explanation;
  }

  public boolean resolved() {
    return status == Status.RESOLVED;
  }

  /** The pin of project {@code name} (canonical), or null. */
  public Pin pin(String name) {
    for (Pin p : pins) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }
}
