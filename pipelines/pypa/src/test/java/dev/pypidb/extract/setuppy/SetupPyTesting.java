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
import java.util.Arrays;
import java.util.List;

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

  static SetupPyReader reader(String setupPy, String... otherFiles) {
    String[] all = Arrays.copyOf(new String[] {"setup.py", setupPy}, 2 + otherFiles.length);
    System.arraycopy(otherFiles, 0, all, 2, otherFiles.length);
    SetupPyReader r = SetupPyReader.of(MemorySourceTree.ofText(all), "demo-1.0");
    assertNotNull(r);
    return r;
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
