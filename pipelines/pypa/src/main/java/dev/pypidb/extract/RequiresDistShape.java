package dev.pypidb.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code setup()} keywords as core metadata's Requires-Dist: what an egg's {@code requires.txt}
 * says, in the form wheels state it ({@code sources.PkgInfoReader} goes the other way).
 */
public final class RequiresDistShape {
  private RequiresDistShape() {}

  /**
   * {@code install_requires} and {@code extras_require} as Requires-Dist strings,
   * an {@code extra:marker} key's conditions and-ed into each requirement's marker
   * ({@code req; (own marker) and (key marker) and extra == "x"}).
   */
  @SuppressWarnings("unchecked")
  public static List<String> toRequiresDist(Map<SetupField, Object> fields) {
    List<String> out = new ArrayList<>();
    Object install = fields.get(SetupField.INSTALL_REQUIRES);
    if (install != null) {
      out.addAll((List<String>) install);
    }
    Object extras = fields.get(SetupField.EXTRAS_REQUIRE);
    if (extras != null) {
      for (Map.Entry<String, List<String>> e : ((Map<String, List<String>>) extras).entrySet()) {
        String key = e.getKey();
        int colon = key.indexOf(':');
        String extra = (colon < 0 ? key : key.substring(0, colon)).strip();
        String when = colon < 0 ? "" : key.substring(colon + 1).strip();
        for (String raw : e.getValue()) {
          out.add(withConditions(raw, when, extra));
        }
      }
    }
    return out;
  }

  private static String withConditions(String raw, String when, String extra) {
    List<String> parts = new ArrayList<>();
    String base = raw;
    int semicolon = raw.indexOf(';');
    if (semicolon >= 0 && !raw.substring(0, semicolon).contains(" @ ")) {
      base = raw.substring(0, semicolon).strip();
      parts.add("(" + raw.substring(semicolon + 1).strip() + ")");
    }
    if (!when.isEmpty()) {
      parts.add("(" + when + ")");
    }
    if (!extra.isEmpty()) {
      parts.add("extra == \"" + extra + "\"");
    }
    return parts.isEmpty() ? base : base + "; " + String.join(" and ", parts);
  }
}
