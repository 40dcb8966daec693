package dev.pypidb.pipelines.update;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.tables.CarriedInputs;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The input of a partial update: a per-project raw tree ({@code root/<canonical name>/...}, as
 * {@code pypidb fetch} writes it) of which only the named project directories changed since the
 * previous output was computed from the same tree. Only they are read; the previous output
 * stands for every other project (its rows, dead letters and manifest entries). The result
 * equals a full run as long as every record of a project lies in its own directory, which the
 * update checks on every record it reads.
 *
 * @param root the tree, absolute and normalized
 * @param projects the directories read: the named projects and those a change feed names
 */
public record PartialInput(String root, Set<String> projects) implements Serializable {

  public PartialInput {
    projects = Set.copyOf(projects);
  }

  static PartialInput of(List<String> input, Path changedFile, Set<String> feed, Path previous) throws IOException {
    if (input.size() != 1 || !Files.isDirectory(Path.of(input.get(0)))) {
      throw new IllegalArgumentException("--changedProjects needs --input to be one directory: the per-project raw"
          + " tree the previous output was computed from");
    }
    Path root = Path.of(input.get(0)).toAbsolutePath().normalize();
    Set<String> names = new TreeSet<>(feed);
    List<String> lines;
    try {
      lines = Files.readAllLines(changedFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--changedProjects " + changedFile + ": cannot read (" + e.getMessage() + ")");
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (!ProjectNames.isValid(l)) {
        throw new IllegalArgumentException("--changedProjects " + changedFile + " line " + (i + 1) + ": '" + l
            + "' is not a project name");
      }
      names.add(ProjectNames.canonicalize(l));
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
      for (Path p : s) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".") && InputResolver.isInput(p)) {
          throw new IllegalArgumentException(p + " is an input outside any project directory: a partial update"
              + " reads a per-project tree (run update without --changedProjects)");
        }
      }
    }
    String first = firstInput(previous.resolve("manifest.json"));
    if (first != null && !Path.of(first).startsWith(root)) {
      throw new IllegalArgumentException("--previous " + previous + " was computed from " + first + ", not from the"
          + " tree " + root + ": a partial update needs the same tree (run update without --changedProjects)");
    }
    return new PartialInput(root.toString(), names);
  }

  /**
   * The changed projects' directories that exist (a removed project has none), and as skipped
   * files those directories' sidecars plus the files at the tree's root (none is an input).
   */
  InputResolver.Resolved resolve(InputFormat forced) throws IOException {
    List<String> dirs = new ArrayList<>();
    for (String p : projects) {
      if (Files.isDirectory(Path.of(root, p))) {
        dirs.add(Path.of(root, p).toString());
      }
    }
    InputResolver.Resolved r = dirs.isEmpty() ? new InputResolver.Resolved(List.of(), List.of())
        : InputResolver.resolve(dirs, forced, true);
    TreeSet<String> skipped = new TreeSet<>(r.skipped());
    try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of(root))) {
      for (Path p : s) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
          skipped.add(p.toString());
        }
      }
    }
    return new InputResolver.Resolved(r.files(), List.copyOf(skipped));
  }

  CarriedInputs carried(String previous) {
    return new CarriedInputs(Path.of(previous, "manifest.json").toString(), root, projects);
  }

  private static String firstInput(Path manifest) throws IOException {
    try (JsonParser p = new ObjectMapper().getFactory().createParser(manifest.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken t = p.nextToken();
        if (f.equals("inputs") && t == JsonToken.START_ARRAY) {
          if (p.nextToken() == JsonToken.START_OBJECT) {
            com.fasterxml.jackson.databind.JsonNode n = p.readValueAsTree();
            return n.path("path").isTextual() ? n.get("path").asText() : null;
          }
          return null;
        }
        p.skipChildren();
      }
    }
    return null;
  }
}
