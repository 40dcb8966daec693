package dev.pypidb.pypa.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.specifiers.SpecifierSet;
import dev.pypidb.pypa.version.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random small indexes, resolved by the PubGrub solver and by trying every assignment: a
 * solution must exist exactly when the solver finds one, and every solution found must satisfy
 * every requirement under the resolver's own version rules (packaging's pre-release filter, yanked
 * versions only for {@code ==}/{@code ===} pins).
 */
class ExhaustiveComparisonTest {
  private static final String[] NAMES = {"a", "b", "c", "d", "e"};
  private static final String[] VERSIONS = {"1.0", "2.0b1", "2.0", "3.0"};
  private static final String[] SPECS = {"", ">=2.0", "<2.0", "==1.0", "!=2.0", ">=2.0,<3.0",
      "==3.0", ">=4.0", ">=2.0b1", "==2.*", "<3"};

  /** One release as the brute force sees it. */
  private record Rel(String version, boolean yanked, List<String> requirements) {}

  @Test
  void solverAgreesWithExhaustiveSearch() {
    Random random = new Random(20240607);
    int resolved = 0;
    int failed = 0;
    for (int round = 0; round < 700; round++) {
      Map<String, List<Rel>> universe = randomUniverse(random);
      List<String> root = new ArrayList<>();
      int n = 1 + random.nextInt(2);
      for (int i = 0; i < n; i++) {
        root.add(randomRequirement(random));
      }
      TestIndex index = TestIndex.create();
      universe.forEach((name, rels) -> {
        for (Rel r : rels) {
          index.release(name, r.version(), r.yanked(), null,
              TestIndex.wheel(name, r.version(), "py3-none-any",
                  r.requirements().toArray(new String[0])));
        }
      });
      Resolution res = index.resolver().resolve(root, Fixtures.CP312);
      boolean solvable = search(universe, root, new ArrayList<>(universe.keySet()), 0,
          new LinkedHashMap<>());
      String context = "round " + round + " root=" + root + " universe=" + universe + "\n"
          + res.explanation();
      if (res.resolved()) {
        resolved++;
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Pin p : res.pins()) {
          chosen.put(p.name(), p.version());
        }
        assertTrue(valid(universe, root, chosen), "invalid solution " + chosen + " " + context);
        assertTrue(solvable, context);
      } else {
        failed++;
        assertTrue(!solvable, "solver failed on a solvable case: " + context);
        assertNotNull(res.failure());
        assertTrue(res.explanation().endsWith("there is no solution."), context);
      }
    }
    assertTrue(resolved > 100 && failed > 100, resolved + " resolved, " + failed + " failed");
  }

  private static Map<String, List<Rel>> randomUniverse(Random random) {
    Map<String, List<Rel>> universe = new LinkedHashMap<>();
    for (String name : NAMES) {
      List<Rel> rels = new ArrayList<>();
      for (String v : VERSIONS) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        List<String> reqs = new ArrayList<>();
        int deps = random.nextInt(3);
        for (int i = 0; i < deps; i++) {
          String req = randomRequirement(random);
          if (!Requirement.parse(req).canonicalName().equals(name)) {
            reqs.add(req);
          }
        }
        rels.add(new Rel(v, random.nextInt(6) == 0, reqs));
      }
      if (!rels.isEmpty() || random.nextBoolean()) {
        universe.put(name, rels);
      }
    }
    return universe;
  }

  private static String randomRequirement(Random random) {
    String name = random.nextInt(15) == 0 ? "ghost" : NAMES[random.nextInt(NAMES.length)];
    return name + SPECS[random.nextInt(SPECS.length)];
  }

  private static Map<String, List<Requirement>> mergedMemo = new HashMap<>();
  private static Map<String, Set<String>> allowedMemo = new HashMap<>();
  private static Map<String, List<Rel>> memoUniverse;

  private static void memoFor(Map<String, List<Rel>> universe) {
    if (memoUniverse != universe) {
      memoUniverse = universe;
      mergedMemo = new HashMap<>();
      allowedMemo = new HashMap<>();
    }
  }

  /** Versions of {@code name} that {@code requirement} allows, by the resolver's rules. */
  private static Set<String> allowed(Map<String, List<Rel>> universe, Requirement r) {
    memoFor(universe);
    return allowedMemo.computeIfAbsent(r.toString(), k -> computeAllowed(universe, r));
  }

  private static Set<String> computeAllowed(Map<String, List<Rel>> universe, Requirement r) {
    List<Rel> rels = universe.get(r.canonicalName());
    Set<String> out = new HashSet<>();
    if (rels == null) {
      return out;
    }
    List<Version> all = new ArrayList<>();
    for (Rel rel : rels) {
      all.add(Version.parse(rel.version()));
    }
    SpecifierSet spec = r.specifier();
    boolean pinned = Resolver.isPinned(spec);
    List<Version> kept = spec.filter(all, null);
    for (Rel rel : rels) {
      if (kept.contains(Version.parse(rel.version())) && (pinned || !rel.yanked())) {
        out.add(rel.version());
      }
    }
    return out;
  }

  /** Requirements of one depender on one project are merged before filtering. */
  private static List<Requirement> merged(List<String> requirements) {
    return mergedMemo.computeIfAbsent(String.join("\n", requirements),
        k -> computeMerged(requirements));
  }

  private static List<Requirement> computeMerged(List<String> requirements) {
    Map<String, SpecifierSet> byName = new LinkedHashMap<>();
    for (String s : requirements) {
      Requirement r = Requirement.parse(s);
      byName.merge(r.canonicalName(), r.specifier(), SpecifierSet::and);
    }
    List<Requirement> out = new ArrayList<>();
    byName.forEach((name, spec) -> out.add(Requirement.parse(name + spec)));
    return out;
  }

  private static boolean satisfied(Map<String, List<Rel>> universe, List<String> requirements,
      Map<String, String> chosen) {
    memoFor(universe);
    for (Requirement r : merged(requirements)) {
      String v = chosen.get(r.canonicalName());
      if (v == null || !allowed(universe, r).contains(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valid(Map<String, List<Rel>> universe, List<String> root,
      Map<String, String> chosen) {
    if (!satisfied(universe, root, chosen)) {
      return false;
    }
    for (Map.Entry<String, String> e : chosen.entrySet()) {
      Rel rel = universe.get(e.getKey()).stream()
          .filter(x -> x.version().equals(e.getValue())).findFirst().orElse(null);
      if (rel == null || !satisfied(universe, rel.requirements(), chosen)) {
        return false;
      }
    }
    return true;
  }

  private static boolean search(Map<String, List<Rel>> universe, List<String> root,
      List<String> names, int i, Map<String, String> chosen) {
    if (i == names.size()) {
      return valid(universe, root, chosen);
    }
    String name = names.get(i);
    if (search(universe, root, names, i + 1, chosen)) {
      return true;
    }
    for (Rel rel : universe.get(name)) {
      chosen.put(name, rel.version());
      if (search(universe, root, names, i + 1, chosen)) {
        chosen.remove(name);
        return true;
      }
      chosen.remove(name);
    }
    return false;
  }

  /**
   * A mid-size index (120 projects, 30 versions, dependencies that change every few releases, as
   * real ones do): every solution is checked requirement by requirement, and none runs out of
   * budget.
   */
  @Test
  void midSizeIndexSolutionsAreValid() {
    Random random = new Random(7);
    Map<String, List<Rel>> universe = new LinkedHashMap<>();
    int projects = 120;
    int versions = 30;
    for (int p = 0; p < projects; p++) {
      List<Rel> rels = new ArrayList<>();
      for (int v = 1; v <= versions; v++) {
        List<String> reqs = new ArrayList<>();
        Random era = new Random(p * 1000L + v / 6);
        int k = era.nextInt(4);
        for (int i = 0; i < k; i++) {
          int q = p + 1 + era.nextInt(20);
          if (q < projects) {
            reqs.add("p" + q + (era.nextBoolean() ? ">=" : "<") + (1 + era.nextInt(versions)));
          }
        }
        rels.add(new Rel(String.valueOf(v), random.nextInt(25) == 0, reqs));
      }
      universe.put("p" + p, rels);
    }
    TestIndex index = TestIndex.create();
    universe.forEach((name, rels) -> {
      for (Rel r : rels) {
        index.release(name, r.version(), r.yanked(), null, TestIndex.wheel(name, r.version(),
            "py3-none-any", r.requirements().toArray(new String[0])));
      }
    });
    Resolver resolver = index.resolver();
    int resolved = 0;
    for (int i = 0; i < 60; i++) {
      List<String> root = List.of("p" + random.nextInt(30), "p" + random.nextInt(60) + ">=3");
      Resolution r = resolver.resolve(root, Fixtures.CP312, Policy.WHEELS_AND_SDIST,
          new Budget(200_000, 60_000));
      assertTrue(r.failure() != FailureCategory.BUDGET_EXHAUSTED, r.explanation());
      if (r.resolved()) {
        resolved++;
        Map<String, String> chosen = new LinkedHashMap<>();
        r.pins().forEach(pin -> chosen.put(pin.name(), pin.version()));
        assertTrue(valid(universe, root, chosen), root + " -> " + chosen);
      } else {
        assertTrue(r.explanation().endsWith("there is no solution."), r.explanation());
      }
    }
    assertTrue(resolved > 10, "resolved " + resolved);
  }

  @Test
  void harnessSanity() {
    Map<String, List<Rel>> u = new LinkedHashMap<>();
    u.put("a", List.of(new Rel("1.0", false, List.of("b>=2.0")), new Rel("2.0", true, List.of())));
    u.put("b", List.of(new Rel("2.0", false, List.of())));
    assertTrue(search(u, List.of("a"), new ArrayList<>(u.keySet()), 0, new LinkedHashMap<>()));
    assertEquals(Set.of("1.0"), allowed(u, Requirement.parse("a")));
    assertEquals(Set.of("2.0"), allowed(u, Requirement.parse("a==2.0")));
    if (search(u, List.of("a>=2"), new ArrayList<>(u.keySet()), 0, new LinkedHashMap<>())) {
      fail("a>=2 only matches a yanked version");
    }
  }
}
