package dev.pypidb.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.fetch.ProjectResult.Summary;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code fetch-manifest.json}: what a fetch asked for and got (requests, bytes, statuses,
 * retries), each project's status, serial, ETag and content digest, and every failure and
 * warning with its reason. Written last, atomically: its presence means the tree is complete.
 */
public final class FetchManifest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FetchManifest() {}

  static void write(Path file, FetchConfig config, Fetcher.Report report) throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("format_version", 1);
    m.put("index", config.index().toString());
    m.put("user_agent", config.userAgent());
    m.put("started", report.started().toString());
    m.put("seconds", report.elapsed().toMillis() / 1000.0);
    if (report.indexSerial() != null) {
      m.put("index_serial", report.indexSerial());
    }
    ObjectNode options = m.putObject("options");
    options.put("projects", config.projects() == null ? "all" : config.projects().size() + " named");
    options.put("previous", config.previous() == null ? null : config.previous().toString());
    options.put("refresh", config.refresh().size());
    options.put("archives", config.archives().name().toLowerCase(java.util.Locale.ROOT));
    options.put("concurrency", config.concurrency());
    options.put("timeout_ms", config.timeout().toMillis());
    options.put("retries", config.retry().retries());
    ObjectNode totals = m.putObject("totals");
    totals.put("projects", report.projects().stream().filter(p -> !p.status().equals(ProjectResult.REMOVED)).count());
    for (String s : new String[] {ProjectResult.ADDED, ProjectResult.CHANGED, ProjectResult.UNCHANGED,
        ProjectResult.REMOVED, ProjectResult.FAILED}) {
      totals.put(s, report.count(s));
    }
    totals.put("pages_requested", report.projects().stream().filter(ProjectResult::requested).count());
    totals.put("requests", report.stats().requests());
    totals.put("bytes", report.stats().bytes());
    totals.put("retries", report.stats().retries());
    totals.put("requests_per_second", Math.round(report.stats().requests() / Math.max(1e-3, report.elapsed().toMillis() / 1000.0)));
    ObjectNode statuses = m.putObject("statuses");
    report.stats().statuses().forEach(statuses::put);
    ObjectNode problems = m.putObject("failed_attempts");
    report.stats().problems().forEach(problems::put);
    ObjectNode counts = m.putObject("counts");
    report.stats().counts().forEach(counts::put);
    ArrayNode changed = m.putArray("changed_projects");
    report.changedProjects().forEach(changed::add);
    ArrayNode failures = m.putArray("failures");
    ArrayNode warnings = m.putArray("warnings");
    report.warnings().forEach(w -> warnings.addObject().put("reason", w));
    ObjectNode projects = m.putObject("projects");
    for (ProjectResult p : report.projects()) {
      ObjectNode o = projects.putObject(p.name());
      o.put("status", p.status());
      o.put("requested", p.requested());
      Summary s = p.summary();
      if (s != null) {
        if (s.serial() != null) {
          o.put("serial", s.serial());
        }
        if (s.etag() != null) {
          o.put("etag", s.etag());
        }
        o.put("digest", s.digest());
        o.put("files", s.files());
        if (!s.foreignNames().isEmpty()) {
          ArrayNode f = o.putArray("foreign_names");
          s.foreignNames().forEach(f::add);
        }
      }
      if (p.failure() != null) {
        o.put("failure", p.failure());
        ObjectNode f = failures.addObject();
        f.put("project", p.name());
        f.put("reason", p.failure());
        f.put("kept_previous", s != null);
      }
      for (String w : p.warnings()) {
        warnings.addObject().put("project", p.name()).put("reason", w);
      }
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, JSON.writeValueAsBytes(m));
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Each project's summary in a manifest (projects with no data, e.g. removed, have a null digest). */
  public static Map<String, Summary> projects(JsonNode manifest) {
    Map<String, Summary> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("projects").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Summary s = Fetcher.summary(e.getValue());
      if (s != null) {
        out.put(e.getKey(), s);
      }
    }
    return out;
  }
}
