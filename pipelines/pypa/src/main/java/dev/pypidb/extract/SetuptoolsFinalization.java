package dev.pypidb.extract;

import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.text.PyText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What setuptools' {@code Distribution._finalize_requires} makes of install_requires and
 * extras_require before anything reads them (the crawler dumped the attributes after it):
 * requirement strings parsed ({@code _reqs.parse}: blank and {@code #} lines dropped, a
 * {@code " #"} comment cut, backslash continuations joined) and printed normalized (as the
 * packaging setuptools vendored printed them); a requirement
 * of install_requires with a marker moved to {@code extras_require[":<marker>"]}; one of an
 * extra {@code x} with a marker moved to {@code extras_require["x:<marker>"]}, without its marker;
 * extras kept even when empty, each list without duplicates.
 *
 * <p>A string that is not a PEP 508 requirement stays as written where it was (setuptools would
 * fail on it; the requirement tables report it).
 */
final class SetuptoolsFinalization {
  private SetuptoolsFinalization() {}

  /** install_requires and extras_require as setuptools finalizes them. */
  record Finalized(List<String> installRequires, Map<String, List<String>> extrasRequire) {}

  static Finalized finalize(List<String> installRequires, Map<String, List<String>> extrasRequire) {
    Map<String, LinkedHashSet<String>> extras = new LinkedHashMap<>();
    if (extrasRequire != null) {
      for (Map.Entry<String, List<String>> e : extrasRequire.entrySet()) {
        extras.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
        for (String line : parseStrings(e.getValue())) {
          Requirement r = parse(line);
          if (r == null || r.marker() == null) {
            extras.get(e.getKey()).add(r == null ? line : text(r, true));
          } else {
            extras.computeIfAbsent(e.getKey() + ":" + r.marker(), k -> new LinkedHashSet<>())
                .add(withoutMarker(r));
          }
        }
      }
    }
    List<String> install = new ArrayList<>();
    if (installRequires != null) {
      for (String line : parseStrings(installRequires)) {
        Requirement r = parse(line);
        if (r == null || r.marker() == null) {
          install.add(r == null ? line : text(r, true));
        } else {
          extras.computeIfAbsent(":" + r.marker(), k -> new LinkedHashSet<>()).add(withoutMarker(r));
        }
      }
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    extras.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
    return new Finalized(install, out);
  }

  private static Requirement parse(String line) {
    try {
      return Requirement.parse(line);
    } catch (InvalidRequirementException e) {
      return null;
    }
  }

  private static String withoutMarker(Requirement r) {
    return text(r, false);
  }

  /**
   * {@code str(requirement)} as the packaging setuptools vendored (up to 23) printed it: a direct
   * reference as {@code name@ url}, without the space packaging 24 puts before the {@code @}.
   */
  private static String text(Requirement r, boolean withMarker) {
    StringBuilder out = new StringBuilder(r.name());
    if (!r.extras().isEmpty()) {
      out.append('[').append(String.join(",", r.extras())).append(']');
    }
    if (!r.specifier().isEmpty()) {
      out.append(r.specifier());
    }
    if (r.url() != null) {
      out.append("@ ").append(r.url());
      if (withMarker && r.marker() != null) {
        out.append(' ');
      }
    }
    if (withMarker && r.marker() != null) {
      out.append("; ").append(r.marker());
    }
    return out.toString();
  }

  /** setuptools' {@code _reqs.parse_strings}: yield_lines, drop_comment, join_continuation. */
  static List<String> parseStrings(List<String> strings) {
    List<String> lines = new ArrayList<>();
    for (String s : strings) {
      for (String raw : s.split("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]", -1)) {
        String line = PyText.strip(raw);
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int comment = line.indexOf(" #");
        lines.add(comment >= 0 ? line.substring(0, comment) : line);
      }
    }
    List<String> out = new ArrayList<>();
    Iterator<String> it = lines.iterator();
    while (it.hasNext()) {
      String item = it.next();
      boolean dropped = false;
      while (item.endsWith("\\")) {
        if (!it.hasNext()) {
          dropped = true;
          break;
        }
        String head = item.length() >= 2 ? item.substring(0, item.length() - 2) : "";
        item = PyText.strip(head) + it.next();
      }
      if (dropped) {
        break;
      }
      out.add(item);
    }
    return out;
  }
}
