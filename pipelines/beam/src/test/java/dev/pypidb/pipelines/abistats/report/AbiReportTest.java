package dev.pypidb.pipelines.abistats.report;

import static dev.pypidb.pipelines.abistats.report.AbiReportFixtures.abi;
import static dev.pypidb.pipelines.abistats.report.AbiReportFixtures.metric;
import static dev.pypidb.pipelines.abistats.report.AbiReportFixtures.month;
import static dev.pypidb.pipelines.abistats.report.AbiReportFixtures.ready;
import static dev.pypidb.pipelines.abistats.report.AbiReportFixtures.write;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pypidb.pipelines.tables.ParquetFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;

public class AbiReportTest {
  @ClassRule
  public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path root;
  private static String html;

  static final String A = AbiReportFixtures.A;
  static final String B = AbiReportFixtures.B;

  /** A small snapshot with known numbers, rendered once for the tests of this class. */
  @BeforeClass
  public static void render() throws Exception {
    root = TMP.newFolder("out").toPath();
    AbiReportFixtures.writeSmall(root);
    Path index = Path.of(AbiReport.write(root.toString()));
    assertEquals(root.resolve("report").resolve("index.html"), index);
    html = Files.readString(index, StandardCharsets.UTF_8);
  }

  @Test
  public void headerShowsTheSummaryAndTheCountingRules() {
    assertThat(html, containsString("1,234,567"));
    assertThat(html, containsString("2,345,678"));
    assertThat(html, containsString("4,321"));
    assertThat(html, containsString("invalid wheel filenames"));
    assertThat(html, containsString("How things are counted."));
    assertThat(html, containsString("counted separately"));
  }

  @Test
  public void abiChartAndTableCarryTheExactNumbers() {
    // bar tooltips name the exact tag pairs and their releases
    assertThat(html, containsString("cp38-cp38: 8,500 releases, 1,000 projects, 25,000 files"));
    assertThat(html, containsString("cp38-cp38m: 9 releases"));
    assertThat(html, containsString("cp37-cp37m: 7,000 releases"));
    // numbers table row: interpreter, abi, projects, releases, files
    assertThat(html, containsString("<td>cp38</td><td>cp38m</td><td class=\"num\">2</td><td class=\"num\">9</td>"));
    assertThat(html, containsString("<td>cp37</td><td>cp37m</td><td class=\"num\">900</td>"
        + "<td class=\"num\">7,000</td><td class=\"num\">21,000</td>"));
    // cp38 (no flags) is drawn taller than cp38m, cp37m taller than cp37
    assertTrue(barHeight("cp38-cp38:") > 100 * barHeight("cp38-cp38m:"));
    assertTrue(barHeight("cp37-cp37m:") > 100 * barHeight("cp37-cp37:"));
    // legend and non-CPython rows
    assertThat(html, containsString("cpXYt \u2013 free-threaded"));
    assertThat(html, containsString("<td>py3</td><td>none</td>"));
  }

  /** The height of the first bar whose tooltip contains {@code tip}. */
  private static double barHeight(String tip) {
    Matcher m = Pattern.compile("height=\"([0-9.]+)\" fill=\"[^\"]+\"><title>[^<]*\n?[^<]*?"
        + Pattern.quote(tip)).matcher(html.replace("&#10;", "\n"));
    assertTrue("no bar for " + tip, m.find());
    return Double.parseDouble(m.group(1));
  }

  @Test
  public void policyChartFillsMonthGapsAndSkipsOtherFamilies() {
    assertThat(html, containsString("manylinux2014 (2.17)"));
    assertThat(html, containsString("musllinux_1_2"));
    // the pivot has the missing month, with zeros
    assertThat(html, containsString("<td>2024-02</td><td class=\"num\">0</td><td class=\"num\">0</td>"));
    assertThat(html, containsString("<td>2024-03</td><td class=\"num\">0</td><td class=\"num\">333</td>"));
    assertThat(html, containsString("<td>2024-01</td><td class=\"num\">500</td><td class=\"num\">120</td>"
        + "<td class=\"num\">45</td><td class=\"num\">665</td>"));
    assertThat(html, not(containsString("98,765")));
  }

