package dev.pypidb.extract.sources;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.Method;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import dev.pypidb.pypa.metadata.CoreMetadata;
import dev.pypidb.pypa.metadata.InvalidMetadataException;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link Method#PKG_INFO}: the sdist's top-level PKG-INFO, trusted where PEP 643 makes it
 * trustworthy: Metadata-Version 2.2 or later, for each field not listed as Dynamic.
 * Requires-Dist gives install_requires and extras_require (see {@link ExtraMarkers}; every
 * Provides-Extra appears, with no requirement if none names it), Requires-Python gives
 * python_requires. setup_requires and tests_require are not core metadata.
 *
 * <p>A Dynamic Provides-Extra makes extras_require unresolved even when Requires-Dist is not
 * Dynamic: the extras can change when the sdist is built, and with them the Requires-Dist lines
 * that name them. setuptools writes exactly that when setup.py gives extras_require and
 * pyproject.toml the dependencies, whatever setup.py computes the extras from.
 */
public final class PkgInfoReader extends KeyIndependentReader {
  static final String PATH = "PKG-INFO";
  private static final String DYNAMIC_EXTRAS =
      "PKG-INFO declares Provides-Extra Dynamic: the build computes the extras and their requirements";
  private static final Pattern CLAIMS_STATIC =
      Pattern.compile("(?mi)^Metadata-Version:[ \\t]*(2\\.([2-9]|[1-9][0-9])|[3-9]\\.[0-9]+)[ \\t]*$");

  private PkgInfoReader(Map<SetupField, FieldAnswer> fields) {
    super(Method.PKG_INFO, fields);
  }

  /**
   * The reader of {@code tree}'s PKG-INFO; null when there is none, when it is older than
   * Metadata 2.2 or declares both fields Dynamic. A PKG-INFO that cannot be read or parsed but
   * claims 2.2 or later answers its fields unresolved, with the reason.
   */
  public static PkgInfoReader of(SourceTree tree) {
    if (!tree.exists(PATH)) {
      return null;
    }
    String text = tree.text(PATH);
    if (text == null) {
      return new PkgInfoReader(unresolved("PKG-INFO cannot be read: " + tree.unavailable(PATH),
          SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES));
    }
    CoreMetadata meta;
    try {
      meta = CoreMetadata.parse(text);
    } catch (InvalidMetadataException e) {
      if (!CLAIMS_STATIC.matcher(text).find()) {
        return null;
      }
      return new PkgInfoReader(unresolved("PKG-INFO does not parse: " + e.getMessage(),
          SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES));
    }
    if (!meta.metadataVersionAtLeast(2, 2)) {
      return null;
    }
    Map<SetupField, FieldAnswer> fields = new EnumMap<>(SetupField.class);
    if (meta.isStatic("Requires-Dist")) {
      fields.putAll(requirements(meta.all("Requires-Dist"), meta.all("Provides-Extra"), "Requires-Dist",
          meta.isDynamic("Provides-Extra")));
    }
    if (meta.isStatic("Requires-Python") && meta.first("Requires-Python") != null) {
      fields.put(SetupField.PYTHON_REQUIRES, FieldAnswer.known(meta.first("Requires-Python").strip()));
    }
    return fields.isEmpty() ? null : new PkgInfoReader(fields);
  }

  /**
   * The sdist's top-level PKG-INFO parsed, whatever its Metadata-Version; null when there is
   * none or it does not parse.
   */
  public static CoreMetadata topLevel(SourceTree tree) {
    String text = tree.text(PATH);
    if (text == null) {
      return null;
    }
    try {
      return CoreMetadata.parse(text);
    } catch (InvalidMetadataException e) {
      return null;
    }
  }

