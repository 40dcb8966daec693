package dev.pypidb.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.fetch.ProjectResult.Summary;
import dev.pypidb.fetch.ProjectState.StoredFile;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code pypidb fetch}: mirrors the pages, core metadata and (when asked) archives of a simple
 * repository into a {@link RawTree}, incrementally: a project whose {@code _last-serial} (from
 * the root listing) or ETag (a conditional request) is unchanged is not downloaded again, and
 * a file whose index sha256 is unchanged is linked from the previous directory instead of
 * being downloaded. A project that fails keeps its previous data. Writes
 * {@code fetch-manifest.json} last.
 */
public final class Fetcher {
  /** Bounds on what is downloaded. */
  static final long MAX_ROOT = 1L << 30;
  static final long MAX_PAGE = 256L << 20;
  static final long MAX_METADATA = 16L << 20;
  static final long MAX_ARCHIVE = 16L << 30;
  static final String ACCEPT = SimpleJson.MEDIA_TYPE + ", " + SimpleHtml.MEDIA_TYPE + ";q=0.2, text/html;q=0.01";
  public static final String MANIFEST = "fetch-manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FetchConfig config;
  private final FetchStats stats = new FetchStats();
  private final HttpTransport http;
  private final RawTree tree;
  private final RawTree previous;
  private final Map<String, Summary> baseline = new HashMap<>();

  public Fetcher(FetchConfig config) {
    this.config = config;
    this.http = new HttpTransport(new HttpTransport.Settings(config.userAgent(), config.timeout(), config.retry(),
        config.concurrency()), stats);
    this.tree = new RawTree(config.output(), config.fsync());
    this.previous = config.previous() == null ? null : new RawTree(config.previous(), false);
  }

  /** Everything one run did. */
  public record Report(List<ProjectResult> projects, FetchStats stats, Long indexSerial, Instant started,
      Duration elapsed, List<String> warnings) {
    public long count(String status) {
      return projects.stream().filter(p -> p.status().equals(status)).count();
    }

    public List<String> changedProjects() {
      return projects.stream().filter(ProjectResult::changed).map(ProjectResult::name).toList();
    }
  }

