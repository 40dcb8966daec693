package dev.pypidb.pipelines.common;

import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFile;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.tables.ManifestPart;
import dev.pypidb.pipelines.tables.WrittenShard;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

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
}
