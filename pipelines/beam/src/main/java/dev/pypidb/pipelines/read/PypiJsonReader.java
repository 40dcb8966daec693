package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a PyPI JSON API document. A project document ({@code /pypi/<name>/json}) has
 * {@code releases}: every file of every version is a record, and a version without files is a
 * release record. A release document ({@code /pypi/<name>/<version>/json}) lists its files in
 * {@code urls}. Either way {@code info} describes {@code info.version}: its Requires-Dist and
 * yank state become a release record.
 */
final class PypiJsonReader {
  private PypiJsonReader() {}

  static boolean looksLike(JsonNode doc) {
    return doc.isObject() && doc.path("info").isObject() && (doc.has("releases") || doc.has("urls"));
  }

  static void read(String input, JsonNode doc, RecordSink sink) {
    JsonNode info = doc.get("info");
    String project = info.path("name").asText(null);
    long position = 0;
    if (project == null || project.isEmpty()) {
      sink.deadLetter(new DeadLetter(input, position, DeadLetter.VALIDATE, "info.name is missing", doc.toString()));
      return;
    }
    String infoVersion = info.path("version").asText(null);
    JsonNode releases = doc.get("releases");
    if (releases != null && releases.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = releases.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> release = it.next();
        JsonNode files = release.getValue();
        if (!files.isArray()) {
          sink.deadLetter(new DeadLetter(input, position++, DeadLetter.VALIDATE,
              "releases['" + release.getKey() + "'] must be an array of files", files.toString()));
          continue;
        }
        if (files.isEmpty()) {
          sink.record(RawRecord.builder(RawRecord.Kind.RELEASE, InputFormat.PYPI_JSON, input, position++)
              .project(project).version(release.getKey()).build());
        }
        for (JsonNode file : files) {
          fileRecord(input, position++, project, release.getKey(), file, sink);
        }
      }
    } else {
      JsonNode urls = doc.get("urls");
      for (JsonNode file : urls) {
        fileRecord(input, position++, project, infoVersion, file, sink);
      }
    }
    if (infoVersion != null) {
      try {
        JsonFields f = new JsonFields(info);
        java.util.List<String> requiresDist = f.strings("requires_dist");
        FieldLimits.checkRecord(project, infoVersion, null, requiresDist);
        RawRecord.Builder b = RawRecord.builder(RawRecord.Kind.RELEASE, InputFormat.PYPI_JSON, input, position)
            .project(project)
            .version(infoVersion)
            .requiresDist(requiresDist)
            .providesExtra(f.strings("provides_extra"))
            .requiresPython(emptyToNull(f.string("requires_python")));
        // A release document knows the yank state of its release; a project document's info
        // describes the newest release, whose files carry their own state.
        if (releases == null) {
          b.yanked(f.bool("yanked")).yankedReason(emptyToNull(f.string("yanked_reason")));
        }
        sink.record(b.build());
      } catch (RecordException e) {
        sink.deadLetter(new DeadLetter(input, position, e.stage(), "info: " + e.getMessage(), info.toString()));
      }
    }
  }

  private static void fileRecord(String input, long position, String project, String version,
      JsonNode file, RecordSink sink) {
    try {
      JsonFields f = JsonFields.fileEntry(file);
      String filename = f.requiredString("filename");
      FieldLimits.checkRecord(project, version, filename, null);
      Long upload = f.timestamp("upload_time_iso_8601");
      if (upload == null) {
        upload = f.timestamp("upload_time");
      }
      String packagetype = f.string("packagetype");
      JsonFields digests = new JsonFields(file.path("digests"));
      sink.record(RawRecord.builder(RawRecord.Kind.FILE, InputFormat.PYPI_JSON, input, position)
          .project(project)
          .version(version)
          .filename(filename)
          .packagetype(packagetype != null ? packagetype : PackageTypes.fromFilename(filename))
          .pythonVersion(f.string("python_version"))
          .size(f.integer("size"))
          .sha256(file.path("digests").isObject() ? digests.string("sha256") : null)
          .uploadTimeMicros(upload)
          .requiresPython(emptyToNull(f.string("requires_python")))
          .yanked(f.bool("yanked"))
          .yankedReason(emptyToNull(f.string("yanked_reason")))
          .build());
    } catch (RecordException e) {
      sink.deadLetter(new DeadLetter(input, position, e.stage(), e.getMessage(), file.toString()));
    }
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
