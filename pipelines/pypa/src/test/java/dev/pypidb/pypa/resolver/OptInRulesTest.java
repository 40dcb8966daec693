package dev.pypidb.pypa.resolver;

import static dev.pypidb.pypa.resolver.Fixtures.assertFailed;
import static dev.pypidb.pypa.resolver.Fixtures.assertResolved;
import static dev.pypidb.pypa.resolver.Fixtures.resolve;
import static dev.pypidb.pypa.resolver.TestIndex.wheel;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * pip's opt-in rules over all requirements on a package (root and transitive) together: a
 * yanked version only when they pin it with {@code ==}/{@code ===} and leave nothing else (PEP
 * 592); a pre-release when one of them names a pre-release, or when no final release satisfies
 * them all (packaging's filter). One case per combination of root pin or range, transitive pin
 * or range, yanked and pre-release; {@code scripts/resolvelib/self_test.py} holds the same cases
 * for the resolvelib provider, and the answers are pip's.
 */
class OptInRulesTest {
  /**
   * b: 1.0, 1.5 (yanked), 2.0rc1, 3.0. Dependers: a (b>=1.0), pin (b==1.5), pre (b>=2.0rc1,<3),
   * below3 (b<3), mid (b>1.5,<3).
   */
  private static TestIndex index() {
    return TestIndex.create()
        .pure("b", "1.0")
        .release("b", "1.5", true, null, wheel("b", "1.5", "py3-none-any"))
        .pure("b", "2.0rc1")
        .pure("b", "3.0")
        .pure("a", "1.0", "b>=1.0")
        .pure("pin", "1.0", "b==1.5")
        .pure("pre", "1.0", "b>=2.0rc1,<3")
        .pure("below3", "1.0", "b<3")
        .pure("mid", "1.0", "b>1.5,<3");
  }

  @Nested
  class Yanked {
    @Test
    void rootPin() {
      assertResolved("b==1.5", resolve(index(), "b==1.5"));
      assertResolved("b==1.5", resolve(index(), "b===1.5"));
    }

    @Test
    void rootPinWithALooserTransitiveRange() {
      assertResolved("a==1.0 b==1.5", resolve(index(), "b==1.5", "a"));
    }

    @Test
    void transitivePinWithALooserRootRange() {
      assertResolved("b==1.5 pin==1.0", resolve(index(), "b>=1.0", "pin"));
    }

    @Test
    void transitivePinAlone() {
      assertResolved("b==1.5 pin==1.0", resolve(index(), "pin"));
    }

    @Test
    void aRangeNeverPicksAYankedVersion() {
      assertResolved("a==1.0 b==3.0", resolve(index(), "a"));
      assertResolved("b==1.0", resolve(index(), "b<2"));
      assertFailed(FailureCategory.NO_MATCHING_VERSION, "Because you require b<2,>1.0, which"
          + " matches only yanked versions of b, there is no solution.",
          resolve(index(), "b>1.0,<2"));
    }

    @Test
    void aWildcardIsNoPin() {
      assertResolved("b==1.0", resolve(index(), "b==1.*"));
    }

    @Test
    void aPinAndARangeThatExcludesIt() {
      assertFailed(FailureCategory.CONFLICT, String.join("\n",
          "Because pre depends on b==2.0rc1 and you require b==1.5, no version of pre can be used.",
          "And because you require pre, there is no solution."),
          resolve(index(), "b==1.5", "pre"));
    }
  }

  @Nested
  class Prereleases {
    @Test
    void rootPin() {
      assertResolved("b==2.0rc1", resolve(index(), "b==2.0rc1"));
    }

    @Test
    void rootPinWithALooserTransitiveRange() {
      assertResolved("a==1.0 b==2.0rc1", resolve(index(), "b==2.0rc1", "a"));
    }

    @Test
    void rootRangeNamingOneWithALooserTransitiveRange() {
      assertResolved("a==1.0 b==2.0rc1", resolve(index(), "b>=2.0rc1,<3", "a"));
      // naming a pre-release allows them all; the newest version is still a final one here
      assertResolved("a==1.0 b==3.0", resolve(index(), "b>=2.0rc1", "a"));
    }

    @Test
    void transitiveRangeNamingOneWithABareRootRequirement() {
      assertResolved("b==2.0rc1 pre==1.0", resolve(index(), "b", "pre"));
    }

    @Test
    void onlyAPreReleaseSatisfiesOneRequirement() {
      assertResolved("b==2.0rc1", resolve(index(), "b>1.5,<3"));
      assertResolved("b==2.0rc1 mid==1.0", resolve(index(), "mid"));
      assertResolved("b==2.0rc1 mid==1.0", resolve(index(), "b", "mid"));
    }

    @Test
    void onlyAPreReleaseSatisfiesTheRequirementsTogether() {
      // b>=1.6 alone matches 3.0, b<3 alone matches 1.0; together only 2.0rc1
      assertResolved("b==2.0rc1 below3==1.0", resolve(index(), "b>=1.6", "below3"));
    }

    @Test
    void withoutAnOptInFinalReleasesOnly() {
      assertResolved("b==1.0 below3==1.0", resolve(index(), "below3"));
      assertResolved("b==3.0", resolve(index(), "b>=1.6"));
    }

    @Test
    void anOptInFromAReleaseNotChosenDoesNotPickAPreRelease() {
      // c 2.0 names b's pre-release but cannot be installed (ghost is missing): c 1.0 is
      // chosen, and with it b's newest final release below 3, as pip does
      TestIndex t = index()
          .pure("c", "1.0")
          .pure("c", "2.0", "b>=2.0rc1,<3", "ghost");
      assertResolved("b==1.0 c==1.0", resolve(t, "c", "b<3"));
    }
  }

  @Nested
  class YankedPreRelease {
    /** d: 1.0, 2.0b1 (yanked). */
    private TestIndex yankedPre() {
      return TestIndex.create()
          .pure("d", "1.0")
          .release("d", "2.0b1", true, null, wheel("d", "2.0b1", "py3-none-any"))
          .pure("e", "1.0", "d>=0.5");
    }

    @Test
    void pinnedItIsChosen() {
      assertResolved("d==2.0b1", resolve(yankedPre(), "d==2.0b1"));
      assertResolved("d==2.0b1 e==1.0", resolve(yankedPre(), "d==2.0b1", "e"));
    }

    @Test
    void namedButNotPinnedItIsNot() {
      assertFailed(FailureCategory.NO_MATCHING_VERSION, "Because you require d>=2.0b1, which"
          + " matches only yanked versions of d, there is no solution.",
          resolve(yankedPre(), "d>=2.0b1"));
      assertResolved("d==1.0 e==1.0", resolve(yankedPre(), "e"));
    }
  }
}
