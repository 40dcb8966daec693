package dev.pypidb.pypa.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pypidb.pypa.tags.Target;
import java.util.List;
import java.util.stream.Collectors;

/** Shared targets and assertions. */
final class Fixtures {
  private Fixtures() {}

  static final Target CP312 = Target.parse("cp312-manylinux_2_39_x86_64");
  static final Target CP313 = Target.parse("cp313-manylinux_2_39_x86_64");
  static final Target CP311 = Target.parse("cp311-manylinux_2_39_x86_64");
  static final Target CP37 = Target.parse("cp37-manylinux_2_17_x86_64");
  static final Target WIN = Target.parse("cp312-win_amd64");

  static Resolution resolve(TestIndex index, String... requirements) {
    return index.resolver().resolve(List.of(requirements), CP312);
  }

  /** "name==version" of every pin, extras included, sorted. */
  static String pins(Resolution r) {
    return r.pins().stream().map(Pin::toString).collect(Collectors.joining(" "));
  }

  static void assertResolved(String expectedPins, Resolution r) {
    assertEquals(Resolution.Status.RESOLVED, r.status(), r.explanation());
    assertEquals(expectedPins, pins(r));
  }

  static void assertFailed(FailureCategory category, String explanation, Resolution r) {
    assertEquals(Resolution.Status.FAILED, r.status(), () -> "resolved: " + pins(r));
    assertEquals(explanation, r.explanation());
    assertEquals(category, r.failure(), r.explanation());
  }
}