  public Report run() throws IOException, InterruptedException, IndexFormatException {
    Instant started = Instant.now();
    tree.open();
    readBaseline();
    List<String> warnings = new ArrayList<>();
    Map<String, Long> serials = new LinkedHashMap<>();
    Long indexSerial = null;
    if (config.projects() == null) {
      RootListing root = root();
      indexSerial = root.lastSerial();
      for (RootListing.Entry e : root.projects()) {
        if (!ProjectNames.isValid(e.name())) {
          warnings.add("root lists '" + abbreviate(e.name()) + "', which is not a valid project name");
          continue;
        }
        serials.putIfAbsent(ProjectNames.canonicalize(e.name()), e.serial());
      }
    } else {
      config.projects().forEach(p -> serials.put(ProjectNames.canonicalize(p), null));
    }
    Map<String, ProjectResult> results = new TreeMap<>();
    Progress progress = new Progress(serials.size(), stats, config.progressEvery());
    ExecutorService pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
      Thread t = new Thread(r, "pypidb-fetch");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<ProjectResult>> futures = new ArrayList<>();
      for (Map.Entry<String, Long> e : new TreeMap<>(serials).entrySet()) {
        futures.add(pool.submit(() -> {
          ProjectResult r = project(e.getKey(), e.getValue());
          progress.done(r);
          return r;
        }));
      }
      for (Future<ProjectResult> f : futures) {
        try {
          ProjectResult r = f.get();
          results.put(r.name(), r);
        } catch (java.util.concurrent.ExecutionException ex) {
          throw new IOException("fetch worker failed: " + ex.getCause(), ex.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
      progress.close();
    }
    Set<String> gone = new TreeSet<>(tree.projects());
    baseline.forEach((name, s) -> {
      if (s.digest() != null) {
        gone.add(name);
      }
    });
    if (previous != null) {
      gone.addAll(previous.projects());
    }
    gone.removeAll(serials.keySet());
    for (String name : gone) {
      tree.remove(name);
      results.put(name, new ProjectResult(name, ProjectResult.REMOVED, false, null, null, List.of()));
    }
    Report report = new Report(List.copyOf(results.values()), stats, indexSerial, started,
        Duration.between(started, Instant.now()), warnings);
    FetchManifest.write(tree.root().resolve(MANIFEST), config, report);
    return report;
  }

  /** The last complete fetch's view of each project: this tree's manifest, else the previous tree's. */
  private void readBaseline() throws IOException {
    Path own = tree.root().resolve(MANIFEST);
    Path prev = previous == null ? null : previous.root().resolve(MANIFEST);
    Path m = Files.isRegularFile(own) ? own : prev != null && Files.isRegularFile(prev) ? prev : null;
    if (m != null) {
      baseline.putAll(FetchManifest.projects(JSON.readTree(m.toFile())));
    }
  }

  private RootListing root() throws IOException, InterruptedException, IndexFormatException {
    Path file = tree.staging("_root").resolve("root");
    try {
      HttpTransport.Reply r = http.get(config.index(), Map.of("Accept", ACCEPT), HttpTransport.Target.page(file, MAX_ROOT));
      if (r.status() != 200) {
        throw new FetchFailure(config.index() + ": HTTP " + r.status() + " for the root listing");
      }
      if (isJson(r, file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return SimpleJson.parseRoot(in);
        }
      }
      return SimpleHtml.parseRoot(Files.readString(file, StandardCharsets.UTF_8));
    } finally {
      RawTree.deleteRecursively(file.getParent());
    }
  }

  /** One project, start to end; never throws for the project's own trouble (that is a failed result). */
  ProjectResult project(String name, Long rootSerial) throws IOException, InterruptedException {
    Summary base = baseline.get(name);
    boolean refresh = config.refresh().contains(name);
    Path dir = tree.dir(name);
    boolean present = Files.isDirectory(dir);
    if (!refresh && present && rootSerial != null && base != null && base.digest() != null
        && rootSerial.equals(base.serial())) {
      return new ProjectResult(name, ProjectResult.UNCHANGED, false, base, null, List.of());
    }
    ProjectState here = present ? tree.state(name) : null;
    ProjectState prev = here == null && previous != null ? previous.state(name) : null;
    ProjectState known = here != null ? here : prev;
    Path knownDir = here != null ? dir : prev != null ? previous.dir(name) : null;
    if (!refresh && known != null && rootSerial != null && rootSerial.equals(known.serial())) {
      if (here == null) {
        tree.adopt(name, knownDir);
      }
      return done(name, base, known, false, List.of());
    }
    URI pageUri = config.index().resolve(name + "/");
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", ACCEPT);
    if (!refresh && known != null && known.etag() != null) {
      headers.put("If-None-Match", known.etag());
    }
    Path staging = tree.staging(name);
    try {
      Path pageFile = staging.resolve(".page");
      HttpTransport.Reply r = http.get(pageUri, headers, HttpTransport.Target.page(pageFile, MAX_PAGE));
      if (r.status() == 304 && known != null) {
        RawTree.deleteRecursively(staging);
        if (here == null) {
          tree.adopt(name, knownDir);
        }
        return done(name, base, known, true, List.of());
      }
      if (r.status() != 200) {
        throw new FetchFailure(pageUri + ": HTTP " + r.status());
      }
      boolean json = isJson(r, pageFile);
      ProjectPage page;
      if (json) {
        try (InputStream in = Files.newInputStream(pageFile)) {
          page = SimpleJson.parsePage(in, pageUri);
        }
      } else {
        page = SimpleHtml.parsePage(Files.readString(pageFile, StandardCharsets.UTF_8), pageUri, name);
      }
      if (!ProjectNames.canonicalize(page.name()).equals(name)) {
        throw new IndexFormatException(pageUri + " is the page of '" + abbreviate(page.name()) + "', not of " + name);
      }
      Long serial = page.lastSerial() != null ? page.lastSerial()
          : r.header("X-PyPI-Last-Serial").map(Fetcher::parseLong).orElse(rootSerial);
      ProjectFiles files = new ProjectFiles(name, staging, known, knownDir);
      for (DistFile f : page.files()) {
        files.fetch(f);
      }
      Path pagePath = staging.resolve(RawTree.pageName(name));
      if (json && files.fromWheel.isEmpty()) {
        Files.move(pageFile, pagePath);
      } else if (json) {
        try (InputStream in = Files.newInputStream(pageFile)) {
          RawTree.write(pagePath, SimpleJson.withWheelMetadata(in, files.fromWheel));
        }
        Files.delete(pageFile);
      } else {
        RawTree.write(pagePath, SimpleJson.write(withWheelMetadata(page, files.fromWheel)));
        Files.delete(pageFile);
      }
      files.stored.add(new StoredFile(RawTree.pageName(name), "page", sha256(pagePath), null, null, null));
      ProjectState state = ProjectState.of(name, serial, r.header("ETag").orElse(null), pageUri.toString(),
          files.stored, List.copyOf(files.foreign));
      tree.commit(name, staging, state);
      return done(name, base, state, true, files.warnings);
    } catch (FetchFailure | IndexFormatException e) {
      RawTree.deleteRecursively(staging);
      if (here == null && prev != null) {
        tree.adopt(name, knownDir);
      }
      return new ProjectResult(name, ProjectResult.FAILED, true, known == null ? null : Summary.of(known),
          e.getMessage(), List.of());
    } catch (IOException | RuntimeException e) {
      RawTree.deleteRecursively(staging);
      throw e;
    }
  }

  private static ProjectResult done(String name, Summary base, ProjectState state, boolean requested,
      List<String> warnings) {
    String status = base == null || base.digest() == null ? ProjectResult.ADDED
        : base.digest().equals(state.digest()) ? ProjectResult.UNCHANGED : ProjectResult.CHANGED;
    return new ProjectResult(name, status, requested, Summary.of(state), null, warnings);
  }

  /** The files of one project page: metadata, wheel METADATA, archives, each verified or linked. */
  private final class ProjectFiles {
    final String project;
    final Path staging;
    final ProjectState known;
    final Path knownDir;
    final List<StoredFile> stored = new ArrayList<>();
    final Map<String, String> fromWheel = new TreeMap<>();
    final Set<String> foreign = new TreeSet<>();
    final List<String> warnings = new ArrayList<>();
    final Set<String> seen = new HashSet<>();

    ProjectFiles(String project, Path staging, ProjectState known, Path knownDir) {
      this.project = project;
      this.staging = staging;
      this.known = known;
      this.knownDir = knownDir;
    }

    void fetch(DistFile f) throws IOException, InterruptedException {
      String name = f.filename();
      if (!safeFilename(name)) {
        warnings.add("'" + abbreviate(name) + "' is not a safe file name: nothing stored for it");
        return;
      }
      if (!seen.add(name) || f.url() == null) {
        return; // a second entry for the same file, or one without a URL: nothing to download
      }
      Path archive = null;
      if (config.archives().wants(f)) {
        archive = staging.resolve(name);
        if (!reuse(name, "archive", f.sha256(), null, archive)) {
          http.get(f.url(), Map.of(), HttpTransport.Target.file(archive, MAX_ARCHIVE, f.sha256(), f.size()));
          unverified(f.sha256(), "archives without a sha256");
          stats.count("archives downloaded", 1);
        }
        stored.add(new StoredFile(name, "archive", f.sha256() != null ? f.sha256() : sha256(archive), name, f.sha256(), null));
      }
      String metaName = name + ".metadata";
      Path meta = staging.resolve(metaName);
      if (f.metadata()) {
        if (!reuse(metaName, "metadata", f.sha256(), f.metadataSha256(), meta)) {
          http.get(metadataUri(f.url()), Map.of(), HttpTransport.Target.file(meta, MAX_METADATA, f.metadataSha256(), null));
          unverified(f.metadataSha256(), "metadata files without a sha256");
          stats.count("metadata files downloaded", 1);
        }
        stored.add(new StoredFile(metaName, "metadata", sha256(meta), name, f.sha256(), "index"));
        checkName(meta);
      } else if (f.isWheel()) {
        if (!reuse(metaName, "metadata", f.sha256(), null, meta)) {
          try {
            RawTree.write(meta, wheelMetadata(f, archive));
          } catch (ZipFormatException e) {
            warnings.add(name + ": METADATA not read: " + e.getMessage());
            stats.count("wheels whose METADATA could not be read", 1);
            return;
          }
        }
        String sha = sha256(meta);
        stored.add(new StoredFile(metaName, "metadata", sha, name, f.sha256(), "wheel"));
        fromWheel.put(name, sha);
        checkName(meta);
      }
    }

    /** Links the file from the known directory when it was stored for the same distribution bytes. */
    private boolean reuse(String path, String kind, String distSha, String storedSha, Path to) throws IOException {
      if (known == null || distSha == null) {
        return false;
      }
      StoredFile s = known.file(path);
      if (s == null || !s.kind().equals(kind) || !distSha.equals(s.distributionSha256())
          || storedSha != null && !storedSha.equals(s.sha256())) {
        return false;
      }
      Path from = knownDir.resolve(path);
      if (!Files.isRegularFile(from)) {
        return false;
      }
      RawTree.linkOrCopy(from, to);
      stats.count("files linked", 1);
      return true;
    }

    private byte[] wheelMetadata(DistFile f, Path archive) throws IOException, InterruptedException, ZipFormatException {
      if (archive != null) {
        try (LocalRangeSource src = new LocalRangeSource(archive)) {
          stats.count("wheel METADATA read from downloaded wheels", 1);
          return WheelMetadata.read(src, f.filename(), WheelMetadata.Limits.DEFAULT).metadata();
        }
      }
      try {
        HttpRangeSource src = new HttpRangeSource(http, f.url(), f.size());
        WheelMetadata.Result r = WheelMetadata.read(src, f.filename(), WheelMetadata.Limits.DEFAULT);
        stats.count("wheel METADATA read with range requests", 1);
        stats.count("range requests", r.reads());
        return r.metadata();
      } catch (HttpRangeSource.RangesUnsupported | ZipFormatException e) {
        // The server sends whole files only, or the ranges did not make a readable zip (ranges
        // carry no hash: corrupted on the way, or a broken wheel): download the wheel, verify
        // its sha256, read it, drop it. A verified wheel that still does not read is broken.
        stats.count(e instanceof ZipFormatException ? "range reads that did not make a zip (wheel downloaded whole)"
            : "range requests answered with the whole file", 1);
        Path whole = staging.resolve(".wheel-" + f.filename());
        try {
          http.get(f.url(), Map.of(), HttpTransport.Target.file(whole, MAX_ARCHIVE, f.sha256(), f.size()));
          try (LocalRangeSource src = new LocalRangeSource(whole)) {
            stats.count("wheel METADATA read from whole wheels (no range support)", 1);
            return WheelMetadata.read(src, f.filename(), WheelMetadata.Limits.DEFAULT).metadata();
          }
        } finally {
          Files.deleteIfExists(whole);
        }
      }
    }

    private void unverified(String sha, String what) {
      if (sha == null) {
        stats.count(what, 1);
      }
    }

    /** Notes a metadata file whose Name is another project's (normalize files it there). */
    private void checkName(Path meta) throws IOException {
      String declared = declaredName(meta);
      if (declared != null && ProjectNames.isValid(declared) && !ProjectNames.canonicalize(declared).equals(project)) {
        foreign.add(ProjectNames.canonicalize(declared));
      }
    }
  }

  /** The {@code Name} header of a core metadata file (its first header block), or null. */
  static String declaredName(Path meta) throws IOException {
    try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null && !line.isEmpty() && n++ < 10_000) {
        if (line.regionMatches(true, 0, "Name:", 0, 5)) {
          return line.substring(5).strip();
        }
      }
    } catch (java.nio.charset.MalformedInputException e) {
      return null; // normalize dead-letters it under this directory's page
    }
    return null;
  }

