package dev.pypidb.cli;

import dev.pypidb.fetch.FetchConfig;
import dev.pypidb.fetch.Fetcher;
import dev.pypidb.fetch.ProjectResult;
import java.nio.file.Path;

/** {@code pypidb fetch}: a simple repository's pages, metadata and archives into a raw tree. */
final class FetchCommand implements Command {
  @Override
  public String name() {
    return "fetch";
  }

  @Override
  public String summary() {
    return "download raw metadata from a package index (PEP 691/503, 658/714) into a raw tree";
  }

  @Override
  public String help() {
    return """
        usage: pypidb fetch --index=URL --output=DIR [--projects=a,b | --projects-file=F |
                            --top=N --popular=F] [--previous=DIR] [--changes=FEED]
                            [--archives=none|sdists|all] [--concurrency=N] [--timeoutMs=MS]
                            [--retries=N] [--allowFailures]

        Speaks the Simple Repository API at URL (e.g. https://pypi.org/simple/): PEP 691
        JSON pages, PEP 503 HTML when the index has no JSON, PEP 658/714 metadata files,
        and for a wheel without one its METADATA read through HTTP range requests. Every
        downloaded file is checked against the index's sha256; a mismatch is retried and
        then a failure, never a stored file.

        DIR gets one directory per project (canonical name): <name>/<name>.json (the PEP 691
        page), <file>.metadata beside it, the archives asked for, and .project.json; plus
        DIR/fetch-manifest.json (requests, bytes, statuses, serials, failures). normalize
        reads DIR as simple-json (and archives). Projects the index no longer lists (or that
        are outside the selection) are removed from DIR.

        Incremental: a project whose _last-serial (root listing) or ETag (conditional
        request) is unchanged since DIR's last fetch, or --previous's, is not downloaded
        again; files whose sha256 is unchanged are linked. An interrupted fetch resumes
        where it stopped when run again (no partial file is ever visible).

        Options:
          --index=URL          the index root (required)
          --output=DIR         the raw tree (required); fetched again in place if it exists
          --projects=a,b       only these projects (default: every project the root lists)
          --projects-file=F    one project per line, # comments
          --top=N --popular=F  the N most downloaded projects of a top-pypi-packages JSON
          --previous=DIR       an earlier raw tree: unchanged projects are linked from it
          --changes=FEED       a change feed (formats of update --changes): these projects
                               are fetched again whatever their serial or ETag says
          --archives=MODE      none (default), sdists, or all files
          --concurrency=N      projects in flight and requests per host (default 8)
          --timeoutMs=MS       an attempt fails after MS without a byte (default 30000)
          --retries=N          retries after 5xx, 429, timeouts, resets (default 5)
          --backoffMs=MS       first backoff wait, doubled per retry (default 500)
          --allowFailures      exit 0 even when projects failed (they keep their previous data)
          --fsync=false        do not sync files before renaming them (faster, not crash-safe)
          --progressSeconds=S  a progress line on stderr every S seconds (default 10; 0: none)
          --contact=URL|EMAIL  who runs this fetch, sent in the User-Agent
                               ("pypidb/VERSION (fetch; +CONTACT)"), as PyPI asks of mirrors
        """;
  }

  @Override
  public int run(String[] args) throws Exception {
    FetchArgs a = FetchArgs.parse(args, "--top");
    if (!a.rest.isEmpty() && !(a.rest.size() == 1 && a.popular != null)) {
      throw new UsageException("unknown option " + a.rest.stream().filter(r -> !r.startsWith("--popular=")).findFirst().orElse(""));
    }
    if (a.output == null) {
      throw new UsageException("--output is required: the directory of the raw tree");
    }
    FetchConfig config = a.config(FetchArgs.localTree("--output", a.output),
        a.previous == null ? null : FetchArgs.localTree("--previous", a.previous));
    Fetcher.Report report = new Fetcher(config).run();
    print(report, config.output());
    long failed = report.count(ProjectResult.FAILED);
    if (failed > 0 && !a.allowFailures) {
      throw new IllegalStateException(failed + " project(s) failed (they keep their previous data; reasons in "
          + config.output().resolve(Fetcher.MANIFEST) + "; --allowFailures to accept)");
    }
    return 0;
  }

  static void print(Fetcher.Report r, Path output) {
    System.out.printf("fetch: %,d projects: %,d added, %,d changed, %,d unchanged, %,d removed, %,d failed%n",
        r.projects().size() - r.count(ProjectResult.REMOVED), r.count(ProjectResult.ADDED), r.count(ProjectResult.CHANGED),
        r.count(ProjectResult.UNCHANGED), r.count(ProjectResult.REMOVED), r.count(ProjectResult.FAILED));
    double s = Math.max(r.elapsed().toMillis() / 1000.0, 1e-3);
    System.out.printf("  %,d requests (%,.0f/s), %,d bytes, %,d retries in %.1f s; pages requested: %,d%n",
        r.stats().requests(), r.stats().requests() / s, r.stats().bytes(), r.stats().retries(), s,
        r.projects().stream().filter(ProjectResult::requested).count());
    System.out.println("  statuses: " + r.stats().statuses() + (r.stats().problems().isEmpty() ? ""
        : "; failed attempts: " + r.stats().problems()));
    if (!r.stats().counts().isEmpty()) {
      System.out.println("  " + r.stats().counts());
    }
    r.projects().stream().filter(p -> p.failure() != null).limit(20)
        .forEach(p -> System.out.println("  failed: " + p.name() + ": " + p.failure()));
    System.out.println("  output: " + output.toAbsolutePath() + " (" + Fetcher.MANIFEST + ")");
  }
}
