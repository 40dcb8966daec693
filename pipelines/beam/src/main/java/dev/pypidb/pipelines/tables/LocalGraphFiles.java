package dev.pypidb.pipelines.tables;

import dev.pypidb.graph.GraphFile;
import dev.pypidb.pipelines.storage.Scratch;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolver graph files of any store made ready to memory-map (a map needs a local file): a
 * local file is mapped where it lies; a file of another store (HDFS, S3) is first copied into a
 * scratch directory of this JVM ({@link Scratch#temporary}), made on first need. {@link #close}
 * deletes the copies: close the {@link GraphFile}s opened from them first.
 */
public final class LocalGraphFiles implements AutoCloseable {
  private Path scratch;

  /** The local file to map for {@code location}: itself when local, else a fresh copy. */
  public Path local(String location) throws IOException {
    if (Storage.isLocal(location)) {
      return Storage.localPath(location);
    }
    if (scratch == null) {
      scratch = Scratch.temporary();
    }
    Path copy = Files.createTempFile(scratch, "", "-" + Storage.name(location));
    try (InputStream in = Storage.open(location)) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  /** The local files to map for {@code locations}, in order. */
  public List<Path> local(List<String> locations) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String l : locations) {
      out.add(local(l));
    }
    return out;
  }

  /** Opens the graph file at {@code location} (any store). */
  public GraphFile open(String location) throws IOException {
    return GraphFile.open(local(location));
  }

  @Override
  public void close() throws IOException {
    if (scratch != null) {
      Storage.deleteTree(scratch.toString());
      scratch = null;
    }
  }
}