  @Test
  public void architectureHeatMapsGroupAliasesAndShowTheTable() {
    assertThat(html, containsString("manylinux_2_17_x86_64: 4,000 releases"));
    assertThat(html, containsString("manylinux2014_x86_64: 3,900 releases"));
    assertThat(html, containsString(">4k</text>"));
    assertThat(html, containsString("glibc 2.17 (manylinux2014)"));
    assertThat(html, containsString("<td>win_amd64</td>"));
    // from project_latest: x86_64 and amd64 are one group, counted once per project
    assertThat(html, containsString("x86-64 (amd64, x86_64): 2 projects, 100.0% of binary projects"));
    assertThat(html, containsString("arm64 (aarch64): 1 projects, 50.0% of binary projects"));
  }

  @Test
  public void producerMetrics() {
    assertThat(html, containsString("Among the 2 binary projects"));
    assertThat(html, containsString("<td>has pure wheels only</td>".replace("has", "\u2003has")));
    assertThat(html, containsString("<td>2.17 (manylinux2014)</td><td class=\"num\">1</td>"
        + "<td class=\"num\">50.0%</td><td class=\"num\">0</td>"));
    assertThat(html, containsString("<td>2.28</td><td class=\"num\">1</td><td class=\"num\">100.0%</td>"
        + "<td class=\"num\">2</td>"));
  }

  @Test
  public void readinessBoardAndSummaryLines() {
    assertThat(html, containsString(A));
    assertThat(html, containsString("2 of 3 ready"));
    assertThat(html, containsString("1 of 3 ready"));
    assertThat(html, containsString("numpy-2.1.0-cp313-cp313-manylinux_2_28_x86_64.whl"));
    assertThat(html, containsString("1. numpy"));
    // targets are columns in a fixed order: the x86-64 one first
    assertTrue(html.indexOf("<td>" + A + "</td>") < html.indexOf("<td>" + B + "</td>"));
  }

  @Test
  public void dataTextIsEscaped() {
    assertThat(html, containsString("evil&lt;script&gt;&amp;co"));
    assertThat(html, not(containsString("<script")));
  }

  @Test
  public void pageIsSelfContainedAndWellFormed() throws Exception {
    assertThat(html, not(containsString("http://")));
    assertThat(html, not(containsString("https://")));
    assertThat(html, not(containsString("src=")));
    assertThat(html, not(containsString("<link")));
    assertEquals(count(html, "<svg "), count(html, "</svg>"));
    assertThat(count(html, "<svg "), greaterThanOrEqualTo(8));
    assertEquals(count(html, "<table>"), count(html, "</table>"));
    Document doc = parse(html);
    assertEquals("html", doc.getDocumentElement().getTagName());
    assertEquals(count(html, "<svg "), doc.getElementsByTagName("svg").getLength());
  }

  @Test
  public void csvCopiesOfEveryTable() throws Exception {
    Path csv = root.resolve("report").resolve("csv");
    List<String> abi = lines(csv.resolve("by_abi.csv"));
    assertEquals("interpreter,abi,projects,releases,files", abi.get(0));
    assertEquals(9, abi.size());
    assertEquals("cp27,cp27mu,70,640,1280", abi.get(1));
    assertEquals("py3,none,40000,190000,200000", abi.get(8));

    List<String> months = lines(csv.resolve("by_month.csv"));
    assertEquals("month,platform_family,policy,files,releases,projects", months.get(0));
    assertEquals(6, months.size()); // both part files

    List<String> latest = lines(csv.resolve("project_latest.csv"));
    assertEquals(5, latest.size());
    assertThat(latest.get(0), containsString("name,version,upload_month,n_wheels,has_sdist,pure,binary"));
    assertThat(latest.get(2), containsString("fastpkg,2.0,2025-01,6,true,false,true,true,false,2.17,2.28,1.2,1.2,11.0,"
        + ",abi3,x86_64;aarch64,manylinux;musllinux;macosx"));
    assertThat(latest.get(4), containsString("\"odd,\"\"name\"\"\",0.1"));

    List<String> board = lines(csv.resolve("readiness.csv"));
    assertEquals("name,rank,downloads,target,version,status,via,filename", board.get(0));
    assertEquals(7, board.size());
    assertThat(board.get(1), containsString("numpy,1,"));
    assertThat(board.get(6), containsString("evil<script>&co,3,397000000," + B + ",,missing,,"));

    List<String> summary = lines(csv.resolve("summary.csv"));
    assertEquals(List.of("metric,value", "releases,1234567", "wheel_files,2345678", "projects,345678",
        "invalid_wheel_filenames,4321"), summary);
    assertThat(Files.readString(csv.resolve("summary.csv")), containsString("\r\n"));
    assertTrue(Files.exists(csv.resolve("by_platform.csv")));
  }

