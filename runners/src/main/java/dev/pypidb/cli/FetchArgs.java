package dev.pypidb.cli;

import dev.pypidb.fetch.ArchiveMode;
import dev.pypidb.fetch.FetchConfig;
import dev.pypidb.fetch.RetryPolicy;
import dev.pypidb.pipelines.common.Popularity;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.update.ChangeFeed;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options of {@code fetch} (and the fetch half of {@code sync}), parsed into a
 * {@link FetchConfig}; options it does not know are left for the pipeline options.
 */
final class FetchArgs {
  String index;
  String output;
  String previous;
  String projects;
  String projectsFile;
  int top = -1;
  String popular;
  String changes;
  ArchiveMode archives = ArchiveMode.NONE;
  int concurrency = 8;
  long timeoutMs = 30_000;
  int retries = RetryPolicy.DEFAULT.retries();
  long backoffMs = RetryPolicy.DEFAULT.base().toMillis();
  boolean allowFailures;
  boolean fsync = true;
  String contact;
  int progressSeconds = 10;
  final List<String> rest = new ArrayList<>();

  /**
   * @param topOption the name of the top-N option ({@code --top} for fetch; sync leaves
   *     {@code --top} to abi-stats and takes {@code --fetchTop})
   */
  static FetchArgs parse(String[] args, String topOption) {
    FetchArgs a = new FetchArgs();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      String v = kv.length == 2 ? kv[1] : null;
      switch (kv[0]) {
        case "--index" -> a.index = required(kv[0], v);
        case "--output" -> a.output = required(kv[0], v);
        case "--previous" -> a.previous = required(kv[0], v);
        case "--projects" -> a.projects = required(kv[0], v);
        case "--projects-file", "--projectsFile" -> a.projectsFile = required(kv[0], v);
        case "--changes" -> a.changes = required(kv[0], v);
        case "--archives" -> a.archives = usage(() -> ArchiveMode.parse(required(kv[0], v)));
        case "--concurrency" -> a.concurrency = integer(kv[0], v, 1, 256);
        case "--timeoutMs" -> a.timeoutMs = integer(kv[0], v, 100, 3_600_000);
        case "--retries" -> a.retries = integer(kv[0], v, 0, 100);
        case "--backoffMs" -> a.backoffMs = integer(kv[0], v, 0, 600_000);
        case "--progressSeconds" -> a.progressSeconds = integer(kv[0], v, 0, 86_400);
        case "--allowFailures" -> a.allowFailures = v == null || Boolean.parseBoolean(v);
        case "--fsync" -> a.fsync = v == null || Boolean.parseBoolean(v);
        case "--contact" -> a.contact = required(kv[0], v);
        default -> {
          if (kv[0].equals(topOption)) {
            a.top = integer(kv[0], v, 1, 10_000_000);
          } else if (kv[0].equals("--popular")) {
            a.popular = required(kv[0], v);
            a.rest.add(arg); // abi-stats reads it too
          } else {
            a.rest.add(arg);
          }
        }
      }
    }
    return a;
  }

  /**
   * A directory of a raw tree, which must be local: fetch's crash safety rests on renaming
   * whole project directories into place and on fsync, which HDFS and S3 do not offer alike.
   */
  static Path localTree(String option, String value) {
    if (!Storage.isLocal(value)) {
      throw new UsageException(option + " " + Storage.display(value) + ": fetch and sync write a raw tree on a local"
          + " disk only (crash safety needs local renames and fsync); copy the tree to HDFS or S3 afterwards,"
          + " where normalize and update read it");
    }
    return Storage.localPath(value);
  }

  /** The fetch configuration; {@code output} and {@code previous} as given (sync sets its own). */
  FetchConfig config(Path output, Path previous) {
    if (index == null) {
      throw new UsageException("--index is required: the Simple Repository API root, e.g. https://pypi.org/simple/");
    }
    URI uri;
    try {
      uri = URI.create(index);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--index " + index + " is not a URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new UsageException("--index must be an http:// or https:// URL, got " + index);
    }
    if (previous != null && !Files.isDirectory(previous)) {
      throw new UsageException("--previous " + previous + " is not a directory");
    }
    RetryPolicy retry = new RetryPolicy(retries, Duration.ofMillis(backoffMs),
        Duration.ofMillis(Math.max(backoffMs, RetryPolicy.DEFAULT.max().toMillis())), RetryPolicy.DEFAULT.maxRetryAfter());
    return new FetchConfig(uri, output, previous, selection(), refresh(), archives, concurrency,
        Duration.ofMillis(timeoutMs), retry, fsync, FetchConfig.userAgent(version(), contact), Duration.ofSeconds(progressSeconds));
  }

  /** The named projects (canonical), or null for every project of the index. */
  List<String> selection() {
    int ways = (projects != null ? 1 : 0) + (projectsFile != null ? 1 : 0) + (top > 0 ? 1 : 0);
    if (ways > 1) {
      throw new UsageException("give one of --projects, --projects-file and --top (with --popular)");
    }
    if (top > 0 && popular == null) {
      throw new UsageException("--top needs --popular=FILE (a top-pypi-packages JSON)");
    }
    Set<String> names = new LinkedHashSet<>();
    if (projects != null) {
      for (String p : projects.split(",")) {
        names.add(checked(p.strip(), "--projects"));
      }
    } else if (projectsFile != null) {
      try {
        for (String line : Files.readAllLines(Path.of(projectsFile), StandardCharsets.UTF_8)) {
          String l = line.strip();
          if (!l.isEmpty() && !l.startsWith("#")) {
            names.add(checked(l, "--projects-file " + projectsFile));
          }
        }
      } catch (IOException e) {
        throw new UsageException("--projects-file " + projectsFile + ": cannot read (" + e.getMessage() + ")");
      }
    } else if (top > 0) {
      usage(() -> Popularity.read(popular)).top(top).forEach(e -> names.add(e.name()));
    } else {
      return null;
    }
    if (names.isEmpty()) {
      throw new UsageException("the project selection is empty");
    }
    return List.copyOf(names);
  }

  /** The projects the change feed names. */
  Set<String> refresh() {
    if (changes == null) {
      return Set.of();
    }
    try {
      return ChangeFeed.read(changes).keySet();
    } catch (IOException e) {
      throw new UsageException("--changes " + changes + ": cannot read (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static String checked(String name, String where) {
    if (!ProjectNames.isValid(name)) {
      throw new UsageException(where + ": '" + name + "' is not a valid project name");
    }
    return ProjectNames.canonicalize(name);
  }

  static String version() {
    String v = FetchArgs.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }

  private static String required(String option, String value) {
    if (value == null || value.isEmpty()) {
      throw new UsageException(option + " needs a value (" + option + "=...)");
    }
    return value;
  }

  private static int integer(String option, String value, int min, int max) {
    try {
      int n = Integer.parseInt(required(option, value));
      if (n < min || n > max) {
        throw new UsageException(option + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be an integer, got '" + value + "'");
    }
  }

  private static <T> T usage(java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
