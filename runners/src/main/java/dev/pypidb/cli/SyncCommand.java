package dev.pypidb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.fetch.FetchConfig;
import dev.pypidb.fetch.FetchManifest;
import dev.pypidb.fetch.Fetcher;
import dev.pypidb.fetch.ProjectResult;
import dev.pypidb.fetch.ProjectResult.Summary;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pypidb sync}: one step of the reactive loop. Fetches the index into {@code DIR/raw}
 * (in place: only what changed is downloaded), then writes a new generation {@code DIR/gen-N}:
 * {@code all} the first time, afterwards {@code update} from the current generation reading only
 * the project directories whose content changed since it; swaps {@code DIR/current} to it
 * atomically and keeps the previous generation until the next sync.
 */
final class SyncCommand implements Command {
  static final String RAW = "raw";
  static final String CURRENT = "current";
  private static final Pattern GEN = Pattern.compile("gen-(\\d+)");

  @Override
  public String name() {
    return "sync";
  }

  @Override
  public String summary() {
    return "fetch what changed on an index and update a database to it (one reactive step)";
  }

  @Override
  public String help() {
    return """
        usage: pypidb sync --index=URL --db=DIR [--projects=a,b | --projects-file=F |
                           --fetchTop=N --popular=F] [fetch options] [options of all]

        One step of keeping a database current with an index:
          1. fetch URL into DIR/raw, in place: projects whose serial or ETag did not change
             are not downloaded (see pypidb fetch --help; --changes=FEED forces projects);
          2. compare each project's content digest with the one DIR/current was built from
             (DIR/gen-N.fetch.json) and write DIR/gen-(N+1): `all` the first time, else
             `update` from DIR/current reading only the changed project directories;
          3. swap the DIR/current symlink to the new generation (an atomic rename), keep the
             previous generation, delete older ones;
          4. print what changed: projects, releases, resolutions invalidated, buckets spliced.
        Nothing changed: no new generation. A failed fetch (without --allowFailures) or a
        failed update leaves DIR/current as it was; the next sync picks the changes up.

        Options: --index, --db (required); the selection, --archives, --concurrency,
        --timeoutMs, --retries, --allowFailures, --changes of fetch (--fetchTop instead of
        --top, which abi-stats keeps); every option of `all` (--runner, --environments,
        --targets, --popular, --shards ...).
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    List<String> pass = new ArrayList<>();
    String dbArg = null;
    List<String> fetchArgs = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("--db=")) {
        dbArg = a.substring(5);
      } else if (a.startsWith("--output=") || a.startsWith("--input=") || a.startsWith("--previous=")
          || a.startsWith("--changedProjects=")) {
        throw new UsageException(a.split("=")[0] + " is sync's to choose (it works in --db)");
      } else {
        fetchArgs.add(a);
      }
    }
    if (dbArg == null) {
      throw new UsageException("--db=DIR is required: the directory that holds the generations");
    }
    FetchArgs f = FetchArgs.parse(fetchArgs.toArray(String[]::new), "--fetchTop");
    pass.addAll(f.rest);
    Path db = FetchArgs.localTree("--db", dbArg).toAbsolutePath().normalize();
    Files.createDirectories(db);
    Path raw = db.resolve(RAW);
    long start = System.nanoTime();

    Integer current = currentGeneration(db);
    FetchConfig config = f.config(raw, null);
    Fetcher.Report report = new Fetcher(config).run();
    FetchCommand.print(report, raw);
    double fetchSeconds = (System.nanoTime() - start) / 1e9;
    long failed = report.count(ProjectResult.FAILED);
    if (failed > 0 && !f.allowFailures) {
      throw new IllegalStateException(failed + " project(s) failed to fetch; " + CURRENT + " stays at "
          + (current == null ? "nothing" : "gen-" + current) + " (--allowFailures to sync without them)");
    }
    Path fetchManifest = raw.resolve(Fetcher.MANIFEST);
    JsonNode now = new ObjectMapper().readTree(fetchManifest.toFile());
    int next = current == null ? 1 : current + 1;
    Path gen = db.resolve("gen-" + next);
    FinalizeOutput.deleteRecursively(gen.toString()); // a failed earlier attempt at this generation
    long stepStart = System.nanoTime();
    List<String> changed;
    if (current == null) {
      changed = null;
      List<String> allArgs = new ArrayList<>(pass);
      allArgs.add("--input=" + raw);
      allArgs.add("--output=" + gen);
      new AllCommand().run(allArgs.toArray(String[]::new));
    } else {
      Map<String, Summary> before = FetchManifest.projects(new ObjectMapper().readTree(
          db.resolve("gen-" + current + ".fetch.json").toFile()));
      Map<String, Summary> after = FetchManifest.projects(now);
      changed = changedProjects(before, after);
      if (changed.isEmpty()) {
        System.out.printf("sync: nothing changed since gen-%d (fetch %.1f s); %s stays%n", current, fetchSeconds, CURRENT);
        return 0;
      }
      Path list = db.resolve("gen-" + next + ".changed");
      Files.write(list, changed, StandardCharsets.UTF_8);
      List<String> updateArgs = new ArrayList<>(pass);
      updateArgs.add("--previous=" + db.resolve("gen-" + current));
      updateArgs.add("--input=" + raw);
      updateArgs.add("--output=" + gen);
      if (foreignRecords(before, after)) {
        System.out.println("sync: a metadata file names another project than its directory: update reads the whole tree");
      } else {
        updateArgs.add("--changedProjects=" + list);
      }
      new UpdateCommand().run(updateArgs.toArray(String[]::new));
    }
    Files.copy(fetchManifest, db.resolve("gen-" + next + ".fetch.json"), StandardCopyOption.REPLACE_EXISTING);
    swap(db, "gen-" + next);
    if (current != null) {
      deleteOlderThan(db, current);
    }
    double stepSeconds = (System.nanoTime() - stepStart) / 1e9;
    printSummary(db, gen, next, changed, before(report), fetchSeconds, stepSeconds, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** Bucket files that differ between two exports: {changed, files now, new, gone}. */
  static int[] bucketsRewritten(Path before, Path after) throws IOException {
    int[] out = new int[4];
    if (!Files.isDirectory(before) || !Files.isDirectory(after)) {
      return out;
    }
    TreeSet<String> old = new TreeSet<>();
    try (Stream<Path> s = Files.walk(before)) {
      s.filter(Files::isRegularFile).forEach(p -> old.add(before.relativize(p).toString()));
    }
    try (Stream<Path> s = Files.walk(after)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = after.relativize(p).toString();
        out[1]++;
        if (!old.remove(rel)) {
          out[2]++;
        } else if (Files.mismatch(before.resolve(rel), p) >= 0) {
          out[0]++;
        }
      }
    }
    out[3] = old.size();
    return out;
  }

  /** Projects whose stored content differs between two fetch manifests, added and removed ones included. */
  static List<String> changedProjects(Map<String, Summary> before, Map<String, Summary> after) {
    TreeSet<String> out = new TreeSet<>();
    TreeSet<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String n : names) {
      String a = before.containsKey(n) ? before.get(n).digest() : null;
      String b = after.containsKey(n) ? after.get(n).digest() : null;
      if (!Objects.equals(a, b)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  private static boolean foreignRecords(Map<String, Summary> before, Map<String, Summary> after) {
    return Stream.concat(before.values().stream(), after.values().stream()).anyMatch(s -> !s.foreignNames().isEmpty());
  }

  private static String before(Fetcher.Report r) {
    return String.format("%,d added, %,d changed, %,d removed, %,d failed, %,d unchanged; %,d requests, %,d bytes",
        r.count(ProjectResult.ADDED), r.count(ProjectResult.CHANGED), r.count(ProjectResult.REMOVED),
        r.count(ProjectResult.FAILED), r.count(ProjectResult.UNCHANGED), r.stats().requests(), r.stats().bytes());
  }

  /** The generation {@code DIR/current} points to, or null. */
  static Integer currentGeneration(Path db) throws IOException {
    Path link = db.resolve(CURRENT);
    if (!Files.isSymbolicLink(link)) {
      if (Files.exists(link)) {
        throw new UsageException(link + " exists and is not a symlink: --db must be a directory sync manages");
      }
      return null;
    }
    Matcher m = GEN.matcher(Files.readSymbolicLink(link).toString());
    if (!m.matches()) {
      throw new UsageException(link + " points to " + Files.readSymbolicLink(link) + ", not to a gen-N");
    }
    return Integer.parseInt(m.group(1));
  }

  /** Points {@code DIR/current} at {@code target}: a new symlink renamed over the old one. */
  static void swap(Path db, String target) throws IOException {
    Path tmp = db.resolve(CURRENT + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, Path.of(target));
    Files.move(tmp, db.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes generations before {@code keep} (and their fetch manifests and change lists). */
  static void deleteOlderThan(Path db, int keep) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(db)) {
      for (Path p : s) {
        Matcher m = Pattern.compile("gen-(\\d+)(\\.fetch\\.json|\\.changed)?").matcher(p.getFileName().toString());
        if (m.matches() && Integer.parseInt(m.group(1)) < keep) {
          FinalizeOutput.deleteRecursively(p.toString());
        }
      }
    }
  }

  private static void printSummary(Path db, Path gen, int n, List<String> changed, String fetch, double fetchSeconds,
      double stepSeconds, double total) throws IOException {
    JsonNode m = new ObjectMapper().readTree(gen.resolve("manifest.json").toFile());
    JsonNode stats = m.path("stats");
    System.out.printf("sync: %s -> gen-%d in %.1f s (fetch %.1f s, %s %.1f s)%n", CURRENT, n, total, fetchSeconds,
        changed == null ? "all" : "update", stepSeconds);
    System.out.println("  fetch: " + fetch);
    if (changed != null) {
      System.out.printf("  projects: %,d changed since the previous generation%s%n", changed.size(),
          changed.size() <= 20 ? " (" + String.join(", ", changed) + ")" : "");
      System.out.printf("  releases: %,d added, %,d removed, %,d changed%n", stats.path("update releases added").asLong(),
          stats.path("update releases removed").asLong(), stats.path("update releases changed").asLong());
      JsonNode resolve = m.path("stages").path("resolve").path("stats");
      if (!resolve.isMissingNode()) {
        System.out.printf("  resolutions: %,d invalidated, %,d reused from the cache, %,d new%n",
            resolve.path("cache_invalidated").asLong(), resolve.path("cache_hits").asLong(),
            resolve.path("cache_misses").asLong());
      }
      int[] b = bucketsRewritten(db.resolve("gen-" + (n - 1)).resolve("mach-nix"), gen.resolve("mach-nix"));
      System.out.printf("  mach-nix buckets: %,d of %,d rewritten (%,d new, %,d gone)%n", b[0], b[1], b[2], b[3]);
      System.out.printf("  row groups: %,d copied, %,d rewritten%n", stats.path("update row groups copied").asLong(),
          stats.path("update row groups rewritten").asLong());
    }
    System.out.println("  database: " + db.resolve(CURRENT) + " -> " + gen.getFileName());
  }
}
