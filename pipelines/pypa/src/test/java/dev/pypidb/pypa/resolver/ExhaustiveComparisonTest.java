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
 * solution must exist exactly when the solver finds one, and every solution found must be one
 * under pip's rules (every requirement on a project merged before packaging's pre-release filter
 * and PEP 592's yanked rule apply).
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
    int optedIn = 0;
    int missed = 0;
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
      List<String> names = new ArrayList<>(universe.keySet());
      boolean solvable = search(universe, root, names, 0, new LinkedHashMap<>(), false);
      boolean strictlySolvable = search(universe, root, names, 0, new LinkedHashMap<>(), true);
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
        if (!strictlySolvable) {
          optedIn++;
        }
      } else {
        failed++;
        assertTrue(!strictlySolvable, "solver failed on a solvable case: " + context);
        if (solvable) {
          missed++;
        }
        assertNotNull(res.failure());
        assertTrue(res.explanation().endsWith("there is no solution."), context);
      }
    }
    assertTrue(resolved > 100 && failed > 100, resolved + " resolved, " + failed + " failed");
    // the merged rules matter: solutions that no requirement allows on its own
    assertTrue(optedIn > 0, "no resolution needed pip's merged opt-ins");
    // pip's rules are not monotone: a solution may need a requirement (a pre-release named by a
    // release the search never picks) that neither pip nor this solver reads before failing
    assertTrue(missed < failed / 20, missed + " of " + failed + " failures had a pip solution");
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

  /**
   * Whether {@code chosen} is a solution under pip's rules: every requirement of the root and of
   * every chosen release is met by containment, and each chosen version is allowed by all the
   * requirements on its project together (pip merges them before it filters): a pre-release
   * only when one of them names a pre-release or no final release matches them all; a yanked
   * version only when they pin it ({@code ==}/{@code ===}) and every version they leave is
   * yanked (PEP 592).
   */
  private static boolean valid(Map<String, List<Rel>> universe, List<String> root,
      Map<String, String> chosen) {
    // the requirements of the root and of the chosen releases it needs, transitively (a chosen
    // release nothing requires has no say)
    Map<String, SpecifierSet> together = new LinkedHashMap<>();
    List<String> active = new ArrayList<>(root);
    for (int i = 0; i < active.size(); i++) {
      Requirement r = Requirement.parse(active.get(i));
      if (!together.containsKey(r.canonicalName())) {
        String v = chosen.get(r.canonicalName());
        Rel rel = v == null ? null : release(universe, r.canonicalName(), v);
        if (rel == null) {
          return false;
        }
        active.addAll(rel.requirements());
      }
      together.merge(r.canonicalName(), r.specifier(), SpecifierSet::and);
    }
    for (Map.Entry<String, SpecifierSet> e : together.entrySet()) {
      String v = chosen.get(e.getKey());
      if (v == null || !pipAllows(universe.get(e.getKey()), e.getValue()).contains(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code chosen} is a solution under stricter rules: each requirement on its own
   * (packaging's filter of its specifier; yanked versions only for pins). Every such solution is
   * one under pip's rules too, and the solver, whose opt-ins only widen what each requirement
   * allows, must find a solution whenever one of these exists.
   */
  private static boolean strictlyValid(Map<String, List<Rel>> universe, List<String> root,
      Map<String, String> chosen) {
    List<String> active = new ArrayList<>(root);
    for (Map.Entry<String, String> e : chosen.entrySet()) {
      Rel rel = release(universe, e.getKey(), e.getValue());
      if (rel == null) {
        return false;
      }
      active.addAll(rel.requirements());
    }
    for (String s : active) {
      Requirement r = Requirement.parse(s);
      String v = chosen.get(r.canonicalName());
      if (v == null || !pipAllows(universe.get(r.canonicalName()), r.specifier()).contains(v)) {
        return false;
      }
    }
    return true;
  }

  private static Rel release(Map<String, List<Rel>> universe, String name, String version) {
    List<Rel> rels = universe.get(name);
    return rels == null ? null
        : rels.stream().filter(x -> x.version().equals(version)).findFirst().orElse(null);
  }

  /** pip's candidates for all the requirements on a project together (see {@link #valid}). */
  static Set<String> pipAllows(List<Rel> rels, SpecifierSet spec) {
    Set<String> out = new HashSet<>();
    if (rels == null) {
      return out;
    }
    List<Version> all = new ArrayList<>();
    rels.forEach(r -> all.add(Version.parse(r.version())));
    List<Version> kept = spec.filter(all, null); // packaging: finals first, else pre-releases
    boolean allYanked = true;
    for (Rel r : rels) {
      if (kept.contains(Version.parse(r.version())) && !r.yanked()) {
        allYanked = false;
      }
    }
    boolean yankedOk = Resolver.isPinned(spec) && allYanked;
    for (Rel r : rels) {
      if (kept.contains(Version.parse(r.version())) && (yankedOk || !r.yanked())) {
        out.add(r.version());
      }
    }
    return out;
  }

  /** Whether some assignment is {@link #valid} (or {@link #strictlyValid}). */
  private static boolean search(Map<String, List<Rel>> universe, List<String> root,
      List<String> names, int i, Map<String, String> chosen, boolean strict) {
    if (i == names.size()) {
      return strict ? strictlyValid(universe, root, chosen) : valid(universe, root, chosen);
    }
    String name = names.get(i);
    if (search(universe, root, names, i + 1, chosen, strict)) {
      return true;
    }
    for (Rel rel : universe.get(name)) {
      chosen.put(name, rel.version());
      if (search(universe, root, names, i + 1, chosen, strict)) {
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
    assertTrue(search(u, List.of("a"), new ArrayList<>(u.keySet()), 0, new LinkedHashMap<>(), false));
    assertEquals(Set.of("1.0"), pipAllows(u.get("a"), SpecifierSet.parse("")));
    assertEquals(Set.of("2.0"), pipAllows(u.get("a"), SpecifierSet.parse("==2.0")));
    assertEquals(Set.of("2.0"), pipAllows(u.get("a"), SpecifierSet.parse("==2.0,>=1")));
    if (search(u, List.of("a>=2"), new ArrayList<>(u.keySet()), 0, new LinkedHashMap<>(), false)) {
      fail("a>=2 only matches a yanked version");
    }
  }
}
