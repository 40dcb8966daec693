package dev.pypidb.pypa.resolver;

import static dev.pypidb.pypa.resolver.Fixtures.CP311;
import static dev.pypidb.pypa.resolver.Fixtures.CP312;
import static dev.pypidb.pypa.resolver.Fixtures.CP313;
import static dev.pypidb.pypa.resolver.Fixtures.CP37;
import static dev.pypidb.pypa.resolver.Fixtures.WIN;
import static dev.pypidb.pypa.resolver.Fixtures.assertFailed;
import static dev.pypidb.pypa.resolver.Fixtures.assertResolved;
import static dev.pypidb.pypa.resolver.Fixtures.pins;
import static dev.pypidb.pypa.resolver.Fixtures.resolve;
import static dev.pypidb.pypa.resolver.TestIndex.sdist;
import static dev.pypidb.pypa.resolver.TestIndex.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResolverTest {

  @Nested
  class Conflicts {
    @Test
    void explainsAConflictBetweenTwoDependers() {
      Resolution r = resolve(TestIndex.create()
          .pure("foo", "1.0", "bar>=1").pure("foo", "2.0", "bar<1").pure("foo", "2.1", "bar<1")
          .pure("bar", "0.9").pure("bar", "1.0").pure("bar", "1.5")
          .pure("baz", "1.0", "bar>=1"), "foo>=2", "baz");
      assertFailed(FailureCategory.CONFLICT, String.join("\n",
          "Because baz depends on bar>=1.0 and foo>=2.0 depends on bar<1.0, baz and foo>=2.0 are"
              + " incompatible.",
          "And because you require foo>=2.0 and baz, there is no solution."), r);
      assertTrue(r.pins().isEmpty());
      assertEquals(List.of("bar", "baz", "foo"), r.consulted());
    }

    @Test
    void backtracksToAnOlderVersionThatFits() {
      Resolution r = resolve(TestIndex.create()
          .pure("foo", "1.0", "bar>=1").pure("foo", "2.0", "bar<1").pure("foo", "2.1", "bar<1")
          .pure("bar", "0.9").pure("bar", "1.0").pure("bar", "1.5")
          .pure("baz", "1.0", "bar>=1"), "foo", "baz");
      assertResolved("bar==1.5 baz==1.0 foo==1.0", r);
    }

    @Test
    void conflictWithATransitiveRequirementNamesTheChain() {
      Resolution r = resolve(TestIndex.create()
          .pure("app", "1.0", "lib>=2")
          .pure("lib", "1.0").pure("lib", "2.0", "core<1").pure("lib", "3.0", "core<1")
          .pure("core", "0.5").pure("core", "1.0"), "app", "core>=1");
      assertFailed(FailureCategory.CONFLICT, String.join("\n",
          "Because app depends on lib>=2.0 which depends on core<1.0, app requires core<1.0.",
          "And because you require app and core>=1.0, there is no solution."), r);
    }

    @Test
    void extraPackagesTakePartInConflicts() {
      Resolution r = resolve(TestIndex.create()
          .pure("foo", "1.0", "bar>=1; extra == 'fast'")
          .pure("bar", "0.5").pure("bar", "1.0"), "foo[fast]", "bar<1");
      assertEquals(FailureCategory.CONFLICT, r.failure());
      assertEquals(String.join("\n",
          "Because you require foo[fast] which depends on bar>=1.0, you require bar>=1.0.",
          "And because you require bar<1.0, there is no solution."), r.explanation());
    }
  }

  @Nested
  class Extras {
    private final TestIndex index = TestIndex.create()
        .pure("foo", "1.0", "bar; extra == 'Fast_Mode'", "baz", "qux[x]; extra == 'all'")
        .pure("bar", "1.0").pure("baz", "1.0")
        .pure("qux", "1.0", "quux; extra == 'x'").pure("quux", "2.0");

    @Test
    void extraAddsItsRequirements() {
      assertResolved("bar==1.0 baz==1.0 foo[fast-mode]==1.0", resolve(index, "foo[fast.mode]"));
    }

    @Test
    void withoutExtraItsRequirementsAreLeftOut() {
      assertResolved("baz==1.0 foo==1.0", resolve(index, "foo"));
    }

    @Test
    void extrasOfDependenciesAreFollowed() {
      assertResolved("bar==1.0 baz==1.0 foo[all,fast-mode]==1.0 quux==2.0 qux[x]==1.0",
          resolve(index, "foo[all,fast_mode]"));
    }

    @Test
    void unknownExtraResolvesToTheBasePackage() {
      assertResolved("baz==1.0 foo[nope]==1.0", resolve(index, "foo[nope]"));
    }

    @Test
    void extraAndBaseStayOnTheSameVersion() {
      Resolution r = resolve(TestIndex.create()
          .pure("foo", "1.0").pure("foo", "2.0", "bar; extra == 'x'")
          .pure("bar", "1.0"), "foo[x]", "foo<2");
      assertResolved("foo[x]==1.0", r);
    }
  }

  @Nested
  class Markers {
    private final TestIndex index = TestIndex.create()
        .pure("foo", "1.0", "old; python_version < \"3.8\"", "win; sys_platform == \"win32\"",
            "lin; sys_platform == 'linux' and platform_machine == 'x86_64'")
        .pure("old", "1.0").pure("win", "1.0").pure("lin", "1.0");

    @Test
    void pythonVersionMarkerSkippedOnNewPython() {
      assertResolved("foo==1.0 lin==1.0",
          index.resolver().resolve(List.of("foo"), CP312));
    }

    @Test
    void pythonVersionMarkerAppliesOnOldPython() {
      assertResolved("foo==1.0 lin==1.0 old==1.0",
          index.resolver().resolve(List.of("foo"), CP37));
    }

    @Test
    void platformMarkers() {
      assertResolved("foo==1.0 win==1.0", index.resolver().resolve(List.of("foo"), WIN));
    }

    @Test
    void rootRequirementMarkers() {
      Resolution r = index.resolver().resolve(
          List.of("win; sys_platform == 'win32'", "old; python_version >= '3'"), CP312);
      assertResolved("old==1.0", r);
      assertEquals(List.of("old"), r.consulted());
    }

    @Test
    void markerThatCannotBeEvaluatedDoesNotApplyAndWarns() {
      Resolution r = resolve(TestIndex.create()
          .pure("foo", "1.0", "bad; os_name ~= 'nt'", "good").pure("good", "1.0"), "foo");
      assertResolved("foo==1.0 good==1.0", r);
      assertEquals(1, r.warnings().size(), r.warnings().toString());
      assertTrue(r.warnings().get(0).startsWith(
          "foo 1.0 (foo-1.0-py3-none-any.whl): ignored requirement 'bad; os_name ~= 'nt'': its"
              + " marker cannot be evaluated"), r.warnings().get(0));
    }

    @Test
    void invalidTransitiveRequirementIsIgnoredWithAWarning() {
      Resolution r = resolve(TestIndex.create().pure("foo", "1.0", "bar >>= 1", "good")
          .pure("good", "1.0"), "foo");
      assertResolved("foo==1.0 good==1.0", r);
      assertEquals(1, r.warnings().size());
      assertTrue(r.warnings().get(0).contains("ignored invalid requirement 'bar >>= 1'"));
    }
  }

  @Nested
  class Cycles {
    @Test
    void cyclesAreAllowedAndReported() {
      Resolution r = resolve(TestIndex.create()
          .pure("a", "1.0", "b").pure("b", "1.0", "c").pure("c", "1.0", "a", "d")
          .pure("d", "1.0")
          .pure("x", "1.0", "y").pure("y", "1.0", "x"), "a", "x");
      assertResolved("a==1.0 b==1.0 c==1.0 d==1.0 x==1.0 y==1.0", r);
      assertEquals(List.of(List.of("a", "b", "c"), List.of("x", "y")), r.cycles());
    }

    @Test
    void noCycleNoReport() {
      Resolution r = resolve(TestIndex.create().pure("a", "1.0", "b").pure("b", "1.0"), "a");
      assertEquals(List.of(), r.cycles());
    }

    @Test
    void extraOfItselfIsNotACycle() {
      Resolution r = resolve(TestIndex.create()
          .pure("a", "1.0", "a[y]; extra == 'x'", "b; extra == 'y'").pure("b", "1.0"), "a[x]");
      assertResolved("a[x,y]==1.0 b==1.0", r);
      assertEquals(List.of(), r.cycles());
    }
  }

  @Nested
  class Yanked {
    private final TestIndex index = TestIndex.create()
        .pure("foo", "1.0")
        .release("foo", "2.0", true, null, wheel("foo", "2.0", "py3-none-any"))
        .release("foo", "3.0", false, null,
            Distribution.wheel("foo-3.0-py3-none-any.whl", null, true, List.of()))
        .pure("pinner", "1.0", "foo==2.0");

    @Test
    void yankedVersionsAreExcluded() {
      assertResolved("foo==1.0", resolve(index, "foo"));
    }

    @Test
    void yankedVersionAllowedWhenPinnedWithDoubleEquals() {
      assertResolved("foo==2.0", resolve(index, "foo==2.0"));
      assertResolved("foo==2.0", resolve(index, "foo===2.0"));
    }

    @Test
    void wildcardPinDoesNotAllowYanked() {
      assertFailed(FailureCategory.NO_MATCHING_VERSION, "Because you require foo==2.*, which"
          + " matches only yanked versions of foo, there is no solution.",
          resolve(index, "foo==2.*"));
    }

    @Test
    void releaseWhoseOnlyFileIsYankedCountsAsYanked() {
      assertResolved("foo==1.0", resolve(index, "foo>=0"));
      Resolution pinned = resolve(index, "foo==3.0");
      assertResolved("foo==3.0", pinned);
      assertEquals("foo-3.0-py3-none-any.whl", pinned.pin("foo").filename());
    }

    @Test
    void transitivePinAllowsYanked() {
      assertResolved("foo==2.0 pinner==1.0", resolve(index, "pinner"));
    }

    @Test
    void onlyYankedMatchesIsNoMatchingVersion() {
      assertFailed(FailureCategory.NO_MATCHING_VERSION, "Because you require foo>=2, which"
          + " matches only yanked versions of foo, there is no solution.",
          resolve(index, "foo>=2"));
    }
  }

  @Nested
  class Prereleases {
    private final TestIndex index = TestIndex.create()
        .pure("foo", "1.0").pure("foo", "2.0b1")
        .pure("bar", "1.0a1").pure("bar", "1.0a2");

    @Test
    void excludedByDefault() {
      assertResolved("foo==1.0", resolve(index, "foo"));
      assertResolved("foo==1.0", resolve(index, "foo>=0.5"));
    }

    @Test
    void chosenWhenTheSpecifierNamesOne() {
      assertResolved("foo==2.0b1", resolve(index, "foo>=2.0b1"));
    }

    @Test
    void chosenWhenNoFinalReleaseMatches() {
      assertResolved("foo==2.0b1", resolve(index, "foo>=1.5"));
      assertResolved("bar==1.0a2", resolve(index, "bar"));
    }

    @Test
    void explanationsLeavePreReleasesOut() {
      Resolution r = resolve(TestIndex.create()
          .pure("app", "1.0", "foo<2")
          .pure("foo", "1.0").pure("foo", "1.5").pure("foo", "2.0b1").pure("foo", "2.0"),
          "app", "foo>=2");
      assertFailed(FailureCategory.CONFLICT,
          "Because you require app which depends on foo<2.0, you require foo<2.0.\n"
              + "And because you require foo>=2.0, there is no solution.", r);
    }
  }

  @Nested
  class Distributions {
    private final TestIndex index = TestIndex.create()
        .release("foo", "1.0", false, null, wheel("foo", "1.0", "py3-none-any"))
        .release("foo", "2.0", false, null,
            wheel("foo", "2.0", "cp312-cp312-win_amd64"), sdist("foo", "2.0"));

    @Test
    void sdistWhenNoWheelFits() {
      Resolution r = index.resolver().resolve(List.of("foo"), CP312, Policy.WHEELS_AND_SDIST,
          Budget.DEFAULT);
      assertResolved("foo==2.0", r);
      assertEquals(new Pin("foo", "2.0", "foo-2.0.tar.gz", "sdist", List.of()), r.pin("foo"));
    }

    @Test
    void wheelBeatsSdist() {
      Resolution r = index.resolver().resolve(List.of("foo"), WIN, Policy.WHEELS_AND_SDIST,
          Budget.DEFAULT);
      assertEquals(new Pin("foo", "2.0", "foo-2.0-cp312-cp312-win_amd64.whl", "wheel", List.of()),
          r.pin("foo"));
    }

    @Test
    void wheelsOnlyFallsBackToAnOlderVersion() {
      Resolution r = index.resolver().resolve(List.of("foo"), CP312, Policy.WHEELS_ONLY,
          Budget.DEFAULT);
      assertEquals(new Pin("foo", "1.0", "foo-1.0-py3-none-any.whl", "wheel", List.of()),
          r.pin("foo"));
    }

    @Test
    void wheelsOnlyWithoutAnyFittingWheel() {
      Resolution r = index.resolver().resolve(List.of("foo>=2"), CP312, Policy.WHEELS_ONLY,
          Budget.DEFAULT);
      assertFailed(FailureCategory.NO_DISTRIBUTION_FOR_TARGET, "Because you require foo>=2.0"
          + " which has no wheel for cp312-manylinux_2_39_x86_64 (and sdists are not allowed),"
          + " there is no solution.", r);
    }

    @Test
    void noWheelAndNoSdist() {
      Resolution r = resolve(TestIndex.create()
          .release("foo", "1.0", false, null, wheel("foo", "1.0", "cp312-cp312-win_amd64"))
          .release("foo", "1.1", false, null), "foo");
      assertFailed(FailureCategory.NO_DISTRIBUTION_FOR_TARGET, String.join("\n",
          "Because foo<1.1 has no wheel for cp312-manylinux_2_39_x86_64 and no sdist and foo>=1.1"
              + " has no files, no version of foo can be used.",
          "And because you require foo, there is no solution."), r);
    }

    @Test
    void abi3WheelPickedOnNewerCPython() {
      TestIndex idx = TestIndex.create().release("foo", "1.0", false, null,
          wheel("foo", "1.0", "cp311-cp311-manylinux_2_17_x86_64", "old-abi"),
          wheel("foo", "1.0", "py3-none-any", "pure"),
          wheel("foo", "1.0", "cp38-abi3-manylinux_2_17_x86_64", "stable"),
          sdist("foo", "1.0", "source"))
          .pure("old-abi", "1").pure("pure", "1").pure("stable", "1").pure("source", "1");
      Resolution r = idx.resolver().resolve(List.of("foo"), CP312);
      assertEquals("foo-1.0-cp38-abi3-manylinux_2_17_x86_64.whl", r.pin("foo").filename());
      // the chosen file's own requirements are the dependencies
      assertResolved("foo==1.0 stable==1", r);
      Resolution older = idx.resolver().resolve(List.of("foo"), CP311);
      assertEquals("foo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", older.pin("foo").filename());
      assertResolved("foo==1.0 old-abi==1", older);
    }

    @Test
    void bestRankedWheelWins() {
      Resolution r = resolve(TestIndex.create().release("foo", "1.0", false, null,
          wheel("foo", "1.0", "py3-none-any"),
          wheel("foo", "1.0", "cp312-cp312-manylinux_2_17_x86_64"),
          wheel("foo", "1.0", "cp312-cp312-manylinux_2_28_x86_64")), "foo");
      assertEquals("foo-1.0-cp312-cp312-manylinux_2_28_x86_64.whl", r.pin("foo").filename());
    }

    @Test
    void sdistRequirementsPerPythonKey() {
      TestIndex idx = TestIndex.create().release("foo", "1.0", false, null,
          Distribution.sdist("foo-1.0.tar.gz", null, false, List.of("generic"),
              Map.of("312", List.of("only312"))))
          .pure("generic", "1").pure("only312", "1");
      assertResolved("foo==1.0 only312==1", idx.resolver().resolve(List.of("foo"), CP312));
      assertResolved("foo==1.0 generic==1", idx.resolver().resolve(List.of("foo"), CP311));
    }
  }

  @Nested
  class RequiresPython {
    private final TestIndex index = TestIndex.create()
        .pure("foo", "1.0")
        .release("foo", "2.0", false, ">=3.13", wheel("foo", "2.0", "py3-none-any"))
        .release("foo", "2.1", false, ">=3.13", wheel("foo", "2.1", "py3-none-any"));

    @Test
    void releasesRequiringANewerPythonAreSkipped() {
      assertResolved("foo==1.0", index.resolver().resolve(List.of("foo"), CP312));
      assertResolved("foo==2.1", index.resolver().resolve(List.of("foo"), CP313));
    }

    @Test
    void requiresPythonFailure() {
      assertFailed(FailureCategory.REQUIRES_PYTHON, "Because you require foo>=2.0 which requires"
          + " Python >=3.13 (the target has 3.12.13), there is no solution.",
          resolve(index, "foo>=2"));
    }

    @Test
    void fileRequiresPythonCounts() {
      Resolution r = resolve(TestIndex.create().release("foo", "1.0", false, null,
          Distribution.wheel("foo-1.0-py3-none-any.whl", "<3", false, List.of())), "foo");
      assertFailed(FailureCategory.REQUIRES_PYTHON, "Because you require foo which requires"
          + " Python <3 (the target has 3.12.13), there is no solution.", r);
    }

    @Test
    void requiresPythonUsesTheFullVersion() {
      Resolution r = resolve(TestIndex.create()
          .release("foo", "1.0", false, ">=3.12.14", wheel("foo", "1.0", "py3-none-any"))
          .release("foo", "0.9", false, ">=3.12.13", wheel("foo", "0.9", "py3-none-any")),
          "foo");
      assertResolved("foo==0.9", r);
    }

    @Test
    void invalidRequiresPythonIsIgnoredAndNoted() {
      Resolution r = resolve(TestIndex.create()
          .release("foo", "1.0", false, "=>3.6", wheel("foo", "1.0", "py3-none-any")), "foo");
      assertResolved("foo==1.0", r);
      assertEquals(List.of("foo 1.0: ignored invalid Requires-Python '=>3.6'"), r.warnings());
    }

    @Test
    void requiresPythonInsideAConflict() {
      Resolution r = resolve(TestIndex.create()
          .pure("app", "1.0", "lib>=2")
          .pure("lib", "1.0")
          .release("lib", "2.0", false, ">=3.13", wheel("lib", "2.0", "py3-none-any")), "app");
      assertFailed(FailureCategory.REQUIRES_PYTHON, String.join("\n",
          "Because app depends on lib>=2.0 which requires Python >=3.13 (the target has 3.12.13),"
              + " no version of app can be used.",
          "And because you require app, there is no solution."), r);
    }
  }

  @Nested
  class Failures {
    @Test
    void unknownProject() {
      Resolution r = resolve(TestIndex.create().pure("foo", "1.0"), "foo", "No_Such.Thing>=1");
      assertFailed(FailureCategory.NO_SUCH_PROJECT, "Because you require no-such-thing>=1,"
          + " which is not in the package index, there is no solution.", r);
      assertTrue(r.consulted().contains("no-such-thing"), r.consulted().toString());
    }

    @Test
    void unknownTransitiveProject() {
      Resolution r = resolve(TestIndex.create().pure("foo", "1.0", "ghost"), "foo");
      assertFailed(FailureCategory.NO_SUCH_PROJECT, "Because you require foo which depends on"
          + " ghost, which is not in the package index, there is no solution.", r);
    }

    @Test
    void unknownTransitiveProjectAvoidedByBacktracking() {
      Resolution r = resolve(TestIndex.create().pure("foo", "1.0").pure("foo", "2.0", "ghost"),
          "foo");
      assertResolved("foo==1.0", r);
      assertEquals(List.of("foo", "ghost"), r.consulted());
    }

    @Test
    void noMatchingVersion() {
      assertFailed(FailureCategory.NO_MATCHING_VERSION, "Because you require foo>=5, which"
          + " matches no version of foo, there is no solution.",
          resolve(TestIndex.create().pure("foo", "1.0"), "foo>=5"));
    }

    @Test
    void unparsableRootRequirement() {
      Resolution r = resolve(TestIndex.create().pure("foo", "1.0"), "foo", "bar>=");
      assertEquals(FailureCategory.INVALID_REQUIREMENT, r.failure());
      assertTrue(r.explanation().startsWith("Invalid requirement 'bar>=': "), r.explanation());
      assertEquals(List.of(), r.consulted());
    }

    @Test
    void directUrlRootRequirement() {
      Resolution r = resolve(TestIndex.create().pure("foo", "1.0"),
          "foo @ https://example.com/foo-1.0.tar.gz");
      assertEquals(FailureCategory.INVALID_REQUIREMENT, r.failure());
    }

    @Test
    void emptyRequirementsResolveToNothing() {
      Resolution r = resolve(TestIndex.create());
      assertResolved("", r);
    }
  }

  @Nested
  class Budgets {
    private final TestIndex index = TestIndex.create()
        .pure("a", "1.0", "b").pure("b", "1.0", "c").pure("c", "1.0");

    @Test
    void tinyStepBudgetIsExhausted() {
      Resolution r = index.resolver().resolve(List.of("a"), CP312, Policy.WHEELS_AND_SDIST,
          new Budget(3, 10_000));
      assertEquals(FailureCategory.BUDGET_EXHAUSTED, r.failure());
      assertTrue(r.explanation().startsWith("Gave up after 3 steps"), r.explanation());
      assertTrue(r.pins().isEmpty());
      Resolution enough = index.resolver().resolve(List.of("a"), CP312,
          Policy.WHEELS_AND_SDIST, new Budget(r.steps() + 100, 10_000));
      assertResolved("a==1.0 b==1.0 c==1.0", enough);
    }

    @Test
    void solverTimeLimitIsNotAVerdict() {
      TestIndex chain = TestIndex.create();
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        if (i + 1 < n) {
          chain.pure("p" + i, "1.0", "p" + (i + 1));
        } else {
          chain.pure("p" + i, "1.0");
        }
      }
      Resolution r = chain.resolver().resolve(List.of("p0"), CP312, Policy.WHEELS_AND_SDIST,
          new Budget(10_000_000, 1));
      assertEquals(FailureCategory.TIME_LIMIT, r.failure());
      assertTrue(r.explanation().contains("This is not a verdict"), r.explanation());
    }

    @Test
    void longChainsResolveWithoutDeepRecursion() {
      TestIndex chain = TestIndex.create();
      int n = 3_000;
      for (int i = 0; i < n; i++) {
        chain.pure("p" + i, "1.0", "p" + ((i + 1) % n));
      }
      Resolution r = chain.resolver().resolve(List.of("p0"), CP312, Policy.WHEELS_AND_SDIST,
          new Budget(1_000_000, 60_000));
      assertEquals(n, r.pins().size());
      assertEquals(1, r.cycles().size());
      assertEquals(n, r.cycles().get(0).size());
    }
  }

  @Nested
  class Determinism {
    private final TestIndex index = TestIndex.create()
        .pure("foo", "1.0", "a", "b").pure("foo", "2.0", "a>=2", "b<2")
        .pure("a", "1.0").pure("a", "2.0", "b>=2")
        .pure("b", "1.0").pure("b", "2.0");

    @Test
    void sameInputSameResult() {
      Resolution first = resolve(index, "foo");
      Resolver shared = index.resolver();
      List<Resolution> again = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        again.add(shared.resolve(List.of("foo"), CP312));
      }
      again.add(resolve(index, "foo"));
      for (Resolution r : again) {
        assertEquals(pins(first), pins(r));
        assertEquals(first.steps(), r.steps());
        assertEquals(first.explanation(), r.explanation());
        assertEquals(first.consulted(), r.consulted());
      }
      assertResolved("a==2.0 b==2.0 foo==1.0", first);
      assertTrue(first.steps() > 0);
      assertTrue(first.micros() >= 0);
      assertNull(first.failure());
    }

    @Test
    void fewestCandidatesDecidedFirstThenByName() {
      // zeta has one candidate, so it is decided first: alpha then has to take 1.0
      Resolution r = resolve(TestIndex.create()
          .pure("alpha", "1.0").pure("alpha", "2.0", "zeta<1").pure("alpha", "3.0", "zeta<1")
          .pure("zeta", "0.1").pure("zeta", "1.0"), "alpha", "zeta>=1");
      assertResolved("alpha==1.0 zeta==1.0", r);
    }
  }
}