  /**
   * The setup() keywords the sdist's PKG-INFO declares Dynamic (PEP 643; Metadata-Version 2.2
   * or later): Requires-Dist makes install_requires and extras_require dynamic, Provides-Extra
   * extras_require, Requires-Python python_requires. Empty when there is no such PKG-INFO.
   */
  public static Set<SetupField> dynamicFields(SourceTree tree) {
    Set<SetupField> out = EnumSet.noneOf(SetupField.class);
    CoreMetadata meta = topLevel(tree);
    if (meta == null || !meta.metadataVersionAtLeast(2, 2)) {
      return out;
    }
    if (meta.isDynamic("Requires-Dist")) {
      out.add(SetupField.INSTALL_REQUIRES);
      out.add(SetupField.EXTRAS_REQUIRE);
    }
    if (meta.isDynamic("Provides-Extra")) {
      out.add(SetupField.EXTRAS_REQUIRE);
    }
    if (meta.isDynamic("Requires-Python")) {
      out.add(SetupField.PYTHON_REQUIRES);
    }
    return out;
  }

  /**
   * The reader of core metadata an index serves for an sdist (BigQuery's upload metadata, a PEP
   * 658 file) that the caller found trustworthy under PEP 643: the same answers a PKG-INFO with
   * these fields gives. {@code requiresPython} may be null (unknown or Dynamic);
   * {@code providesExtraDynamic} when the metadata declares Provides-Extra Dynamic.
   */
  public static PkgInfoReader ofFields(List<String> requiresDist, List<String> providesExtra, String requiresPython,
      boolean providesExtraDynamic) {
    Map<SetupField, FieldAnswer> fields = new EnumMap<>(SetupField.class);
    fields.putAll(requirements(requiresDist, providesExtra == null ? List.of() : providesExtra, "Requires-Dist",
        providesExtraDynamic));
    if (requiresPython != null && !requiresPython.isBlank()) {
      fields.put(SetupField.PYTHON_REQUIRES, FieldAnswer.known(requiresPython.strip()));
    }
    return new PkgInfoReader(fields);
  }

  /**
   * install_requires and extras_require from core metadata requirements, both known, or both
   * unresolved naming the first requirement that has no setup() form; extras_require unresolved
   * when {@code extrasDynamic}.
   */
  static Map<SetupField, FieldAnswer> requirements(List<String> requiresDist, List<String> providesExtra,
      String fieldName, boolean extrasDynamic) {
    List<String> install = new ArrayList<>();
    Map<String, List<String>> extras = new LinkedHashMap<>();
    Map<String, String> spelling = new LinkedHashMap<>();
    for (String e : providesExtra) {
      String name = e.strip();
      spelling.putIfAbsent(ProjectNames.canonicalize(name), name);
    }
    for (String text : requiresDist) {
      ExtraMarkers.Placement p;
      try {
        p = ExtraMarkers.place(Requirement.parse(text.strip()));
      } catch (InvalidRequirementException e) {
        return unresolvedRequirements(fieldName + " '" + text.strip() + "' is not a PEP 508 requirement: "
            + e.getMessage());
      }
      if (p == null) {
        return unresolvedRequirements(fieldName + " '" + text.strip()
            + "' combines extras in a marker that setup()'s extras_require cannot express");
      }
      if (p.extras().isEmpty()) {
        install.add(p.requirement());
        continue;
      }
      for (String extra : p.extras()) {
        String name = spelling.getOrDefault(ProjectNames.canonicalize(extra), extra);
        String key = p.restMarker() == null ? name : name + ":" + p.restMarker();
        extras.computeIfAbsent(key, k -> new ArrayList<>()).add(p.requirement());
      }
    }
    for (String name : spelling.values()) {
      extras.putIfAbsent(name, new ArrayList<>());
    }
    Map<SetupField, FieldAnswer> out = new EnumMap<>(SetupField.class);
    out.put(SetupField.INSTALL_REQUIRES, FieldAnswer.known(install));
    out.put(SetupField.EXTRAS_REQUIRE, extrasDynamic ? FieldAnswer.unresolved(DYNAMIC_EXTRAS) : FieldAnswer.known(extras));
    return out;
  }

  private static Map<SetupField, FieldAnswer> unresolvedRequirements(String reason) {
    return unresolved(reason, SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE);
  }
}
