package dev.pypidb.extract;

import dev.pypidb.extract.FieldAnswer.Known;
import dev.pypidb.extract.FieldAnswer.Unresolved;
import dev.pypidb.extract.sources.EggInfoReader;
import dev.pypidb.extract.sources.PkgInfoReader;
import dev.pypidb.extract.sources.PyprojectReader;
import dev.pypidb.extract.sources.SetupCfgReader;
import dev.pypidb.pypa.metadata.CoreMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Combines the methods that read an sdist into one {@link KeyResult} per {@link PythonKey}.
 *
 * <p><b>Fields.</b> Each field comes from the most trusted method ({@link Method} order) that
 * knows it; a more trusted method's unresolved field falls through to the next. An install field
 * ({@link #INSTALL_FIELDS}: install_requires, extras_require, python_requires) some method sets
 * but none resolves makes the result {@code unresolved}, its reason naming each such field, the
 * most trusted method that saw it and why; an unresolved setup_requires or tests_require is only
 * named in the reason. The values are then finalized as
 * setuptools finalizes them before the crawler read them ({@link SetuptoolsFinalization}:
 * install_requires markers move to {@code extras_require[":marker"]}), and, as the crawler
 * dumped them, only non-empty values are kept ({@link KeyResult#fieldMethods} still names the
 * method of a field known to be empty).
 *
 * <p><b>Dynamic fields.</b> For a field the sdist's PKG-INFO declares Dynamic
 * ({@link PkgInfoReader#dynamicFields}), the egg-info comes last instead of second: PEP 643 says
 * the build computes that field, and the egg-info holds what it computed under the one Python
 * that made the sdist, which the sdist does not name. setup-py, evaluated for each key, answers
 * first when it resolves the field; the egg-info answers where nothing else does.
 *
 * <p><b>Failures.</b> Only a method that runs something per Python (setup-py) fails
 * ({@link MethodAnswer#error}). A failure for some keys but not others is a fact about that
 * Python (a version guard that raises, syntax it cannot parse): building the sdist there fails
 * as the crawler's run did, so the key is an {@code error} whatever the declarative sources say;
 * those were written once by the uploader's Python and hold nothing about it. A method that fails
 * for every key says nothing about any Python in particular: the other methods' answers stand
 * when they know install_requires; when none does, nothing stands in for what the failing
 * method would have declared and the result is its {@code error}.
 *
 * <p><b>Nothing to read.</b> With no method at all, every key is an {@code error}: "no metadata,
 * pyproject.toml, setup.cfg or setup.py in the sdist". A reader that throws is a defect of that
 * reader: its method answers nothing and the results are {@code unresolved}, naming it.
 */
public final class SdistExtractor {
  /** The declarative methods, most trusted first; setup-py is given by the caller. */
  public static final List<Function<SourceTree, MethodReader>> DECLARATIVE_READERS = List.of(
      PkgInfoReader::of, EggInfoReader::of, PyprojectReader::of, SetupCfgReader::of);

  static final String NOTHING = "no metadata, pyproject.toml, setup.cfg or setup.py in the sdist";

  /**
   * The fields an install of the sdist needs, and the crawler comparison counts: the status is
   * {@code unresolved} only when one of these is. A setup_requires or tests_require that no method
   * resolves is left out of the values and named in the reason of an otherwise {@code ok} result.
   */
  static final Set<SetupField> INSTALL_FIELDS = java.util.EnumSet.of(
      SetupField.INSTALL_REQUIRES, SetupField.EXTRAS_REQUIRE, SetupField.PYTHON_REQUIRES);

  private SdistExtractor() {}

  /** The declarative methods only. */
  public static SdistExtraction extract(SourceTree tree) {
    return extract(tree, List.of());
  }

  /**
   * The declarative methods and {@code extraReaders} (e.g. {@code SetupPyReader::of}); each
   * factory returns null when the sdist has nothing for its method.
   */
  public static SdistExtraction extract(SourceTree tree, List<Function<SourceTree, MethodReader>> extraReaders) {
    List<Function<SourceTree, MethodReader>> factories = new ArrayList<>(DECLARATIVE_READERS);
    factories.addAll(extraReaders);
    List<MethodReader> readers = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Function<SourceTree, MethodReader> f : factories) {
      try {
        MethodReader r = f.apply(tree);
        if (r != null) {
          readers.add(r);
        }
      } catch (RuntimeException e) {
        broken.add("a reader failed on the sdist: " + describe(e));
      }
    }
    return combine(tree, readers, broken);
  }

  private static String describe(RuntimeException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Combines readers already built (any order; they are ranked by {@link Method}). */
  public static SdistExtraction combine(SourceTree tree, List<MethodReader> readers) {
    return combine(tree, readers, List.of());
  }

  private static SdistExtraction combine(SourceTree tree, List<MethodReader> given, List<String> brokenReaders) {
    List<MethodReader> readers = new ArrayList<>(given);
    readers.sort(Comparator.comparing(MethodReader::method));
    Map<MethodReader, Map<PythonKey, MethodAnswer>> answers = new LinkedHashMap<>();
    Map<MethodReader, String> broken = new LinkedHashMap<>();
    for (MethodReader r : readers) {
      Map<PythonKey, MethodAnswer> byKey = new LinkedHashMap<>();
      for (PythonKey key : PythonKey.ALL) {
        try {
          byKey.put(key, Objects.requireNonNull(r.answer(key), "null answer"));
        } catch (RuntimeException e) {
          broken.put(r, r.method() + " reader failed: " + describe(e));
          break;
        }
      }
      if (!broken.containsKey(r)) {
        answers.put(r, byKey);
      }
    }
    List<String> defects = new ArrayList<>(brokenReaders);
    defects.addAll(broken.values());
    List<Method> methods = new ArrayList<>();
    readers.forEach(r -> {
      if (!methods.contains(r.method())) {
        methods.add(r.method());
      }
    });
    Set<SetupField> dynamic = PkgInfoReader.dynamicFields(tree);
    List<KeyResult> results = new ArrayList<>();
    // Keys whose methods answer alike share one shaping (it parses every requirement).
    Map<Map<SetupField, Object>, Map<SetupField, Object>> shapes = new java.util.HashMap<>();
    for (PythonKey key : PythonKey.ALL) {
      results.add(readers.isEmpty() && defects.isEmpty()
          ? new KeyResult(key, KeyResult.Status.ERROR, null, NOTHING, Map.of(), Map.of())
          : combineKey(key, answers, defects, dynamic, shapes));
    }
    String[] meta = pkgInfo(tree);
    return new SdistExtraction(meta[0], meta[1], meta[2], methods, results);
  }

  private static KeyResult combineKey(PythonKey key, Map<MethodReader, Map<PythonKey, MethodAnswer>> answers,
      List<String> defects, Set<SetupField> dynamic, Map<Map<SetupField, Object>, Map<SetupField, Object>> shapes) {
    List<MethodAnswer> working = new ArrayList<>();
    List<MethodAnswer> failing = new ArrayList<>();
    for (Map.Entry<MethodReader, Map<PythonKey, MethodAnswer>> e : answers.entrySet()) {
      MethodAnswer a = e.getValue().get(key);
      if (a.error() == null) {
        working.add(a);
        continue;
      }
      boolean keySpecific = e.getValue().values().stream().anyMatch(o -> o.error() == null);
      if (keySpecific) {
        return new KeyResult(key, KeyResult.Status.ERROR, a.method(), a.error(), Map.of(), Map.of());
      }
      failing.add(a);
    }
    boolean othersAnswer = working.stream().anyMatch(a -> !a.fields().isEmpty());
    if (!failing.isEmpty() && !othersAnswer) {
      MethodAnswer a = failing.get(0);
      return new KeyResult(key, KeyResult.Status.ERROR, a.method(), a.error(), Map.of(), Map.of());
    }
    Map<SetupField, Object> values = new EnumMap<>(SetupField.class);
    Map<SetupField, Method> fieldMethods = new EnumMap<>(SetupField.class);
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Method firstUnresolved = null;
    for (SetupField f : SetupField.values()) {
      Unresolved unresolved = null;
      Method unresolvedBy = null;
      for (MethodAnswer a : dynamic.contains(f) ? eggInfoLast(working) : working) {
        FieldAnswer fa = a.field(f);
        if (fa instanceof Known k) {
          values.put(f, k.value());
          fieldMethods.put(f, a.method());
          break;
        }
        if (fa instanceof Unresolved u && unresolved == null) {
          unresolved = u;
          unresolvedBy = a.method();
        }
      }
      if (!fieldMethods.containsKey(f) && unresolved != null) {
        String why = f + " unresolved by " + unresolvedBy + ": " + unresolved.reason();
        if (!INSTALL_FIELDS.contains(f)) {
          notes.add(why);
          continue;
        }
        reasons.add(why);
        if (firstUnresolved == null || unresolvedBy.compareTo(firstUnresolved) < 0) {
          firstUnresolved = unresolvedBy;
        }
      }
    }
    reasons.addAll(defects);
    if (!failing.isEmpty() && !fieldMethods.containsKey(SetupField.INSTALL_REQUIRES)) {
      // The failing method's install_requires is what nobody else knows: no answer stands.
      MethodAnswer a = failing.get(0);
      return new KeyResult(key, KeyResult.Status.ERROR, a.method(), a.error(), Map.of(), Map.of());
    }
    Method method = fieldMethods.get(SetupField.INSTALL_REQUIRES);
    if (method == null) {
      method = fieldMethods.values().stream().min(Comparator.naturalOrder()).orElse(firstUnresolved);
    }
    KeyResult.Status status = reasons.isEmpty() ? KeyResult.Status.OK : KeyResult.Status.UNRESOLVED;
    Map<SetupField, Object> shaped = shapes.computeIfAbsent(values, SdistExtractor::crawlerShape);
    if (shaped.containsKey(SetupField.EXTRAS_REQUIRE) && !fieldMethods.containsKey(SetupField.EXTRAS_REQUIRE)) {
      // The marked requirements of install_requires, moved by the finalization.
      fieldMethods.put(SetupField.EXTRAS_REQUIRE, fieldMethods.get(SetupField.INSTALL_REQUIRES));
    }
    List<String> said = new ArrayList<>(reasons);
    said.addAll(notes);
    return new KeyResult(key, status, method, said.isEmpty() ? null : String.join("; ", said), shaped, fieldMethods);
  }

  /** {@code answers} (in method order) with the egg-info's moved to the end. */
  private static List<MethodAnswer> eggInfoLast(List<MethodAnswer> answers) {
    List<MethodAnswer> out = new ArrayList<>();
    answers.stream().filter(a -> a.method() != Method.EGG_INFO).forEach(out::add);
    answers.stream().filter(a -> a.method() == Method.EGG_INFO).forEach(out::add);
    return out;
  }

  /** Finalized as setuptools does, and without empty values, as the crawler dumped them. */
  @SuppressWarnings("unchecked")
  private static Map<SetupField, Object> crawlerShape(Map<SetupField, Object> values) {
    Map<SetupField, Object> out = new EnumMap<>(SetupField.class);
    out.putAll(values);
    if (values.containsKey(SetupField.INSTALL_REQUIRES) || values.containsKey(SetupField.EXTRAS_REQUIRE)) {
      SetuptoolsFinalization.Finalized f = SetuptoolsFinalization.finalize(
          (List<String>) values.get(SetupField.INSTALL_REQUIRES),
          (Map<String, List<String>>) values.get(SetupField.EXTRAS_REQUIRE));
      out.put(SetupField.INSTALL_REQUIRES, f.installRequires());
      out.put(SetupField.EXTRAS_REQUIRE, f.extrasRequire());
    }
    out.values().removeIf(v -> v instanceof String s ? s.isBlank()
        : v instanceof List<?> l ? l.isEmpty() : ((Map<?, ?>) v).isEmpty());
    return out;
  }

  /** Name, Version and Requires-Python of the top-level PKG-INFO, each or all null. */
  private static String[] pkgInfo(SourceTree tree) {
    CoreMetadata m = PkgInfoReader.topLevel(tree);
    if (m == null) {
      return new String[3];
    }
    String rp = m.first("Requires-Python");
    return new String[] {m.first("Name"), m.first("Version"), rp == null || rp.isBlank() ? null : rp.strip()};
  }
}
