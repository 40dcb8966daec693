package dev.pypidb.pipelines.abistats.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.pypidb.pipelines.abistats.report.Tags.AbiKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class AbiReportHelpersTest {
  @Test
  public void abiKindsRelativeToTheInterpreter() {
    assertEquals(AbiKind.PLAIN, Tags.abiKind("cp38", "cp38"));
    assertEquals(AbiKind.PYMALLOC, Tags.abiKind("cp38", "cp38m"));
    assertEquals(AbiKind.PYMALLOC, Tags.abiKind("cp37", "cp37m"));
    assertEquals(AbiKind.UNICODE, Tags.abiKind("cp27", "cp27mu"));
    assertEquals(AbiKind.UNICODE, Tags.abiKind("cp32", "cp32u"));
    assertEquals(AbiKind.DEBUG, Tags.abiKind("cp37", "cp37dm"));
    assertEquals(AbiKind.DEBUG, Tags.abiKind("cp38", "cp38d"));
    assertEquals(AbiKind.FREE_THREADED, Tags.abiKind("cp313", "cp313t"));
    assertEquals(AbiKind.FREE_THREADED, Tags.abiKind("cp314", "cp314td"));
    assertEquals(AbiKind.ABI3, Tags.abiKind("cp39", "abi3"));
    assertEquals(AbiKind.ABI3T, Tags.abiKind("cp315", "abi3t"));
    assertEquals(AbiKind.NONE, Tags.abiKind("cp39", "none"));
    assertEquals(AbiKind.OTHER, Tags.abiKind("cp38", "cp37m"));
    assertEquals(AbiKind.OTHER, Tags.abiKind("cp31", "cp310"));
    assertEquals(AbiKind.OTHER, Tags.abiKind("cp38", "pypy38_pp73"));
  }

  @Test
  public void cpythonVersions() {
    assertEquals("3.10", Tags.cpython("cp310").dotted());
    assertEquals("2.6", Tags.cpython("cp26").dotted());
    assertEquals("3.14", Tags.cpython("CP314").dotted());
    assertNull(Tags.cpython("cp3"));
    assertNull(Tags.cpython("py3"));
    assertNull(Tags.cpython("pp310"));
    assertNull(Tags.cpython("cp29"));
    assertNull(Tags.cpython("cp399"));
    assertTrue(Tags.cpython("cp39").compareTo(Tags.cpython("cp310")) < 0);
  }

  @Test
  public void architectureGroups() {
    assertEquals("x86-64", Tags.archGroup("x86_64").name());
    assertEquals("x86-64", Tags.archGroup("amd64").name());
    assertEquals("x86-64", Tags.archGroup("intel").name());
    assertEquals("arm64", Tags.archGroup("aarch64").name());
    assertEquals("arm64", Tags.archGroup("arm64").name());
    assertEquals("x86 32-bit", Tags.archGroup("i686").name());
    assertEquals("x86 32-bit", Tags.archGroup("x86").name());
    assertEquals("x86 32-bit", Tags.archGroup("win32").name());
    assertEquals("universal2", Tags.archGroup("universal2").name());
    assertEquals("arm 32-bit", Tags.archGroup("armv7l").name());
    assertEquals("ppc64le", Tags.archGroup("ppc64le").name());
    assertEquals("wasm32", Tags.archGroup("wasm32").name());
    assertTrue(Tags.GROUP_ORDER.compare(Tags.archGroup("x86_64"), Tags.archGroup("aarch64")) < 0);
  }

  @Test
  public void policies() {
    assertEquals("manylinux1 (2.5)", Tags.policy("manylinux_2_5").label());
    assertEquals("manylinux1 (2.5)", Tags.policy("manylinux1").label());
    assertEquals("manylinux2010 (2.12)", Tags.policy("manylinux_2_12").label());
    assertEquals("manylinux2014 (2.17)", Tags.policy("manylinux2014").label());
    assertEquals("manylinux_2_28", Tags.policy("manylinux_2_28").label());
    assertEquals("musllinux_1_2", Tags.policy("musllinux_1_2").label());
    assertEquals("manylinux", Tags.policy("manylinux").label());
    assertNull(Tags.policy("macosx_11_0"));
    assertNull(Tags.policy("win"));
    assertTrue(Tags.policy("manylinux_2_5").compareTo(Tags.policy("manylinux_2_17")) < 0);
    assertTrue(Tags.policy("manylinux_2_17").compareTo(Tags.policy("musllinux_1_1")) < 0);
    assertEquals("2.17 (manylinux2014)", Tags.glibcLabel("2.17"));
    assertEquals("2.28", Tags.glibcLabel("2.28"));
    List<String> v = new ArrayList<>(List.of("2.28", "2.17", "2.5", "x", "2.12"));
    v.sort(Tags.VERSION_ORDER);
    assertEquals(List.of("2.5", "2.12", "2.17", "2.28", "x"), v);
  }

  @Test
  public void targetOrder() {
    List<String> t = new ArrayList<>(List.of("cp313-win_amd64", "cp313t-manylinux_2_28_aarch64",
        "cp314t-manylinux_2_39_x86_64", "pp310-manylinux_2_17_x86_64", "cp314-manylinux_2_39_x86_64",
        "cp39-manylinux_2_17_x86_64", "cp313-macosx_14_0_arm64", "junk"));
    t.sort(Tags.TARGET_ORDER);
    assertEquals(List.of("cp39-manylinux_2_17_x86_64", "cp314-manylinux_2_39_x86_64", "cp314t-manylinux_2_39_x86_64",
        "pp310-manylinux_2_17_x86_64", "cp313t-manylinux_2_28_aarch64", "cp313-macosx_14_0_arm64",
        "cp313-win_amd64", "junk"), t);
  }

  @Test
  public void escaping() {
    assertEquals("a&lt;b&gt;&amp;&quot;c&#39;", Html.esc("a<b>&\"c'"));
    assertEquals("x&#10;y", Html.esc("x\ny"));
    assertEquals("\uFFFD\uFFFDok", Html.esc("\u0000\uD800ok"));
    assertEquals("\uD83D\uDE00", Html.esc("\uD83D\uDE00"));
    assertEquals("", Html.esc(null));
  }

  @Test
  public void numbers() {
    assertEquals("1,234,567", Html.num(1_234_567));
    assertEquals("950", Html.compact(950));
    assertEquals("1.5k", Html.compact(1500));
    assertEquals("25k", Html.compact(25_000));
    assertEquals("1.2M", Html.compact(1_200_000));
    assertEquals("33.3%", Html.pct(1, 3));
    assertEquals("\u2013", Html.pct(1, 0));
    assertEquals(List.of(0.0, 20_000.0, 40_000.0, 60_000.0, 80_000.0, 100_000.0), Svg.ticks(95_000, 5));
    assertEquals(List.of(0.0, 1.0), Svg.ticks(0, 5));
    assertEquals(List.of(0.0, 1.0, 2.0, 3.0), Svg.ticks(3, 5));
  }

  @Test
  public void csvFields() {
    assertEquals("plain", Csv.field("plain"));
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
    assertEquals("", Csv.field(null));
    assertEquals("a;b;c", Csv.field(List.of("a", "b", "c")));
    assertEquals("\"a,1;b\"", Csv.field(List.of("a,1", "b")));
    assertEquals("true", Csv.field(true));
    assertEquals("42", Csv.field(42L));
  }

  @Test
  public void summaryTimeMetricsAsDates() {
    assertEquals("2025-01-01 00:00 UTC", AbiReport.metricValue("snapshot_time", 1_735_689_600L));
    assertEquals("2025-01-01 00:00 UTC", AbiReport.metricValue("snapshot_time", 1_735_689_600_000_000L));
    assertEquals("1,735,689,600", AbiReport.metricValue("releases", 1_735_689_600L));
  }
}
