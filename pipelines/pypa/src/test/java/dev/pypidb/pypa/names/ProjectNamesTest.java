package dev.pypidb.pypa.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"Django,django", "oslo.concurrency,oslo-concurrency", "Foo__Bar..baz,foo-bar-baz",
      "a-_-b,a-b", "requests,requests", "_private_,-private-"})
  void canonicalizes(String name, String canonical) {
    assertEquals(canonical, ProjectNames.canonicalize(name));
  }

  @Test
  void validates() {
    assertTrue(ProjectNames.isValid("Foo.Bar-baz_1"));
    assertTrue(ProjectNames.isValid("a"));
    assertFalse(ProjectNames.isValid("-foo"));
    assertFalse(ProjectNames.isValid("foo-"));
    assertFalse(ProjectNames.isValid("fo o"));
    assertFalse(ProjectNames.isValid(""));
    assertFalse(ProjectNames.isValid("caf\u00e9"));
    assertTrue(ProjectNames.isNormalized("foo-bar"));
    assertFalse(ProjectNames.isNormalized("Foo"));
    assertFalse(ProjectNames.isNormalized("a--b"));
  }
}
