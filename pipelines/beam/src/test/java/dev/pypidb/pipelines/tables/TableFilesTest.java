package dev.pypidb.pipelines.tables;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.pypidb.pipelines.storage.Storage;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Readers find a table's files the way the commit left them: on an object store (here laid out
 * in a local directory) only the manifest says which attempt-scoped files belong to a table.
 */
public class TableFilesTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void theManifestDecidesWhichFilesBelongToATable() throws Exception {
    String root = tmp.getRoot().toString();
    for (String f : List.of(".attempt-a/part-00000-of-00002.parquet", ".attempt-b/part-00001-of-00002.parquet",
        ".attempt-killed/part-00000-of-00002.parquet", "part-00000-of-00002.parquet")) {
      Storage.writeString(Storage.resolve(root, "releases/" + f), "x");
    }
    Storage.writeString(Storage.resolve(root, Manifests.FILE), """
        {"pipeline": "normalize", "tables": {"releases": {"rows": 3, "files":
          [".attempt-a/part-00000-of-00002.parquet", ".attempt-b/part-00001-of-00002.parquet"]}}}
        """);
    TableFiles files = TableFiles.of(root);
    assertEquals(List.of(Storage.resolve(root, "releases/.attempt-a/part-00000-of-00002.parquet"),
        Storage.resolve(root, "releases/.attempt-b/part-00001-of-00002.parquet")), files.files(Table.RELEASES));
    assertEquals(2, files.shardCount());
    assertEquals(Storage.resolve(root, "releases/.attempt-b/part-00001-of-00002.parquet"),
        files.shard(Table.RELEASES, 1, 2));

    // what finalize deletes once the manifest is written: everything it does not list
    FinalizeOutput.removeUnlisted(Storage.resolve(root, "releases"),
        List.of(".attempt-a/part-00000-of-00002.parquet", ".attempt-b/part-00001-of-00002.parquet"));
    assertEquals(List.of(".attempt-a", ".attempt-b"), Storage.childNames(Storage.resolve(root, "releases")));
  }

  @Test
  public void withoutAManifestTheDirectoryIsListed() throws Exception {
    String root = tmp.getRoot().toString();
    for (String f : List.of("part-00000-of-00001.parquet", ".hidden.parquet", "_SUCCESS", "notes.txt")) {
      Storage.writeString(Storage.resolve(root, "files/" + f), "x");
    }
    assertEquals(List.of(Storage.resolve(root, "files/part-00000-of-00001.parquet")),
        TableFiles.of(root).files(Table.FILES));
    assertTrue(TableFiles.of(root).files(Table.RELEASES).isEmpty());
    Storage.writeString(Storage.resolve(root, ResolverGraphFiles.DIR + "/part-00000-of-00001.graph"), "x");
    Storage.writeString(Storage.resolve(root, ResolverGraphFiles.DIR + "/.attempt-a/part-00000-of-00001.graph"), "x");
    assertEquals(List.of(Storage.resolve(root, ResolverGraphFiles.DIR + "/part-00000-of-00001.graph")),
        TableFiles.of(root).files(ResolverGraphFiles.DIR));
  }

  @Test
  public void theStagesOfAllAreListedToo() throws Exception {
    String root = tmp.getRoot().toString();
    Storage.writeString(Storage.resolve(root, Manifests.FILE), """
        {"pipeline": "normalize", "tables": {}, "stages": {"abi-stats": {"tables":
          {"abi_stats/by_abi": {"rows": 1, "files": ["part-00000-of-00001.parquet"]}}}}}
        """);
    assertEquals(List.of(Storage.resolve(root, "abi_stats/by_abi/part-00000-of-00001.parquet")),
        TableFiles.of(root).files("abi_stats/by_abi"));
  }
}
