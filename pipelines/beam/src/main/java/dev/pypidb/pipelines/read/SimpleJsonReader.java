package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.metadata.CoreMetadata;
import dev.pypidb.pypa.metadata.InvalidMetadataException;
import dev.pypidb.pypa.names.ProjectNames;
import dev.pypidb.pypa.version.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PEP 691 JSON project page. Every file is a record; its version comes from the PEP 658
 * metadata file beside the page ({@code <filename>.metadata}) when there is one, else from the
 * filename (mapped back to the page's {@code versions} spelling). Each metadata file read is a
 * record of its own; page versions without files become release records.
 */
final class SimpleJsonReader {
  private SimpleJsonReader() {}

  static boolean looksLike(JsonNode doc) {
    return doc.isObject() && doc.path("files").isArray() && (doc.has("meta") || doc.has("name"));
  }

  static void read(String input, JsonNode doc, RecordSink sink) {
    String project = doc.path("name").asText(null);
    if (project == null || project.isEmpty()) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.VALIDATE, "page has no 'name'", doc.toString()));
      return;
    }
    Map<String, String> versionsByNormal = new HashMap<>();
    JsonNode versions = doc.path("versions");
    for (JsonNode v : versions) {
      Version parsed = Version.tryParse(v.asText());
      versionsByNormal.putIfAbsent(parsed == null ? v.asText() : parsed.toString(), v.asText());
    }
    java.util.Set<String> versionsWithFiles = new java.util.HashSet<>();
    String dir = Storage.parent(input);
    long position = 0;
    for (JsonNode file : doc.get("files")) {
      long pos = position++;
      try {
        JsonFields f = JsonFields.fileEntry(file);
        String filename = f.requiredString("filename");
        FieldLimits.checkRecord(project, null, filename, null);
        String version = versionFromFilename(project, filename, versionsByNormal);
        CoreMetadata metadata = readMetadata(dir, filename, file, sink);
        if (metadata != null) {
          version = metadata.first("Version");
        }
        if (version != null) {
          versionsWithFiles.add(version);
        }
        JsonNode yanked = file.get("yanked");
        sink.record(RawRecord.builder(RawRecord.Kind.FILE, InputFormat.SIMPLE_JSON, input, pos)
            .project(project)
            .version(version)
            .filename(filename)
            .packagetype(PackageTypes.fromFilename(filename))
            .size(f.integer("size"))
            .sha256(file.path("hashes").isObject() ? new JsonFields(file.get("hashes")).string("sha256") : null)
            .uploadTimeMicros(f.timestamp("upload-time"))
            .requiresPython(PypiJsonReader.emptyToNull(f.string("requires-python")))
            .yanked(yanked == null || yanked.isNull() ? null : yanked.isTextual() || yanked.asBoolean())
            .yankedReason(yanked != null && yanked.isTextual() ? PypiJsonReader.emptyToNull(yanked.textValue()) : null)
            .build());
      } catch (RecordException e) {
        sink.deadLetter(new DeadLetter(input, pos, e.stage(), e.getMessage(), file.toString()));
      }
    }
    for (JsonNode v : versions) {
      if (!versionsWithFiles.contains(v.asText())) {
        sink.record(RawRecord.builder(RawRecord.Kind.RELEASE, InputFormat.SIMPLE_JSON, input, position++)
            .project(project).version(v.asText()).build());
      }
    }
  }

  /**
   * The version part of a wheel or sdist filename, spelled as the page's {@code versions} list
   * spells it when one of them is the same PEP 440 version.
   */
  static String versionFromFilename(String project, String filename, Map<String, String> pageVersions) {
    String raw = null;
    WheelFilename wheel = filename.endsWith(".whl") ? WheelFilename.tryParse(filename) : null;
    if (wheel != null) {
      raw = filename.split("-")[1];
    } else {
      raw = sdistVersion(project, filename);
    }
    if (raw == null) {
      return null;
    }
    Version v = Version.tryParse(raw);
    String spelled = pageVersions.get(v == null ? raw : v.toString());
    return spelled != null ? spelled : raw;
  }

  /** {@code name-version.tar.gz} (or .zip, .tar.bz2 ...): what follows the project's name. */
  static String sdistVersion(String project, String filename) {
    String stem = filename.replaceFirst("(?i)\\.(tar\\.gz|tar\\.bz2|tar\\.xz|tgz|zip|tar|egg|exe|msi)$", "");
    if (stem.equals(filename)) {
      return null;
    }
    String canonical = ProjectNames.canonicalize(project);
    for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
      if (ProjectNames.canonicalize(stem.substring(0, dash)).equals(canonical)) {
        String rest = stem.substring(dash + 1);
        int pyTag = rest.indexOf("-py");
        return pyTag > 0 ? rest.substring(0, pyTag) : rest;
      }
    }
    int last = stem.lastIndexOf('-');
    return last > 0 ? stem.substring(last + 1) : null;
  }

  /**
   * Reads {@code <filename>.metadata} beside the page when the page says it exists, emitting it
   * as its own record (or dead letter). Returns the parsed metadata, or null.
   */
  private static CoreMetadata readMetadata(String dir, String filename, JsonNode file, RecordSink sink) {
    JsonNode flag = file.has("core-metadata") ? file.get("core-metadata") : file.get("data-dist-info-metadata");
    boolean advertised = flag != null && (flag.isObject() || flag.asBoolean(false));
    String path = dir == null ? filename + ".metadata" : Storage.resolve(dir, filename + ".metadata");
    try {
      if (!advertised || !Storage.isFile(path)) {
        return null;
      }
    } catch (IOException e) {
      return null; // as if it were not there: the page's own record stands
    }
    String input = path;
    String text = null;
    try {
      byte[] bytes = Storage.readAll(path);
      int bad = Utf8.firstInvalid(bytes, 0, bytes.length);
      if (bad >= 0) {
        throw new RecordException(DeadLetter.DECODE, "invalid UTF-8 at byte " + bad);
      }
      text = new String(bytes, StandardCharsets.UTF_8);
      CoreMetadata m;
      try {
        m = CoreMetadata.parse(text);
      } catch (InvalidMetadataException e) {
        throw new RecordException(e.missingField() ? DeadLetter.VALIDATE : DeadLetter.PARSE, e.getMessage());
      }
      List<String> requiresDist = m.all("Requires-Dist");
      FieldLimits.checkRecord(m.first("Name"), m.first("Version"), filename, requiresDist);
      sink.record(RawRecord.builder(RawRecord.Kind.FILE_METADATA, InputFormat.CORE_METADATA, input, 0)
          .project(m.first("Name"))
          .version(m.first("Version"))
          .filename(filename)
          .requiresDist(requiresDist)
          .requiresPython(PypiJsonReader.emptyToNull(m.first("Requires-Python")))
          .providesExtra(m.all("Provides-Extra"))
          .build());
      return m;
    } catch (IOException e) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.READ, "cannot read: " + e.getMessage(), null));
    } catch (RecordException e) {
      sink.deadLetter(new DeadLetter(input, 0, e.stage(), e.getMessage(),
          text != null ? text : RawText.lenient(readQuietly(path), 0, Integer.MAX_VALUE)));
    }
    return null;
  }

  private static byte[] readQuietly(String p) {
    try {
      return Storage.readAll(p);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
