package dev.pypidb.pipelines.update;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.CarriedInputs;
import dev.pypidb.pipelines.tables.Manifests;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
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
 * update checks on every record it reads. The tree may lie in any store ({@link Storage}), though
 * {@code pypidb fetch} writes local trees only.
 *
 * @param root the tree (any store), absolute
 * @param projects the directories read: the named projects and those a change feed names
 */
public record PartialInput(String root, Set<String> projects) implements Serializable {

  public PartialInput {
    projects = Set.copyOf(projects);
  }

  static PartialInput of(List<String> input, String changedFile, Set<String> feed, String previous) throws IOException {
    if (input.size() != 1 || !Storage.isDirectory(input.get(0))) {
      throw new IllegalArgumentException("--changedProjects needs --input to be one directory: the per-project raw"
          + " tree the previous output was computed from");
    }
    String root = Storage.absolute(input.get(0));
    Set<String> names = new TreeSet<>(feed);
    List<String> lines;
    try {
      lines = Storage.readString(changedFile).lines().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("--changedProjects " + Storage.display(changedFile) + ": cannot read ("
          + e.getMessage() + ")");
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (!ProjectNames.isValid(l)) {
        throw new IllegalArgumentException("--changedProjects " + Storage.display(changedFile) + " line " + (i + 1)
            + ": '" + l + "' is not a project name");
      }
      names.add(ProjectNames.canonicalize(l));
    }
    for (Storage.Entry f : rootFiles(root)) {
      if (InputResolver.isInput(f.location())) {
        throw new IllegalArgumentException(Storage.display(f.location()) + " is an input outside any project"
            + " directory: a partial update reads a per-project tree (run update without --changedProjects)");
      }
    }
    String first = firstInput(Storage.resolve(previous, Manifests.FILE));
    if (first != null && !CarriedInputs.isBelow(first, Storage.display(root))) {
      throw new IllegalArgumentException("--previous " + Storage.display(previous) + " was computed from " + first
          + ", not from the tree " + Storage.display(root) + ": a partial update needs the same tree (run update"
          + " without --changedProjects)");
    }
    return new PartialInput(root, names);
  }

  /** The files at the tree's root, hidden ones left out (none is an input). */
  private static List<Storage.Entry> rootFiles(String root) throws IOException {
    List<Storage.Entry> out = new ArrayList<>();
    for (Storage.Entry e : Storage.files(root)) {
      if (!e.name().startsWith(".")) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The changed projects' directories that exist (a removed project has none), and as skipped
   * files those directories' sidecars plus the files at the tree's root (none is an input).
   */
  InputResolver.Resolved resolve(InputFormat forced) throws IOException {
    List<String> dirs = new ArrayList<>();
    for (String p : projects) {
      String dir = Storage.resolve(root, p);
      if (Storage.isDirectory(dir)) {
        dirs.add(dir);
      }
    }
    InputResolver.Resolved r = dirs.isEmpty() ? new InputResolver.Resolved(List.of(), List.of())
        : InputResolver.resolve(dirs, forced, true);
    TreeSet<String> skipped = new TreeSet<>(r.skipped());
    rootFiles(root).forEach(e -> skipped.add(e.location()));
    return new InputResolver.Resolved(r.files(), List.copyOf(skipped));
  }

  CarriedInputs carried(String previous) {
    return new CarriedInputs(Storage.resolve(previous, Manifests.FILE), Storage.display(root), projects);
  }

  private static String firstInput(String manifest) throws IOException {
    try (InputStream in = Storage.open(manifest);
        JsonParser p = new ObjectMapper().getFactory().createParser(in)) {
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
