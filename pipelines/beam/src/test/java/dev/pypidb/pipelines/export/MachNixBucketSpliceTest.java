package dev.pypidb.pipelines.export;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

public class MachNixBucketSpliceTest {
  private static final List<KV<String, String>> ENTRIES = List.of(
      KV.of("a.b", "{\n    \"1.0\": {\n      \"x.whl\": \"1.1@x.whl\"\n    }\n  }"),
      KV.of("q\"uote\\d", "[]"),
      KV.of("zope-interface", "{\n    \"5.0\": {\n      \"  \\\"tricky\\\"\": null\n    }\n  }"));

  @Test
  public void splitsWhatItWritesBackIntoTheSameEntries() throws IOException {
    String text = MachNixBucketSplice.text(ENTRIES);
    assertEquals(ENTRIES, MachNixBucketSplice.entries(text));
    assertEquals(text, MachNixBucketSplice.text(MachNixBucketSplice.entries(text)));
    assertEquals("{}", MachNixBucketSplice.text(List.of()));
    assertEquals(List.of(), MachNixBucketSplice.entries("{}"));
  }

  @Test
  public void replacesOnlyTheChangedProjectsEntries() throws IOException {
    String text = MachNixBucketSplice.text(ENTRIES);
    String spliced = MachNixBucketSplice.splice(text, Set.of("a-b", "new"), List.of(KV.of("new", "{}")));
    assertEquals(MachNixBucketSplice.text(List.of(ENTRIES.get(1), ENTRIES.get(2), KV.of("new", "{}"))), spliced);
  }

  @Test
  public void refusesTextItDidNotWrite() {
    assertThrows(IOException.class, () -> MachNixBucketSplice.entries("[1, 2]"));
  }
}