  /** PEP 658: the metadata file is the file's URL with {@code .metadata} appended to its path. */
  static URI metadataUri(URI file) {
    try {
      return new URI(file.getScheme(), file.getRawAuthority() == null ? null : file.getAuthority(),
          file.getPath() + ".metadata", file.getQuery(), null);
    } catch (java.net.URISyntaxException e) {
      return URI.create(file + ".metadata");
    }
  }

  /** A name that stays inside its directory: no separators, not hidden, not too long. */
  static boolean safeFilename(String name) {
    return !name.isEmpty() && name.length() <= 240 && !name.startsWith(".") && name.indexOf('/') < 0
        && name.indexOf('\\') < 0 && name.indexOf('\0') < 0 && !name.endsWith(".metadata")
        && name.chars().noneMatch(c -> c < 0x20);
  }

  private static ProjectPage withWheelMetadata(ProjectPage page, Map<String, String> fromWheel) {
    List<DistFile> files = new ArrayList<>();
    for (DistFile f : page.files()) {
      String sha = fromWheel.get(f.filename());
      files.add(sha == null ? f : new DistFile(f.filename(), f.url(), f.hashes(), f.requiresPython(), f.yanked(),
          f.yankedReason(), true, sha, f.size(), f.uploadTime()));
    }
    return new ProjectPage(page.name(), page.lastSerial(), page.versions(), files, page.apiVersion());
  }

  private static boolean isJson(HttpTransport.Reply r, Path body) throws IOException {
    String type = r.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT);
    if (type.contains("json")) {
      return true;
    }
    if (type.contains("html")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(body)) {
      int c;
      while ((c = in.read()) >= 0 && Character.isWhitespace(c)) {
        // skip
      }
      return c == '{';
    }
  }

  static String sha256(Path p) throws IOException {
    var d = HttpTransport.sha256();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(d.digest());
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /** Used by the manifest: the root's own JSON of a baseline entry. */
  static Summary summary(JsonNode p) {
    if (p == null || !p.isObject()) {
      return null;
    }
    List<String> foreign = new ArrayList<>();
    p.path("foreign_names").forEach(n -> foreign.add(n.asText()));
    return new Summary(p.path("serial").isIntegralNumber() ? p.get("serial").asLong() : null,
        p.path("etag").isTextual() ? p.get("etag").asText() : null,
        p.path("digest").isTextual() ? p.get("digest").asText() : null,
        p.path("files").asInt(0), foreign);
  }
}
