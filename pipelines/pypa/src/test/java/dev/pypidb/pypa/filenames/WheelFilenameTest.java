package dev.pypidb.pypa.filenames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WheelFilenameTest {

  @Test
  void parsesCompressedTagSets() {
    WheelFilename w = WheelFilename.parse(
        "numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    assertEquals("numpy", w.name());
    assertEquals("1.26.4", w.version().toString());
    assertNull(w.buildNumber());
    assertEquals(List.of("cp312-cp312-manylinux2014_x86_64", "cp312-cp312-manylinux_2_17_x86_64"),
        w.sortedTagStrings());
  }

  @Test
  void parsesBuildTagsAndDottedNames() {
    WheelFilename w = WheelFilename.parse("Foo.Bar_baz-1.0-12abc-py2.py3-none-any.whl");
    assertEquals("foo-bar-baz", w.name());
    assertEquals(BigInteger.valueOf(12), w.buildNumber());
    assertEquals("abc", w.buildTail());
    assertEquals(List.of("py2-none-any", "py3-none-any"), w.sortedTagStrings());
    assertEquals(List.of("py2", "py3"), w.pythonTags());
  }

  @Test
  void lowerCasesTags() {
    assertEquals(List.of("py3-none-any"), WheelFilename.parse("x-1-PY3-NONE-ANY.whl").sortedTagStrings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo-1.0-py3-none-any.zip", "foo-1.0-none-any.whl", "foo__bar-1.0-py3-none-any.whl",
    "foo-1.0-x-y-py3-none-any.whl", "foo-one-py3-none-any.whl", "foo-1.0-abc-py3-none-any.whl",
    "fo o-1.0-py3-none-any.whl"})
  void rejects(String filename) {
    assertThrows(InvalidFilenameException.class, () -> WheelFilename.parse(filename));
    assertNull(WheelFilename.tryParse(filename));
  }

  @Test
  void messagesNameTheProblem() {
    InvalidFilenameException e = assertThrows(InvalidFilenameException.class,
        () -> WheelFilename.parse("foo-1.0-abc-py3-none-any.whl"));
    assertEquals("Invalid build number: abc in 'foo-1.0-abc-py3-none-any'", e.getMessage());
  }
}
