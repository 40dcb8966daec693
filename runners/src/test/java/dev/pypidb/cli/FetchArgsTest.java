package dev.pypidb.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import org.junit.Test;

/** fetch and sync keep their raw tree on a local disk, and say so for any other store. */
public class FetchArgsTest {
  @Test
  public void aRawTreeIsLocal() {
    assertEquals(Path.of("/data/raw"), FetchArgs.localTree("--output", "/data/raw"));
    assertEquals(Path.of("/data/raw"), FetchArgs.localTree("--output", "file:///data/raw"));
    for (String remote : new String[] {"s3://AKIA:secret@bucket/raw", "hdfs://nn:9000/raw"}) {
      try {
        FetchArgs.localTree("--db", remote);
        fail(remote + " must be refused");
      } catch (UsageException e) {
        assertTrue(e.getMessage(), e.getMessage().startsWith("--db ") && e.getMessage().contains("local disk only"));
        assertTrue("no credentials in " + e.getMessage(), !e.getMessage().contains("secret"));
      }
    }
  }
}
