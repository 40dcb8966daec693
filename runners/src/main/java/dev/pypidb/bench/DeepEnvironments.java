package dev.pypidb.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.graph.GraphFile;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.resolver.Distribution;
import dev.pypidb.pypa.resolver.ProjectData;
import dev.pypidb.pypa.resolver.ReleaseData;
import dev.pypidb.pypa.version.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Environments with large, deep dependency trees, built from a normalize output's resolver
 * graph: each project's newest final release's requirements (every file, python key 310 for
 * pypi-deps-db sdists; requirements of extras left out, other markers ignored), the transitive
 * closure of each project over them (projects the tables lack included), and the projects
 * whose closures are largest. {@code java -cp pypidb.jar dev.pypidb.bench.DeepEnvironments
 * TABLES OUT.jsonl [K...]} writes one environment per K (default 1, 5, 10): the K projects with
 * the largest closures together, ids {@code deep-K}; and prints the top 25 with their closure
 * sizes and how many of the projects in it the tables lack.
 */
public final class DeepEnvironments {
  private DeepEnvironments() {}

  public static void main(String[] args) throws IOException {
    Path tables = Path.of(args[0]);
    Path out = Path.of(args[1]);
    List<Integer> ks = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      ks.add(Integer.parseInt(args[i]));
    }
    if (ks.isEmpty()) {
      ks = List.of(1, 5, 10);
    }
    Map<String, Set<String>> deps = new HashMap<>();
    for (String f : ResolverGraphFiles.of(tables.toString())) {
      try (GraphFile g = GraphFile.open(Path.of(f))) {
        for (String name : g.namesInFileOrder()) {
          deps.put(name, newestDependencies(g.project(name)));
        }
      }
    }
    List<Object[]> sizes = new ArrayList<>();
    for (String name : deps.keySet()) {
      Set<String> c = closure(name, deps);
      sizes.add(new Object[] {name, c.size(), c.stream().filter(n -> !deps.containsKey(n)).count()});
    }
    sizes.sort((a, b) -> (Integer) b[1] != (Integer) a[1]
        ? Integer.compare((Integer) b[1], (Integer) a[1]) : ((String) a[0]).compareTo((String) b[0]));
    int max = ks.stream().mapToInt(Integer::intValue).max().orElse(1);
    for (Object[] s : sizes.subList(0, Math.min(Math.max(25, max), sizes.size()))) {
      System.out.printf("%-40s %,6d projects in its closure, %,d of them not in the tables%n",
          s[0], (Integer) s[1], (Long) s[2]);
    }
    ObjectMapper json = new ObjectMapper();
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
      for (int k : ks) {
        ObjectNode env = json.createObjectNode();
        env.put("id", "deep-" + k);
        var reqs = env.putArray("requirements");
        for (Object[] s : sizes.subList(0, Math.min(k, sizes.size()))) {
          reqs.add((String) s[0]);
        }
        w.println(json.writeValueAsString(env));
      }
    }
  }

  /** The projects the newest final release names, outside extras. */
  private static Set<String> newestDependencies(ProjectData p) {
    ReleaseData newest = null;
    Version best = null;
    for (ReleaseData r : p.releases()) {
      Version v = r.parsedVersion();
      if (v != null && !v.isPrerelease() && !r.yanked() && (best == null || v.compareTo(best) > 0)) {
        best = v;
        newest = r;
      }
    }
    Set<String> out = new LinkedHashSet<>();
    if (newest == null) {
      return out;
    }
    for (Distribution d : newest.distributions()) {
      for (String raw : d.kind() == Distribution.Kind.SDIST ? d.requirementsFor("310") : d.requirements()) {
        try {
          Requirement r = Requirement.parse(raw);
          if (r.marker() == null || !r.marker().toString().contains("extra")) {
            out.add(r.canonicalName());
          }
        } catch (InvalidRequirementException e) {
          // not a dependency anyone can install
        }
      }
    }
    out.remove(p.name());
    return out;
  }

  private static Set<String> closure(String root, Map<String, Set<String>> deps) {
    Set<String> seen = new HashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      String n = todo.pop();
      if (seen.add(n)) {
        todo.addAll(deps.getOrDefault(n, Set.of()));
      }
    }
    return seen;
  }
}
