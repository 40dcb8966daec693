package dev.pypidb.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimpleJsonTest {
  private static final URI BASE = URI.create("https://pypi.org/simple/foo/");

  private static ByteArrayInputStream in(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsPyPisProjectPage() throws Exception {
    String page = """
        {"meta": {"api-version": "1.4", "_last-serial": 987}, "name": "foo", "versions": ["1.0", "2.0"],
         "project-status": {"status": "active"}, "alternate-locations": [],
         "files": [
          {"filename": "foo-1.0.tar.gz", "url": "https://files.pythonhosted.org/packages/x/foo-1.0.tar.gz",
           "hashes": {"sha256": "AA", "md5": "bb"}, "requires-python": ">=3.8", "yanked": false,
           "core-metadata": false, "data-dist-info-metadata": false, "size": 10, "upload-time": "2020-01-01T00:00:00Z",
           "provenance": null},
          {"filename": "foo-2.0-py3-none-any.whl", "url": "../../f/foo-2.0-py3-none-any.whl#sha256=cc",
           "hashes": {"sha256": "cc"}, "yanked": "broken", "core-metadata": {"sha256": "DD"}},
          {"filename": "foo-2.0.tar.gz", "url": "x", "hashes": {}, "data-dist-info-metadata": true, "yanked": true},
          {"url": "no-filename"}, 42
         ]}
        """;
    ProjectPage p = SimpleJson.parsePage(in(page), BASE);
    assertEquals("foo", p.name());
    assertEquals(987L, p.lastSerial());
    assertEquals(List.of("1.0", "2.0"), p.versions());
    assertEquals(3, p.files().size());
    DistFile a = p.files().get(0);
    assertEquals("aa", a.sha256());
    assertEquals(10L, a.size());
    assertFalse(a.metadata());
    assertEquals(Boolean.FALSE, a.yanked());
    DistFile b = p.files().get(1);
    assertEquals(URI.create("https://pypi.org/f/foo-2.0-py3-none-any.whl"), b.url());
    assertTrue(b.metadata());
    assertEquals("dd", b.metadataSha256());
    assertEquals("broken", b.yankedReason());
    DistFile c = p.files().get(2);
    assertTrue(c.metadata());
    assertNull(c.metadataSha256());
    assertNull(c.sha256());
    assertEquals(Boolean.TRUE, c.yanked());
  }

  @Test
  void rejectsWhatIsNotAPage() {
    assertThrows(IndexFormatException.class, () -> SimpleJson.parsePage(in("[]"), BASE));
    assertThrows(IndexFormatException.class, () -> SimpleJson.parsePage(in("{\"files\": []}"), BASE));
    assertThrows(IndexFormatException.class, () -> SimpleJson.parsePage(in("{\"name\": \"x\"}"), BASE));
    assertThrows(IndexFormatException.class, () -> SimpleJson.parsePage(in("{\"name\": \"x\", \"files\": [}"), BASE));
    assertThrows(IndexFormatException.class, () -> SimpleJson.parsePage(in("{\"name\": \"x\", \"files\": {}}"), BASE));
  }

  @Test
  void readsTheRootWithSerials() throws Exception {
    RootListing r = SimpleJson.parseRoot(in("""
        {"meta": {"_last-serial": 5, "api-version": "1.1"},
         "projects": [{"name": "A", "_last-serial": 3}, {"name": "b"}, {"_last-serial": 1}]}"""));
    assertEquals(5L, r.lastSerial());
    assertEquals(List.of(new RootListing.Entry("A", 3L), new RootListing.Entry("b", null)), r.projects());
  }

  @Test
  void writesPagesThatReadBackTheSame() throws Exception {
    ProjectPage p = new ProjectPage("foo", 7L, null, List.of(
        new DistFile("foo-1.0.tar.gz", URI.create("https://x/foo-1.0.tar.gz"), Map.of("sha256", "aa"), ">=3", true,
            "why", false, null, null, null),
        new DistFile("foo-1.0-py3-none-any.whl", URI.create("https://x/w.whl"), Map.of("sha256", "bb"), null, false,
            null, true, "cc", 5L, "2020-01-01T00:00:00Z")), "1.0");
    ProjectPage back = SimpleJson.parsePage(new ByteArrayInputStream(SimpleJson.write(p)), BASE);
    assertEquals(p, back);
  }

  @Test
  void marksMetadataReadFromWheels() throws Exception {
    String page = "{\"name\": \"foo\", \"files\": [{\"filename\": \"a.whl\", \"core-metadata\": false},"
        + " {\"filename\": \"b.whl\", \"core-metadata\": false}]}";
    byte[] out = SimpleJson.withWheelMetadata(in(page), Map.of("b.whl", "ee"));
    JsonNode files = new ObjectMapper().readTree(out).get("files");
    assertFalse(files.get(0).get("core-metadata").asBoolean());
    assertEquals("ee", files.get(1).get("core-metadata").get("sha256").asText());
    assertEquals("wheel", files.get(1).get("pypidb-metadata").asText());
  }
}
