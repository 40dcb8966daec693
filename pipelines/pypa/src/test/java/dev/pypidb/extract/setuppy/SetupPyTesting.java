package dev.pypidb.extract.setuppy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SetupField;
import dev.pypidb.extract.SourceTree;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Helpers for setup.py evaluation tests: an sdist made of text files, answers per key. */
final class SetupPyTesting {
  private SetupPyTesting() {}

  static PythonKey key(String k) {
    return PythonKey.forKey(k);
  }

  /** The answer for {@code key} of an sdist whose setup.py is {@code setupPy}, with other files. */
  static MethodAnswer answer(String key, String setupPy, String... otherFiles) {
    return reader(setupPy, otherFiles).answer(key(key));
  }

  /**
   * The reader of an sdist whose setup.py is {@code setupPy}, beside {@code otherFiles} (path,
   * text, path, text...). Every test source also checks key sharing: the reader's answers for
   * every key are those of evaluating setup.py anew for each key ({@link #assertSharedAsPerKey}).
   */
  static SetupPyReader reader(String setupPy, String... otherFiles) {
    String[] all = Arrays.copyOf(new String[] {"setup.py", setupPy}, 2 + otherFiles.length);
    System.arraycopy(otherFiles, 0, all, 2, otherFiles.length);
    SourceTree tree = MemorySourceTree.ofText(all);
    assertSharedAsPerKey(tree, "demo-1.0");
    SetupPyReader r = SetupPyReader.of(tree, "demo-1.0");
    assertNotNull(r);
    return r;
  }

  /**
   * Asserts that the answers of {@link SetupPyReader#of(SourceTree, String)}, which evaluates
   * setup.py once for all the keys that answer its questions alike, are for every key those of
   * {@link SetupPyReader#perKey}, which evaluates it for each key; returns how many evaluations
   * the shared reader made (distinct answers).
   */
  static int assertSharedAsPerKey(SourceTree tree, String projectDirectory) {
    SetupPyReader shared = SetupPyReader.of(tree, projectDirectory);
    SetupPyReader perKey = SetupPyReader.perKey(tree, projectDirectory);
    if (shared == null) {
      assertNull(perKey);
      return 0;
    }
    Set<MethodAnswer> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    for (PythonKey k : PythonKey.ALL) {
      MethodAnswer a = shared.answer(k);
      MethodAnswer b = perKey.answer(k);
      assertEquals(b, a, () -> "key " + k + " of " + projectDirectory);
      assertEquals(b.toString(), a.toString(), () -> "key " + k + " of " + projectDirectory);
      distinct.add(a);
    }
    return distinct.size();
  }

  static List<String> installRequires(MethodAnswer a) {
    return known(a, SetupField.INSTALL_REQUIRES).strings();
  }

  static FieldAnswer.Known known(MethodAnswer a, SetupField f) {
    assertNull(a.error(), () -> "failed: " + a.error());
    FieldAnswer fa = a.field(f);
    assertNotNull(fa, () -> f + " absent in " + a.fields());
    return assertInstanceOf(FieldAnswer.Known.class, fa, () -> f + " is " + fa);
  }

  static void assertRequires(MethodAnswer a, String... requirements) {
    assertEquals(List.of(requirements), installRequires(a), a.toString());
  }

  static void assertUnresolved(MethodAnswer a, SetupField f, String reasonPart) {
    assertNull(a.error(), () -> "failed: " + a.error());
    FieldAnswer fa = a.field(f);
    FieldAnswer.Unresolved u = assertInstanceOf(FieldAnswer.Unresolved.class, fa, () -> f + " is " + fa);
    assertTrue(u.reason().contains(reasonPart), () -> "reason '" + u.reason() + "' lacks '" + reasonPart + "'");
  }

  static void assertFailed(MethodAnswer a, String error) {
    assertEquals(error, a.error(), a.fields().toString());
  }
}
