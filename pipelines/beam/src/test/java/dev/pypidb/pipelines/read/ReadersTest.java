package dev.pypidb.pipelines.read;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.pypidb.pipelines.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReadersTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** Collects what a reader emits. */
  static final class Collect implements RecordSink {
    final List<RawRecord> records = new ArrayList<>();
    final List<DeadLetter> dead = new ArrayList<>();

    @Override
    public void record(RawRecord r) {
      records.add(r);
    }

    @Override
    public void deadLetter(DeadLetter d) {
      dead.add(d);
    }
  }

  private static Collect readLines(Path file) throws IOException {
    Collect c = new Collect();
    BigQueryLineParser parser = new BigQueryLineParser();
    NdjsonReader.read(file.toString(), 3, batch -> {
      long n = batch.firstLine();
      for (byte[] line : batch.lines()) {
        long lineNo = n++;
        if (NdjsonReader.isBlank(line)) {
          continue;
        }
        try {
          c.record(parser.parse(batch.input(), lineNo, line));
        } catch (RecordException e) {
          c.deadLetter(new DeadLetter(batch.input(), lineNo, e.stage(), e.getMessage(), null));
        }
      }
    });
    return c;
  }

  @Test
  public void bigQueryLinesBecomeRecordsOrDeadLettersWithTheirLineNumbers() throws IOException {
    Path file = TestData.fixture("bigquery/rows.jsonl");
    Collect c = readLines(file);
    NdjsonReader.Counts counts = NdjsonReader.read(file.toString(), 100, b -> {});
    assertEquals(10, counts.lines());
    assertEquals(1, counts.blank());
    assertEquals(7, c.records.size());
    assertEquals(2, c.dead.size());
    assertEquals(3, c.dead.get(0).position());
    assertEquals(DeadLetter.PARSE, c.dead.get(0).stage());
    assertEquals(9, c.dead.get(1).position());
    assertTrue(c.dead.get(1).reason(), c.dead.get(1).reason().contains("field 'size' must be an integer"));
    RawRecord first = c.records.get(0);
    assertEquals("Demo.Pkg", first.project());
    assertEquals(Long.valueOf(1234), first.size());
    assertEquals(List.of("requests (>=2.0)", "pytest ; extra == 'test'"), first.requiresDist());
    assertEquals(Long.valueOf(1684768364123456L), first.uploadTimeMicros());
    assertEquals(Boolean.TRUE, c.records.get(2).yanked());
  }

  @Test
  public void gzipIsDetectedByItsMagicBytes() throws IOException {
    Path gz = TestData.gzip(TestData.fixture("bigquery/more.jsonl"), tmp.getRoot().toPath().resolve("x.jsonl.gz"));
    Collect c = readLines(gz);
    assertEquals(1, c.records.size());
    assertEquals("zipped", c.records.get(0).project());
  }

  @Test
  public void invalidUtf8IsADecodeDeadLetter() throws IOException {
    Path f = tmp.getRoot().toPath().resolve("bad.jsonl");
    Files.write(f, new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xff, '"', '}', '\n'});
    Collect c = readLines(f);
    assertEquals(1, c.dead.size());
    assertEquals(DeadLetter.DECODE, c.dead.get(0).stage());
    assertEquals("invalid UTF-8 at byte 6 (0xff)", c.dead.get(0).reason());
  }

  @Test
  public void pypiJsonProjectDocumentListsEveryFileAndEmptyReleases() {
    Collect c = new Collect();
    DocumentReader.read(new InputFile(TestData.fixture("pypi-json/jsonproj.json").toString(), null, InputFile.Layout.DOCUMENT), c);
    assertEquals(0, c.dead.size());
    // 3 files, the file-less 0.9 release, and info (for 1.1)
    assertEquals(5, c.records.size());
    assertEquals(3, c.records.stream().filter(r -> r.kind() == RawRecord.Kind.FILE).count());
    RawRecord yanked = c.records.stream().filter(r -> "jsonproj-1.0-py3-none-any.whl".equals(r.filename())).findFirst().get();
    assertEquals(Boolean.TRUE, yanked.yanked());
    assertEquals("oops", yanked.yankedReason());
    RawRecord info = c.records.get(c.records.size() - 1);
    assertEquals(RawRecord.Kind.RELEASE, info.kind());
    assertEquals("1.1", info.version());
    assertNull("a project document does not know the newest release's yank state", info.yanked());
  }

  @Test
  public void documentsThatAreNotInputsAreDeadLettered() {
    Collect c = new Collect();
    DocumentReader.read(new InputFile(TestData.fixture("pypi-json/notjson.json").toString(), null, InputFile.Layout.DOCUMENT), c);
    assertEquals(1, c.dead.size());
    assertEquals(DeadLetter.PARSE, c.dead.get(0).stage());
  }

  @Test
  public void simplePagesReadTheirPep658MetadataBesideThem() {
    Collect c = new Collect();
    DocumentReader.read(new InputFile(TestData.fixture("simple-json/simpleproj.json").toString(), null, InputFile.Layout.DOCUMENT), c);
    // 3 files, metadata of 1.0, version 0.5 without files; metadata of 2.0 is broken
    assertEquals(5, c.records.size());
    assertEquals(1, c.dead.size());
    assertTrue(c.dead.get(0).input().endsWith("simpleproj-2.0-py3-none-any.whl.metadata"));
    assertTrue(c.dead.get(0).reason(), c.dead.get(0).reason().startsWith("metadata line 4 is not a 'Name: value' header"));
    RawRecord meta = c.records.stream().filter(r -> r.kind() == RawRecord.Kind.FILE_METADATA).findFirst().get();
    assertEquals(List.of("attrs>=20", "tomli; python_version < \"3.11\"", "sphinx; extra == \"docs\""), meta.requiresDist());
    assertEquals(List.of("docs"), meta.providesExtra());
    RawRecord yanked = c.records.stream().filter(r -> "simpleproj-2.0-py3-none-any.whl".equals(r.filename())).findFirst().get();
    assertEquals("security issue", yanked.yankedReason());
    assertEquals("2.0", yanked.version());
  }

  @Test
  public void depsDbReferencesAreResolved() {
    Path root = TestData.fixture("deps-db");
    Collect c = new Collect();
    for (String kind : new String[] {"wheel", "sdist", "sdist-errors"}) {
      DocumentReader.read(new InputFile(root.resolve(kind).resolve("5d.json").toString(), InputFormat.DEPS_DB,
          InputFile.Layout.DOCUMENT), c);
    }
    // wheel: 2 files (one via reference), 1 dangling reference; sdist: 3 python-key entries +
    // 1 version reference; errors: 2 entries
    assertEquals(1, c.dead.size());
    assertTrue(c.dead.get(0).reason(), c.dead.get(0).reason().contains("reference '9.9@nothing.whl' points to nothing"));
    RawRecord viaRef = c.records.stream().filter(r -> "dbproj-1.1-py3-none-any.whl".equals(r.filename())).findFirst().get();
    assertEquals(List.of("six"), viaRef.requiresDist());
    RawRecord versionRef = c.records.stream()
        .filter(r -> r.kind() == RawRecord.Kind.SDIST_BUILD && "1.1".equals(r.version())).findFirst().get();
    assertEquals(Map.of("27", versionRef.sdistBuilds().get("27"), "36", versionRef.sdistBuilds().get("27"),
        "37", versionRef.sdistBuilds().get("37")), versionRef.sdistBuilds());
    RawRecord error = c.records.stream()
        .filter(r -> r.kind() == RawRecord.Kind.SDIST_BUILD && "0.9".equals(r.version()) && r.sdistBuilds().containsKey("36"))
        .findFirst().get();
    assertEquals("{\"error\":\"SyntaxError: invalid syntax\"}", error.sdistBuilds().get("36"));
    assertEquals(8, c.records.size());
  }
}
