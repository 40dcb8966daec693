package dev.pypidb.pipelines.normalize;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.markers.Marker;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.Test;

public class ProjectNormalizerTest {
  private static RawRecord.Builder file(InputFormat format, String input, long pos, String version, String filename) {
    return RawRecord.builder(RawRecord.Kind.FILE, format, input, pos).project("Pkg").version(version).filename(filename);
  }

  @Test
  public void formatsComplementEachOtherForTheSameFile() {
    RawRecord bq = file(InputFormat.BIGQUERY, "bq", 1, "1.0", "pkg-1.0-py3-none-any.whl")
        .requiresDist(List.of()).pythonVersion("py3").build();
    RawRecord db = file(InputFormat.DEPS_DB, "db", 1, "1.0", "pkg-1.0-py3-none-any.whl")
        .requiresDist(List.of("six")).build();
    RawRecord json = file(InputFormat.PYPI_JSON, "js", 1, "1.0", "pkg-1.0-py3-none-any.whl")
        .size(10L).yanked(true).yankedReason("bad").build();
    ProjectOutput out = new ProjectNormalizer().normalize("pkg", List.of(db, bq, json));
    assertEquals(List.of(), out.deadLetters());
    GenericRecord f = out.rows().get(Table.FILES).get(0);
    assertEquals(10L, f.get("size"));
    assertEquals("py3", f.get("python_version"));
    assertEquals(true, f.get("yanked"));
    assertEquals("an empty list from BigQuery does not hide pypi-deps-db's", "deps-db", f.get("metadata_source"));
    assertEquals(List.of("bigquery", "deps-db", "pypi-json"), f.get("sources"));
    assertEquals(Map.of("bq", 1L, "db", 1L, "js", 1L), out.acceptedByInput());
  }

  @Test
  public void sameInputTwiceIsADuplicateAndDisagreeingInputsConflict() {
    RawRecord a = file(InputFormat.BIGQUERY, "a", 1, "1.0", "pkg-1.0.tar.gz").size(1L).build();
    RawRecord again = file(InputFormat.BIGQUERY, "a", 7, "1.0", "pkg-1.0.tar.gz").size(1L).build();
    RawRecord other = file(InputFormat.BIGQUERY, "b", 3, "1.0", "pkg-1.0.tar.gz").size(2L).build();
    RawRecord agrees = file(InputFormat.BIGQUERY, "c", 3, "1.0", "pkg-1.0.tar.gz").build();
    ProjectOutput out = new ProjectNormalizer().normalize("pkg", List.of(other, again, a, agrees));
    List<DeadLetter> dead = out.deadLetters();
    assertEquals(2, dead.size());
    assertTrue(dead.get(0).reason(), dead.get(0).reason().startsWith("duplicate of position 1 of the same input"));
    assertTrue(dead.get(1).reason(), dead.get(1).reason().startsWith("conflicts with a position 1"));
    assertEquals(1, out.rows().get(Table.FILES).size());
    assertEquals(1L, out.rows().get(Table.FILES).get(0).get("size"));
  }

  @Test
  public void versionsAreDenselyRankedAndInvalidOnesUnranked() {
    ProjectOutput out = new ProjectNormalizer().normalize("pkg", List.of(
        file(InputFormat.BIGQUERY, "i", 1, "1.0", "pkg-1.0.tar.gz").build(),
        file(InputFormat.BIGQUERY, "i", 2, "1.0.0", "pkg-1.0.0.zip").build(),
        file(InputFormat.BIGQUERY, "i", 3, "2.0a1", "pkg-2.0a1.tar.gz").build(),
        file(InputFormat.BIGQUERY, "i", 4, "banana", "pkg-banana.tar.gz").build()));
    List<GenericRecord> releases = out.rows().get(Table.RELEASES);
    assertEquals(List.of("1.0", "1.0.0", "2.0a1", "banana"),
        releases.stream().map(r -> r.get("version").toString()).toList());
    assertEquals(0, releases.get(0).get("version_order"));
    assertEquals(0, releases.get(1).get("version_order"));
    assertEquals(1, releases.get(2).get("version_order"));
    assertNull(releases.get(3).get("version_order"));
  }

  @Test
  public void forExtraOnlyWhenTheMarkerRequiresExactlyOneExtra() {
    assertEquals("test", ParsedRequirement.onlyExtra(Marker.parse("python_version < '3' and extra == 'Test'")));
    assertEquals("test", ParsedRequirement.onlyExtra(Marker.parse("(extra == 'test')")));
    assertNull(ParsedRequirement.onlyExtra(Marker.parse("extra == 'a' or extra == 'b'")));
    assertNull(ParsedRequirement.onlyExtra(Marker.parse("python_version < '3'")));
  }

  @Test
  public void fingerprintDependsOnContentNotOnPosition() {
    RawRecord a = file(InputFormat.BIGQUERY, "x", 1, "1.0", "pkg-1.0.tar.gz").build();
    RawRecord moved = file(InputFormat.BIGQUERY, "y", 99, "1.0", "pkg-1.0.tar.gz").build();
    RawRecord changed = file(InputFormat.BIGQUERY, "x", 1, "1.0", "pkg-1.0.tar.gz").yanked(true).build();
    ProjectNormalizer n = new ProjectNormalizer();
    assertEquals(n.normalize("pkg", List.of(a)).fingerprint(), n.normalize("pkg", List.of(moved)).fingerprint());
    assertTrue(!n.normalize("pkg", List.of(a)).fingerprint().equals(n.normalize("pkg", List.of(changed)).fingerprint()));
  }
}
