package dev.pypidb.pypa.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pypidb.pypa.filenames.WheelFilename;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

  private static List<String> tags(String target) {
    return Target.parse(target).tags().stream().map(Tag::toString).toList();
  }

  @Test
  void manylinuxLadderStartsWithNativeLinuxAndKeepsLegacyAliasesBesideTheirTwins() {
    List<String> t = tags("cp312-manylinux_2_39_x86_64");
    assertEquals("cp312-cp312-linux_x86_64", t.get(0));
    assertEquals("cp312-cp312-manylinux_2_39_x86_64", t.get(1));
    int twin = t.indexOf("cp312-cp312-manylinux_2_17_x86_64");
    assertEquals("cp312-cp312-manylinux2014_x86_64", t.get(twin + 1));
    assertEquals("cp312-cp312-manylinux1_x86_64", t.get(t.indexOf("cp312-cp312-manylinux_2_5_x86_64") + 1));
    assertFalse(t.contains("cp312-cp312-manylinux_2_4_x86_64"));
    // aarch64 stops at glibc 2.17
    List<String> arm = tags("cp312-manylinux_2_28_aarch64");
    assertTrue(arm.contains("cp312-cp312-manylinux2014_aarch64"));
    assertFalse(arm.contains("cp312-cp312-manylinux_2_16_aarch64"));
  }

  @Test
  void abi3ForwardCompatibleButNotForFreeThreaded() {
    Target t = Target.parse("cp312-manylinux_2_39_x86_64");
    assertTrue(t.bestRank(WheelFilename.parse("c-1-cp36-abi3-manylinux_2_17_x86_64.whl").tags()) >= 0);
    Target ft = Target.parse("cp313t-manylinux_2_28_x86_64");
    assertEquals(-1, ft.bestRank(WheelFilename.parse("c-1-cp36-abi3-manylinux_2_17_x86_64.whl").tags()));
    assertTrue(ft.bestRank(WheelFilename.parse("c-1-cp313-cp313t-manylinux_2_17_x86_64.whl").tags()) >= 0);
    assertTrue(tags("cp313t-manylinux_2_28_x86_64").contains("cp313-abi3t-linux_x86_64"));
    assertEquals(-1, ft.bestRank(WheelFilename.parse("c-1-cp313-cp313-manylinux_2_17_x86_64.whl").tags()));
  }

  @Test
  void ordersAbisThenNoneThenPurePython() {
    List<String> t = tags("cp38-win_amd64");
    assertEquals(List.of("cp38-cp38-win_amd64", "cp38-abi3-win_amd64", "cp38-none-win_amd64",
        "cp37-abi3-win_amd64", "cp36-abi3-win_amd64", "cp35-abi3-win_amd64", "cp34-abi3-win_amd64",
        "cp33-abi3-win_amd64", "cp32-abi3-win_amd64", "py38-none-win_amd64", "py3-none-win_amd64",
        "py37-none-win_amd64", "py36-none-win_amd64", "py35-none-win_amd64", "py34-none-win_amd64",
        "py33-none-win_amd64", "py32-none-win_amd64", "py31-none-win_amd64", "py30-none-win_amd64",
        "cp38-none-any", "py38-none-any", "py3-none-any", "py37-none-any", "py36-none-any",
        "py35-none-any", "py34-none-any", "py33-none-any", "py32-none-any", "py31-none-any",
        "py30-none-any"), t);
  }

  @Test
  void oldCPythonGetsPymallocByDefaultAndPython2HasNoAbi3() {
    assertEquals("cp37-cp37m-win32", tags("cp37-win32").get(0));
    List<String> t = tags("cp27mu-manylinux1_x86_64");
    assertEquals(List.of("cp27-cp27mu-linux_x86_64", "cp27-cp27mu-manylinux_2_5_x86_64",
        "cp27-cp27mu-manylinux1_x86_64"), t.subList(0, 3));
    assertFalse(t.stream().anyMatch(s -> s.contains("abi3")));
    assertTrue(t.contains("py2-none-any"));
  }

  @Test
  void macosLadderIncludesBinaryFormats() {
    List<String> t = tags("cp311-macosx_14_0_arm64");
    assertEquals("cp311-cp311-macosx_14_0_arm64", t.get(0));
    assertEquals("cp311-cp311-macosx_14_0_universal2", t.get(1));
    assertTrue(t.contains("cp311-cp311-macosx_11_0_arm64"));
    assertTrue(t.contains("cp311-cp311-macosx_10_9_universal2"));
    assertFalse(t.contains("cp311-cp311-macosx_10_9_x86_64"));
    List<String> intel = tags("cp39-macosx_10_9_x86_64");
    assertEquals(List.of("cp39-cp39-macosx_10_9_x86_64", "cp39-cp39-macosx_10_9_intel",
        "cp39-cp39-macosx_10_9_fat64", "cp39-cp39-macosx_10_9_fat32",
        "cp39-cp39-macosx_10_9_universal2", "cp39-cp39-macosx_10_9_universal"), intel.subList(0, 6));
  }

  @Test
  void pypyUsesItsOwnAbiAndThePp3Interpreter() {
    List<String> t = tags("pp310-manylinux_2_17_x86_64");
    assertEquals("pp310-pypy310_pp73-linux_x86_64", t.get(0));
    assertTrue(t.contains("pp3-none-any"));
    assertFalse(t.stream().anyMatch(s -> s.contains("abi3")));
  }

  @Test
  void markerEnvironment() {
    assertEquals("3.12", Target.parse("cp312-manylinux_2_39_x86_64").markerEnvironment().get("python_version"));
    assertEquals("win32", Target.parse("cp38-win_amd64").markerEnvironment().get("sys_platform"));
    assertEquals("AMD64", Target.parse("cp38-win_amd64").markerEnvironment().get("platform_machine"));
    assertEquals("Darwin", Target.parse("cp311-macosx_14_0_arm64").markerEnvironment().get("platform_system"));
    assertEquals("arm64", Target.parse("cp311-macosx_14_0_arm64").markerEnvironment().get("platform_machine"));
    assertEquals("PyPy", Target.parse("pp310-manylinux_2_17_x86_64").markerEnvironment().get("platform_python_implementation"));
    assertEquals("aarch64", Target.parse("cp313t-manylinux_2_28_aarch64").markerEnvironment().get("platform_machine"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cp312", "py3-none-any", "cp312x-linux_x86_64", "cp38t-manylinux_2_17_x86_64",
    "cp39m-win32", "pp310m-linux_x86_64", "cp27um-linux_x86_64", "CP312-win32", "cp312-"})
  void rejectsInvalidTargets(String text) {
    assertThrows(InvalidTargetException.class, () -> Target.parse(text));
  }
}
