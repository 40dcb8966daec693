package dev.pypidb.extract.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reads real sdists: {@code -Dpypidb.sdists=DIR}, a directory with {@code archives/} and
 * {@code oracle.jsonl} (as the shared corpus's {@code sdists/}). Every archive must read, with
 * the project directory and the member paths {@code oracle.jsonl}'s {@code files} give, and every
 * member (they are all dependency files) kept.
 */
@EnabledIfSystemProperty(named = "pypidb.sdists", matches = ".+")
class CorpusSdistsTest {

  @Test
  void everyCorpusSdistReadsAsTheOracleLists() throws Exception {
    Path dir = Path.of(System.getProperty("pypidb.sdists"));
    ObjectMapper json = new ObjectMapper();
    int archives = 0;
    long start = System.nanoTime();
    for (String line : Files.readAllLines(dir.resolve("oracle.jsonl"))) {
      JsonNode row = json.readTree(line);
      String filename = row.get("filename").asText();
      SdistContents c;
      try (FileChannel ch = FileChannel.open(dir.resolve("archives").resolve(filename), StandardOpenOption.READ)) {
        c = SdistArchive.read(filename, ch, ArchiveLimits.DEFAULT);
      }
      String top = row.get("files").get(0).asText();
      String project = top.substring(0, top.indexOf('/'));
      List<String> expected = new ArrayList<>();
      row.get("files").forEach(f -> expected.add(f.asText().substring(project.length() + 1)));
      expected.sort(null);
      assertEquals(project, c.projectDirectory(), filename);
      assertEquals(expected, c.paths(), filename);
      for (String p : c.paths()) {
        assertNotNull(c.bytes(p), filename + ": " + p + " " + c.unavailable(p));
      }
      assertEquals(List.of(), c.problems(), filename);
      archives++;
    }
    System.out.printf("read %d corpus sdists in %d ms%n", archives, (System.nanoTime() - start) / 1_000_000);
    assertEquals(64, archives);
  }
}
