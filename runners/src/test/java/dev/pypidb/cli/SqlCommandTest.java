package dev.pypidb.cli;

import static org.junit.Assert.assertEquals;

import dev.pypidb.pipelines.storage.Storage;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What `pypidb sql` makes views of: the manifest's Parquet tables, not the resolver graph. */
public class SqlCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void viewsOfTheParquetTablesOnly() throws Exception {
    String root = tmp.getRoot().toString();
    Storage.writeString(Storage.resolve(root, "releases/.attempt-a/part-00000-of-00001.parquet"), "x");
    Storage.writeString(Storage.resolve(root, "resolver_graph/.attempt-a/part-00000-of-00001.graph"), "x");
    Storage.writeString(Storage.resolve(root, "manifest.json"), """
        {"pipeline": "normalize", "tables": {
          "releases": {"rows": 1, "files": [".attempt-a/part-00000-of-00001.parquet"]},
          "resolver_graph": {"rows": 1, "files": [".attempt-a/part-00000-of-00001.graph"]}}}
        """);
    Map<String, List<String>> tables = SqlCommand.tableFiles(root);
    assertEquals(Map.of("releases", List.of(Storage.resolve(root, "releases/.attempt-a/part-00000-of-00001.parquet"))),
        tables);
  }
}
