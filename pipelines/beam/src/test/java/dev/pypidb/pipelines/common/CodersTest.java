package dev.pypidb.pipelines.common;

import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFile;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.RawRecordCoder;
import dev.pypidb.pipelines.tables.ManifestPart;
import dev.pypidb.pipelines.tables.WrittenShard;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

/** The pipelines' own coders give back what they were given, nulls and non-ASCII included. */
public class CodersTest {
  @Test
  public void inputFiles() throws Exception {
    for (InputFormat f : InputFormat.values()) {
      for (InputFile.Layout l : InputFile.Layout.values()) {
        CoderProperties.coderDecodeEncodeEqual(InputFile.Coder.of(),
            new InputFile("s3://b/ünï/" + f + ".json.gz", f, l, 1L << 40));
      }
    }
    CoderProperties.coderDecodeEncodeEqual(InputFile.Coder.of(), new InputFile("undetected", null, null, 0));
    CoderProperties.coderDeterministic(InputFile.Coder.of(), new InputFile("a", InputFormat.ARCHIVES,
        InputFile.Layout.ARCHIVE), new InputFile("a", InputFormat.ARCHIVES, InputFile.Layout.ARCHIVE, 0));
  }

  @Test
  public void manifestPartsAndShards() throws Exception {
    WrittenShard shard = new WrittenShard("requirements", 3, 16, "hdfs://nn:9000/out/requirements/.attempt-x/p", 12);
    CoderProperties.coderDecodeEncodeEqual(WrittenShard.Coder.of(), shard);
    CoderProperties.coderDecodeEncodeEqual(ManifestPart.Coder.of(), ManifestPart.shard(shard));
    for (ManifestPart.Kind k : ManifestPart.Kind.values()) {
      CoderProperties.coderDecodeEncodeEqual(ManifestPart.Coder.of(), ManifestPart.count(k, "in/päge.json", -7));
    }
    CoderProperties.coderDecodeEncodeEqual(ManifestPart.Coder.of(), new ManifestPart(ManifestPart.Kind.STAT, null, 0, null));
    CoderProperties.coderDecodeEncodeEqual(DeadLetter.Coder.of(), new DeadLetter("in", 3, "archive", "unsafe: ..", null));
  }

  /** Python keys with equal payloads share one on the wire and after; other payloads stay apart. */
  @Test
  public void rawRecordsSdistPayloads() throws Exception {
    String shared = "{\"status\": \"ok\", \"install_requires\": [\"a\"]}";
    Map<String, String> builds = new HashMap<>();
    for (String key : new String[] {"27", "35", "36", "310", "314"}) {
      builds.put(key, key.equals("27") ? "{\"status\": \"error\"}" : new String(shared)); // equal, not the same
    }
    RawRecord r = RawRecord.builder(RawRecord.Kind.FILE, InputFormat.ARCHIVES, "in/a-1.0.tar.gz", 0)
        .project("a").sdistBuilds(builds).build();
    RawRecord back = CoderUtils.decodeFromByteArray(RawRecordCoder.of(), CoderUtils.encodeToByteArray(RawRecordCoder.of(), r));
    assertEquals(builds, back.sdistBuilds());
    assertSame(back.sdistBuilds().get("35"), back.sdistBuilds().get("314"));
    assertEquals("a", back.project());
    RawRecord none = RawRecord.builder(RawRecord.Kind.FILE, InputFormat.ARCHIVES, "in/b-1.0.whl", 0).project("b").build();
    assertEquals(none.sdistBuilds(), CoderUtils.decodeFromByteArray(RawRecordCoder.of(),
        CoderUtils.encodeToByteArray(RawRecordCoder.of(), none)).sdistBuilds());
  }
}
