package dev.pypidb.extract.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are what Python 3.11's configparser.ConfigParser (optionxform = str) gives. */
class IniFileTest {
  @Test
  void multiLineValuesCommentsBlankLinesAndDefaults() throws Exception {
    IniFile ini = IniFile.parse("[options]\ninstall_requires =\n    a\n    # comment\n\n    b ; python_version<'3'\n"
        + "  ; c\nKey: v\n[DEFAULT]\nd = 1\n", "setup.cfg");
    assertEquals(List.of("install_requires", "Key", "d"), ini.options("options"));
    assertEquals("\na\n\nb ; python_version<'3'", ini.get("options", "install_requires"));
    assertEquals("v", ini.get("options", "Key"));
    assertEquals("1", ini.get("options", "d"));
  }

  @Test
  void indentationDecidesContinuation() throws Exception {
    IniFile ini = IniFile.parse("[a] trailing\n  indented = 1\n   cont\nnext=2\nv = x ; not a comment\n", "f");
    assertEquals("1\ncont", ini.get("a", "indented"));
    assertEquals("2", ini.get("a", "next"));
    assertEquals("x ; not a comment", ini.get("a", "v"));
  }

  @Test
  void interpolation() throws Exception {
    IniFile ini = IniFile.parse("[a]\nv = %(w)s-%%\nw = W\nbad = 50%\nmissing = %(nope)s\nloop = %(loop)s\n", "f");
    assertEquals("W-%", ini.get("a", "v"));
    assertTrue(assertThrows(IniFile.IniException.class, () -> ini.get("a", "bad")).getMessage()
        .startsWith("'%' must be followed by '%' or '(', found: '%'"));
    assertTrue(assertThrows(IniFile.IniException.class, () -> ini.get("a", "missing")).getMessage()
        .contains("interpolation key 'nope'"));
    assertTrue(assertThrows(IniFile.IniException.class, () -> ini.get("a", "loop")).getMessage()
        .startsWith("Recursion limit exceeded"));
  }

  @Test
  void interpolationThatDoublesPerLevelIsBounded() throws Exception {
    StringBuilder text = new StringBuilder("[a]\nv0 = " + "x".repeat(4000) + "\n");
    for (int i = 1; i <= 9; i++) {
      text.append("v").append(i).append(" = %(v").append(i - 1).append(")s%(v").append(i - 1).append(")s\n");
    }
    IniFile ini = IniFile.parse(text.toString(), "f");
    assertTrue(assertThrows(IniFile.IniException.class, () -> ini.get("a", "v9")).getMessage().contains("exceeds"));
  }

  @Test
  void whatConfigparserRefuses() {
    assertEquals("While reading from 'f' [line 3]: option 'x' in section 'options' already exists",
        assertThrows(IniFile.IniException.class, () -> IniFile.parse("[options]\nx = 1\nx = 2\n", "f")).getMessage());
    assertEquals("While reading from 'f' [line 2]: section 'a' already exists",
        assertThrows(IniFile.IniException.class, () -> IniFile.parse("[a]\n[a]\n", "f")).getMessage());
    assertTrue(assertThrows(IniFile.IniException.class, () -> IniFile.parse("x=1\n[a]\n", "f")).getMessage()
        .startsWith("File contains no section headers."));
    assertTrue(assertThrows(IniFile.IniException.class, () -> IniFile.parse("[a]\nnovalue\n", "f")).getMessage()
        .contains("[line 2]: 'novalue'"));
    assertTrue(assertThrows(IniFile.IniException.class, () -> IniFile.parse("\ufeff[a]\nv=1\n", "f")).getMessage()
        .startsWith("File contains no section headers."), "a BOM is not stripped by encoding='utf-8'");
  }
}
