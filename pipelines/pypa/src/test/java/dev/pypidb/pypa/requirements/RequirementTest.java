package dev.pypidb.pypa.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "requests|requests",
    "requests [security,socks] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"|requests[security,socks]==2.8.*,>=2.8.1; python_version < \"2.7\"",
    "foo (>=1.0)|foo>=1.0",
    "Foo.Bar_baz[B,a] (>= 1.0 , <2) ; python_version<'3'|Foo.Bar_baz[B,a]<2,>=1.0; python_version < \"3\"",
    "pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee|pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee",
    "name @ file:///x.whl ; os_name=='a'|name @ file:///x.whl ; os_name == \"a\"",
    "foo===1.0,>=2|foo===1.0,>=2",
    "foo[]|foo",
    " foo\t|foo",
  })
  void normalizes(String input, String expected) {
    assertEquals(expected, Requirement.parse(input).toString());
  }

  @Test
  void hostileNestingIsASyntaxErrorNotAStackOverflow() {
    String deep = "x; " + "(".repeat(10_000) + "python_version < \"3\"" + ")".repeat(10_000);
    InvalidRequirementException e = assertThrows(InvalidRequirementException.class, () -> Requirement.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper than 100"), e.getMessage());
    String fine = "x; " + "(".repeat(100) + "python_version < \"3\"" + ")".repeat(100);
    assertEquals("python_version < \"3\"", Requirement.parse(fine).marker().toString());
    assertThrows(dev.pypidb.pypa.markers.InvalidMarkerException.class,
        () -> dev.pypidb.pypa.markers.Marker.parse("(".repeat(5_000) + "os_name == 'nt'" + ")".repeat(5_000)));
  }

  @Test
  void fields() {
    Requirement r = Requirement.parse("Foo.Bar[b,a,b]>=1;extra=='X_Y'");
    assertEquals("Foo.Bar", r.name());
    assertEquals("foo-bar", r.canonicalName());
    assertEquals(List.of("a", "b"), r.extras());
    assertEquals(">=1", r.specifier().toString());
    assertEquals("extra == \"x-y\"", r.marker().toString());
    assertNull(r.url());
  }

  @Test
  void trailingNewlineIsAcceptedAsPythonsDollarDoes() {
    assertEquals("foo>=1", Requirement.parse("foo>=1\n").toString());
  }

  @Test
  void errorsSayWhereAndWhy() {
    assertError("foo~=1", "Expected semicolon (after name with no version specifier) or end\n"
        + "    foo~=1\n"
        + "       ^");
    assertError("foo >= 1.0.*", ".* suffix can only be used with `==` or `!=` operators\n"
        + "    foo >= 1.0.*\n"
        + "        ~~~~~~~^");
    assertError("foo[bar baz]", "Expected comma between extra names\n"
        + "    foo[bar baz]\n"
        + "            ^");
    assertError("@ http://x", "Expected package name at the start of dependency specifier\n"
        + "    @ http://x\n"
        + "    ^");
    assertError("foo (>=1.0", "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier\n"
        + "    foo (>=1.0\n"
        + "        ~~~~~~^");
  }

  private static void assertError(String input, String message) {
    InvalidRequirementException e = assertThrows(InvalidRequirementException.class, () -> Requirement.parse(input));
    assertEquals(message, e.getMessage());
  }
}
