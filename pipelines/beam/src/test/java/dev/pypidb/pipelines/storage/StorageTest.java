package dev.pypidb.pipelines.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Locations of every store, and the file operations on local paths (HDFS and S3: scripts/test). */
public class StorageTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void locationsOfEveryStore() {
    assertEquals("file", Storage.scheme("/data/out"));
    assertEquals("file", Storage.scheme("relative/out"));
    assertEquals("hdfs", Storage.scheme("hdfs://nn:9000/out"));
    assertEquals("s3", Storage.scheme("S3://bucket/out"));
    assertTrue(Storage.isObjectStore("s3://bucket/out"));
    assertFalse(Storage.hasAtomicRename("s3://bucket/out"));
    assertTrue(Storage.hasAtomicRename("hdfs://nn:9000/out"));
    assertTrue(Storage.hasAtomicRename("/data/out"));

    assertEquals("hdfs://nn:9000/out/releases", Storage.resolve("hdfs://nn:9000/out/", "releases"));
    assertEquals("s3://bucket/out/a/b.json", Storage.resolve("s3://bucket/out", "a/b.json"));
    assertEquals("/data/out/releases", Storage.resolve("/data/out", "releases"));
    assertEquals("s3://bucket/out", Storage.parent("s3://bucket/out/releases"));
    assertEquals("s3://bucket/", Storage.parent("s3://bucket/out"));
    assertNull(Storage.parent("s3://bucket"));
    assertEquals("part-0.parquet", Storage.name("hdfs://nn:9000/out/releases/part-0.parquet"));
    assertEquals("out", Storage.name("s3://bucket/out/"));
    assertEquals("/data/out", Storage.localPath("file:///data/out").toString());
    assertEquals("/data/out", Storage.localPath("file:/data/out").toString());
  }

  @Test
  public void credentialsInAUrlAreNeverShown() {
    assertEquals("s3://bucket/key", Storage.display("s3://AKIA:secret@bucket/key"));
    assertEquals("hdfs://nn:9000/out", Storage.display("hdfs://nn:9000/out"));
  }

  @Test
  public void filesAndDirectories() throws Exception {
    String root = tmp.getRoot().toString();
    String a = Storage.resolve(root, "d/a.txt");
    Storage.writeString(a, "one");
    Storage.writeAtomically(Storage.resolve(root, "d/e/b.txt"), "two".getBytes());
    Storage.writeString(Storage.resolve(root, "d/.hidden"), "");
    assertTrue(Storage.isFile(a));
    assertFalse(Storage.isFile(Storage.resolve(root, "d")));
    assertTrue(Storage.isDirectory(Storage.resolve(root, "d")));
    assertEquals(3, Storage.sizeIfExists(a));
    assertEquals(-1, Storage.sizeIfExists(Storage.resolve(root, "missing")));
    assertEquals("one", Storage.readString(a));
    assertEquals(List.of(".hidden", "a.txt", "e"), Storage.childNames(Storage.resolve(root, "d")));
    List<Storage.Entry> files = Storage.walkFiles(Storage.resolve(root, "d"));
    assertEquals(3, files.size());
    assertEquals("b.txt", files.get(2).name());
    assertEquals(1, Storage.glob(Storage.resolve(root, "d/*.txt")).size());
    assertEquals(List.of(".hidden", "a.txt"), Storage.files(Storage.resolve(root, "d")).stream()
        .map(Storage.Entry::name).toList()); // not e/, nor what is in it
    assertEquals(List.of(), Storage.files(Storage.resolve(root, "missing")));
    assertEquals(2, Storage.glob(Storage.resolve(root, "d/**.txt")).size());

    Storage.rename(a, Storage.resolve(root, "moved/a.txt"));
    assertFalse(Storage.isFile(a));
    assertEquals("one", Storage.readString(Storage.resolve(root, "moved/a.txt")));
    // no temporary file stays beside an atomically written one
    assertEquals(List.of("b.txt"), Storage.childNames(Storage.resolve(root, "d/e")));

    Storage.deleteTree(Storage.resolve(root, "d"));
    assertFalse(Files.exists(Path.of(root, "d")));
    Storage.deleteTree(Storage.resolve(root, "d")); // nothing there: nothing to do
    Storage.checkWritable(Storage.resolve(root, "new/out"));
    assertEquals(List.of(), Storage.childNames(Storage.resolve(root, "new/out")));
  }

  @Test
  public void aStoreThatCannotSeekIsReadFromALocalCopyDeletedOnClose() throws Exception {
    byte[] bytes = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Path copy;
    try (LocalCopyChannel c = LocalCopyChannel.of(
        java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes)))) {
      assertEquals(10, c.size());
      c.position(7);
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
      assertEquals(3, c.read(b));
      assertEquals("789", new String(b.array(), 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
      c.position(0);
      b.clear();
      assertEquals(8, c.read(b));
      assertEquals(8, c.position());
      copy = scratchOf();
      assertTrue(Files.isDirectory(copy));
    }
    assertFalse("the copy and its directory are gone", Files.exists(copy));
  }

  /** The newest scratch directory of this process. */
  private static Path scratchOf() throws java.io.IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"), "pypidb-scratch");
    try (var s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(ProcessHandle.current().pid() + "-"))
          .filter(p -> Files.exists(p.resolve("copy")))
          .findFirst().orElseThrow();
    }
  }
}
