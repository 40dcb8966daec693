package dev.pypidb.fetch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to fetch, from where, into where, and how politely.
 *
 * @param index the Simple Repository API root, ending in {@code /} (e.g. https://pypi.org/simple/)
 * @param previous an earlier raw tree whose unchanged projects are linked, or null
 * @param projects canonical names to fetch, or null for every project the root lists
 * @param refresh canonical names fetched again even when their serial or ETag says unchanged
 * @param concurrency projects in flight, and requests in flight to one host
 * @param fsync whether files and directories are synced before they are renamed into place
 * @param progressEvery how often a progress line goes to stderr (zero: never)
 */
public record FetchConfig(URI index, Path output, Path previous, List<String> projects, Set<String> refresh,
    ArchiveMode archives, int concurrency, Duration timeout, RetryPolicy retry, boolean fsync, String userAgent,
    Duration progressEvery) {

  /**
   * pypidb's User-Agent: {@code pypidb/<version> (fetch)}, with the operator's contact
   * ({@code --contact}: a URL or an e-mail address, as PyPI asks of mirrors) when given.
   */
  public static String userAgent(String version, String contact) {
    return "pypidb/" + version + " (fetch" + (contact == null || contact.isBlank() ? "" : "; +" + contact.strip()) + ")";
  }

  public FetchConfig {
    if (!index.toString().endsWith("/")) {
      index = URI.create(index + "/");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
    }
    projects = projects == null ? null : List.copyOf(projects);
    refresh = Set.copyOf(refresh);
  }
}