  @Test
  public void emptyOutputRendersNoDataAndHeaderOnlyCsvs() throws Exception {
    Path empty = TMP.newFolder("empty").toPath();
    String page = Files.readString(Path.of(AbiReport.write(empty.toString())));
    assertThat(count(page, "no data"), greaterThanOrEqualTo(6));
    parse(page);
    Path csv = empty.resolve("report").resolve("csv");
    assertEquals(List.of("interpreter,abi,projects,releases,files"), lines(csv.resolve("by_abi.csv")));
    assertEquals(List.of("metric,value"), lines(csv.resolve("summary.csv")));
    for (String t : ReportTables.KNOWN) {
      assertEquals(t, 1, lines(csv.resolve(t + ".csv")).size());
    }
  }

  @Test
  public void emptyTablesRenderNoData() throws Exception {
    Path out = TMP.newFolder("empty-tables").toPath();
    for (String t : ReportTables.KNOWN) {
      Path dir = out.resolve("abi_stats").resolve(t);
      Files.createDirectories(dir);
      ParquetFiles.writeEmpty(dir.resolve("part-00000.parquet").toString(), AbiReportFixtures.schema(t));
    }
    String page = Files.readString(Path.of(AbiReport.write(out.toString())));
    assertThat(count(page, "no data"), greaterThanOrEqualTo(6));
    assertEquals(count(page, "<svg "), count(page, "</svg>"));
    assertEquals(List.of("name,rank,downloads,target,version,status,via,filename"),
        lines(out.resolve("report/csv/readiness.csv")));
  }

  @Test
  public void tablesWithoutUsableRowsStillRender() throws Exception {
    Path out = TMP.newFolder("odd").toPath();
    write(out, "by_abi", List.of(abi("py3", "none", 1, 2, 3)));
    write(out, "by_month", List.of(month("2024-01", "win", "win", 10), month("garbage", "manylinux",
        "manylinux_2_17", 5)));
    write(out, "readiness", List.of(ready("solo", 1, "not a target", null, "weird", null, null)));
    String page = Files.readString(Path.of(AbiReport.write(out.toString())));
    assertThat(page, containsString("no CPython interpreter tags"));
    assertThat(page, containsString("no manylinux or musllinux rows"));
    assertThat(page, containsString("0 of 1 ready"));
    parse(page);
    assertEquals(2, lines(out.resolve("report/csv/by_abi.csv")).size());
  }

  @Test
  public void otherTableDirectoriesAlsoGetACsv() throws Exception {
    Path out = TMP.newFolder("extra").toPath();
    write(out, "summary", List.of(metric("releases", 1)));
    Path extra = out.resolve("abi_stats").resolve("extra_table");
    Files.createDirectories(extra);
    Files.copy(out.resolve("abi_stats/summary/part-00000.parquet"), extra.resolve("part-00000.parquet"));
    String page = Files.readString(Path.of(AbiReport.write(out.toString())));
    assertEquals(List.of("metric,value", "releases,1"), lines(out.resolve("report/csv/extra_table.csv")));
    assertThat(page, containsString("extra_table.csv"));
  }

  static Document parse(String page) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setValidating(false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
  }

  static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  static List<String> lines(Path p) throws Exception {
    String s = Files.readString(p, StandardCharsets.UTF_8);
    assertThat("RFC 4180 line ends", s.replace("\r\n", "").contains("\n"), equalTo(false));
    return s.isEmpty() ? List.of() : List.of(s.split("\r\n"));
  }
}
