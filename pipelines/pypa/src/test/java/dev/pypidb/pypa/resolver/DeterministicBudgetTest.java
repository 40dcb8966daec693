package dev.pypidb.pypa.resolver;

import static dev.pypidb.pypa.resolver.Fixtures.CP312;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A resolution's result depends on the index, the requirements, the target, the policy and the
 * budget, never on how long the index takes to answer: the same resolutions over an index that
 * sleeps on every lookup give the same rows as over a fast one, with a solver-time limit far
 * below the time the lookups take.
 */
class DeterministicBudgetTest {
  private static final long LOOKUP_DELAY_MILLIS = 40;
  /** Far below what the slow lookups take in all (many times 40 ms), far above the solving. */
  private static final Budget BUDGET = new Budget(100_000, 100);

  /** A package index whose every lookup takes {@code delayMillis} (a slow disk, a busy machine). */
  private static final class SlowIndex implements PackageIndex {
    private final PackageIndex inner;
    private final long delayMillis;
    final AtomicInteger lookups = new AtomicInteger();

    SlowIndex(PackageIndex inner, long delayMillis) {
      this.inner = inner;
      this.delayMillis = delayMillis;
    }

    @Override
    public ProjectData project(String canonicalName) {
      lookups.incrementAndGet();
      long until = System.nanoTime() + delayMillis * 1_000_000L;
      while (System.nanoTime() < until) {
        try {
          Thread.sleep(Math.max(1, (until - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return inner.project(canonicalName);
    }
  }

  /** Ten libraries whose newest versions conflict with the root's core>=1, and a long chain. */
  private static MemoryIndex index() {
    TestIndex t = TestIndex.create();
    List<String> appDeps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      appDeps.add("lib" + i);
      t.pure("lib" + i, "1.0", "chain0").pure("lib" + i, "2.0", "core<1");
    }
    t.pure("app", "1.0", appDeps.toArray(String[]::new));
    for (int i = 0; i < 10; i++) {
      t.pure("chain" + i, "1.0", i + 1 < 10 ? "chain" + (i + 1) : "core");
    }
    t.pure("core", "0.5").pure("core", "1.0").pure("core", "1.1");
    return t.build();
  }

  /** Everything a {@code resolutions} row holds except the wall time. */
  private static String row(Resolution r) {
    List<String> pins = new ArrayList<>();
    r.pins().forEach(p -> pins.add(p + " " + p.filename() + " " + p.provider()));
    return String.join("\n", r.status().toString(), String.valueOf(r.failure()), r.explanation(),
        pins.toString(), r.cycles().toString(), Long.toString(r.steps()),
        r.consulted().toString(), r.warnings().toString());
  }

  private static final List<List<String>> ENVIRONMENTS = List.of(
      List.of("app", "core>=1"),        // resolves after backtracking over every lib
      List.of("app", "core>=1", "lib3>=2"), // no solution
      List.of("app", "nowhere"));       // a missing project

  @Test
  void aSlowIndexChangesNoResult() {
    MemoryIndex fast = index();
    List<String> expected = new ArrayList<>();
    for (List<String> env : ENVIRONMENTS) {
      expected.add(row(new Resolver(fast).resolve(env, CP312, Policy.WHEELS_AND_SDIST, BUDGET)));
    }
    assertTrue(expected.get(0).startsWith("RESOLVED"), expected.get(0));
    assertTrue(expected.get(1).startsWith("FAILED\nCONFLICT"), expected.get(1));
    assertTrue(expected.get(2).startsWith("FAILED\nNO_SUCH_PROJECT"), expected.get(2));

    SlowIndex slow = new SlowIndex(fast, LOOKUP_DELAY_MILLIS);
    Resolver resolver = new Resolver(slow); // a fresh cache: every project is read slowly
    long wallMillis = 0;
    for (int i = 0; i < ENVIRONMENTS.size(); i++) {
      Resolution r = resolver.resolve(ENVIRONMENTS.get(i), CP312, Policy.WHEELS_AND_SDIST, BUDGET);
      wallMillis += r.micros() / 1000;
      assertEquals(expected.get(i), row(r));
    }
    assertTrue(slow.lookups.get() >= 20, "lookups: " + slow.lookups.get());
    // the lookups alone took far longer than the solver may spend on one resolution
    assertTrue(wallMillis > 3 * BUDGET.maxSolverMillis(), "wall time " + wallMillis + " ms");
  }

  @Test
  void aStepBudgetVerdictIsTheSameOnASlowIndex() {
    Budget fewSteps = new Budget(25, 100);
    List<String> env = ENVIRONMENTS.get(0);
    Resolution fast = new Resolver(index()).resolve(env, CP312, Policy.WHEELS_AND_SDIST, fewSteps);
    Resolution slow = new Resolver(new SlowIndex(index(), LOOKUP_DELAY_MILLIS))
        .resolve(env, CP312, Policy.WHEELS_AND_SDIST, fewSteps);
    assertEquals(FailureCategory.BUDGET_EXHAUSTED, fast.failure());
    assertEquals("Gave up after 25 steps: the step budget (25 steps) ran out before a solution"
        + " or a proof that none exists was found.", fast.explanation());
    assertEquals(row(fast), row(slow));
  }
}
