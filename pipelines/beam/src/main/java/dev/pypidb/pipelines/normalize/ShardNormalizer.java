package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.common.Progress;
import dev.pypidb.pipelines.read.RawRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;

/**
 * Normalizes the projects of one shard in name order: regroups the shard's records by project
 * on disk ({@link ProjectGroups}) and hands each project's {@link ProjectOutput} to a sink.
 * Full runs stream the rows into Parquet; updates merge them with the previous tables.
 */
public final class ShardNormalizer {
  /** Receives each project's rows, in name order. */
  public interface Sink {
    void accept(ProjectOutput project) throws IOException;
  }

  private final ProjectNormalizer normalizer = new ProjectNormalizer();

  /**
   * Normalizes every project among {@code records} (scratch files go under {@code scratch}) and
   * returns the records accepted per input.
   */
  public Map<String, Long> normalize(Path scratch, Iterable<KV<String, RawRecord>> records, Sink sink)
      throws IOException {
    Map<String, Long> accepted = new TreeMap<>();
    try (ProjectGroups groups = new ProjectGroups(scratch)) {
      for (KV<String, RawRecord> r : records) {
        groups.add(r.getKey(), r.getValue());
      }
      groups.forEachProject((name, projectRecords) -> {
        ProjectOutput result = normalizer.normalize(name, projectRecords);
        try {
          sink.accept(result);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        result.acceptedByInput().forEach((input, n) -> accepted.merge(input, n, Long::sum));
        Progress.add(NormalizeProjects.PROGRESS, projectRecords.size());
      });
    }
    return accepted;
  }
}
