package dev.pypidb.pypa.resolver;

import static dev.pypidb.pypa.resolver.Fixtures.assertFailed;
import static dev.pypidb.pypa.resolver.Fixtures.assertResolved;
import static dev.pypidb.pypa.resolver.Fixtures.resolve;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of Dart pub's solver.md, with {@code ^1.0.0} written {@code >=1.0.0,<2.0.0}. */
class PubGrubExamplesTest {

  @Test
  void noConflicts() {
    Resolution r = resolve(TestIndex.create()
        .pure("foo", "1.0.0", "bar>=1.0.0,<2.0.0")
        .pure("bar", "1.0.0").pure("bar", "2.0.0"), "foo>=1.0.0,<2.0.0");
    assertResolved("bar==1.0.0 foo==1.0.0", r);
    assertEquals(List.of("bar", "foo"), r.consulted());
  }

  @Test
  void avoidingConflictDuringDecisionMaking() {
    Resolution r = resolve(TestIndex.create()
        .pure("foo", "1.0.0").pure("foo", "1.1.0", "bar>=2.0.0,<3.0.0")
        .pure("bar", "1.0.0").pure("bar", "1.1.0").pure("bar", "2.0.0"),
        "foo>=1.0.0,<2.0.0", "bar>=1.0.0,<2.0.0");
    assertResolved("bar==1.1.0 foo==1.0.0", r);
  }

  @Test
  void performingConflictResolution() {
    Resolution r = resolve(TestIndex.create()
        .pure("foo", "1.0.0").pure("foo", "2.0.0", "bar>=1.0.0,<2.0.0")
        .pure("bar", "1.0.0", "foo>=1.0.0,<2.0.0"), "foo>=1.0.0");
    // foo 2.0.0 is learned to be impossible; bar is consulted but not part of the solution
    assertResolved("foo==1.0.0", r);
    assertEquals(List.of("bar", "foo"), r.consulted());
  }

  @Test
  void conflictResolutionWithAPartialSatisfier() {
    Resolution r = resolve(TestIndex.create()
        .pure("foo", "1.0.0")
        .pure("foo", "1.1.0", "left>=1.0.0,<2.0.0", "right>=1.0.0,<2.0.0")
        .pure("left", "1.0.0", "shared>=1.0.0")
        .pure("right", "1.0.0", "shared<2.0.0")
        .pure("shared", "2.0.0")
        .pure("shared", "1.0.0", "target>=1.0.0,<2.0.0")
        .pure("target", "2.0.0").pure("target", "1.0.0"),
        "foo>=1.0.0,<2.0.0", "target>=2.0.0,<3.0.0");
    assertResolved("foo==1.0.0 target==2.0.0", r);
  }

  @Test
  void linearErrorReporting() {
    Resolution r = resolve(TestIndex.create()
        .pure("foo", "1.0.0", "bar>=2.0.0,<3.0.0")
        .pure("bar", "2.0.0", "baz>=3.0.0,<4.0.0")
        .pure("baz", "1.0.0").pure("baz", "3.0.0"),
        "foo>=1.0.0,<2.0.0", "baz>=1.0.0,<2.0.0");
    assertFailed(FailureCategory.CONFLICT, String.join("\n",
        "Because foo depends on bar which depends on baz>=3.0.0, foo requires baz>=3.0.0.",
        "And because you require foo and baz<3.0.0, there is no solution."), r);
  }

  @Test
  void branchingErrorReporting() {
    Resolution r = resolve(TestIndex.create()
        .pure("foo", "1.0.0", "a>=1.0.0,<2.0.0", "b>=1.0.0,<2.0.0")
        .pure("foo", "1.1.0", "x>=1.0.0,<2.0.0", "y>=1.0.0,<2.0.0")
        .pure("a", "1.0.0", "b>=2.0.0,<3.0.0")
        .pure("b", "1.0.0").pure("b", "2.0.0")
        .pure("x", "1.0.0", "y>=2.0.0,<3.0.0")
        .pure("y", "1.0.0").pure("y", "2.0.0"),
        "foo>=1.0.0,<2.0.0");
    assertFailed(FailureCategory.CONFLICT, String.join("\n",
        "    Because foo<1.1.0 depends on a which depends on b>=2.0.0, foo<1.1.0 requires b>=2.0.0.",
        "(1) And because foo<1.1.0 depends on b<2.0.0, foo<1.1.0 cannot be used.",
        "",
        "    Because foo>=1.1.0 depends on x which depends on y>=2.0.0, foo>=1.1.0 requires y>=2.0.0.",
        "    And because foo>=1.1.0 depends on y<2.0.0, foo>=1.1.0 cannot be used.",
        "    And because foo<1.1.0 cannot be used (1), no version of foo can be used.",
        "    And because you require foo, there is no solution."), r);
  }
}
