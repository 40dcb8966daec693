package dev.pypidb.pipelines.tables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Parquet files of a table, as a reader must find them: those the output's manifest lists
 * (on an object store they sit at attempt-scoped keys, and only the manifest says which belong
 * to the table); without a manifest that lists the table, the {@code *.parquet} files (the
 * resolver graph's {@code *.graph} files) in its directory (hidden and {@code _} names left out).
 */
public final class TableFiles {
  private static final Pattern PART = Pattern.compile("part-(\\d+)-of-(\\d+)\\.parquet");

  private final String root;
  private final JsonNode manifest;

  private TableFiles(String root, JsonNode manifest) {
    this.root = root;
    this.manifest = manifest;
  }

  /** The tables of output directory {@code root}, read from its manifest once. */
  public static TableFiles of(String root) throws IOException {
    return new TableFiles(root, Manifests.read(root));
  }

  /** The table's files, sorted by name; none when the table does not exist. */
  public List<String> files(String tableDir) throws IOException {
    String dir = Storage.resolve(root, tableDir);
    List<String> listed = Manifests.listedFiles(manifest, tableDir);
    List<String> out = new ArrayList<>();
    if (listed != null) {
      for (String f : listed) {
        out.add(Storage.resolve(dir, f));
      }
    } else if (!Storage.isObjectStore(dir)) {
      for (String name : Storage.childNames(dir)) {
        if ((name.endsWith(".parquet") || name.endsWith(".graph")) && !name.startsWith(".") && !name.startsWith("_")) {
          out.add(Storage.resolve(dir, name));
        }
      }
    }
    out.sort((a, b) -> Storage.name(a).compareTo(Storage.name(b)));
    return out;
  }

  /** The table's files. */
  public List<String> files(Table table) throws IOException {
    return files(table.dirName());
  }

  /** The file of shard {@code shard} of {@code shards} ({@code part-0000i-of-0000n.parquet}). */
  public String shard(Table table, int shard, int shards) throws IOException {
    String name = WrittenShard.partName(shard, shards);
    for (String f : files(table)) {
      if (Storage.name(f).equals(name)) {
        return f;
      }
    }
    throw new IOException("missing " + Storage.display(Storage.resolve(Storage.resolve(root, table.dirName()), name))
        + " (is " + Storage.display(root) + " a complete normalize output?)");
  }

  /** The number of shards of a normalize output (the part files of its releases table). */
  public int shardCount() throws IOException {
    List<String> files = files(Table.RELEASES);
    if (files.isEmpty()) {
      throw new IOException(Storage.display(root) + " has no releases/ table: pass a normalize output as --tables");
    }
    int n = -1;
    for (String f : files) {
      Matcher m = PART.matcher(Storage.name(f));
      if (!m.matches()) {
        throw new IOException(Storage.display(f) + " is not named part-I-of-N.parquet");
      }
      int of = Integer.parseInt(m.group(2));
      if (n >= 0 && of != n) {
        throw new IOException(Storage.display(Storage.resolve(root, Table.RELEASES.dirName()))
            + " mixes part files of " + n + " and " + of + " shards");
      }
      n = of;
    }
    if (files.size() != n) {
      throw new IOException(Storage.display(Storage.resolve(root, Table.RELEASES.dirName())) + " has "
          + files.size() + " of its " + n + " part files");
    }
    return n;
  }
}
