package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.pipelines.storage.Storage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one pypi-deps-db bucket ({@code wheel/XX.json}, {@code sdist/XX.json},
 * {@code sdist-errors/XX.json}), resolving its references: {@code "version@filename"} in wheel
 * buckets, a version or a python key in sdist buckets. Every leaf entry as written is one
 * record; a reference is read as the data it points to.
 */
final class DepsDbReader {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private DepsDbReader() {}

  /** The bucket kind from the directory the file is in. */
  static String kindOf(String input) {
    String parent = Storage.parent(input);
    return parent == null ? "" : Storage.name(parent);
  }

  static void read(String input, JsonNode doc, RecordSink sink) {
    String kind = kindOf(input);
    long[] position = {0};
    if (!doc.isObject()) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.VALIDATE, "a bucket must be a JSON object", doc.toString()));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> project = it.next();
      if (!project.getValue().isObject()) {
        sink.deadLetter(new DeadLetter(input, position[0]++, DeadLetter.VALIDATE,
            "project '" + project.getKey() + "' must map to an object", project.getValue().toString()));
        continue;
      }
      switch (kind) {
        case "wheel" -> wheels(input, project.getKey(), project.getValue(), position, sink);
        case "sdist" -> sdists(input, project.getKey(), project.getValue(), false, position, sink);
        case "sdist-errors" -> sdists(input, project.getKey(), project.getValue(), true, position, sink);
        default -> {
          sink.deadLetter(new DeadLetter(input, position[0]++, DeadLetter.VALIDATE,
              "a pypi-deps-db bucket must be in a wheel/, sdist/ or sdist-errors/ directory", null));
          return;
        }
      }
    }
  }

  /** {@code name -> python_version -> version -> filename -> data | "version@filename"}. */
  private static void wheels(String input, String name, JsonNode byPython, long[] position, RecordSink sink) {
    for (Iterator<Map.Entry<String, JsonNode>> pv = byPython.fields(); pv.hasNext(); ) {
      Map.Entry<String, JsonNode> python = pv.next();
      JsonNode versions = python.getValue();
      for (Iterator<Map.Entry<String, JsonNode>> vs = versions.fields(); vs.hasNext(); ) {
        Map.Entry<String, JsonNode> version = vs.next();
        for (Iterator<Map.Entry<String, JsonNode>> fs = version.getValue().fields(); fs.hasNext(); ) {
          Map.Entry<String, JsonNode> file = fs.next();
          long pos = position[0]++;
          try {
            JsonNode data = file.getValue();
            if (data.isTextual()) {
              data = resolveWheelReference(versions, data.textValue());
            }
            if (!data.isObject()) {
              throw new RecordException(DeadLetter.VALIDATE, "wheel data must be an object or a 'version@filename' reference");
            }
            JsonFields f = new JsonFields(data);
            List<String> requiresDist = f.strings("requires_dist");
            FieldLimits.checkRecord(name, version.getKey(), file.getKey(), requiresDist);
            sink.record(RawRecord.builder(RawRecord.Kind.FILE, InputFormat.DEPS_DB, input, pos)
                .project(name)
                .version(version.getKey())
                .filename(file.getKey())
                .packagetype(PackageTypes.fromFilename(file.getKey()))
                .pythonVersion(python.getKey())
                .requiresDist(requiresDist)
                .requiresPython(f.string("requires_python"))
                .providesExtra(f.strings("provides_extras"))
                .build());
          } catch (RecordException e) {
            sink.deadLetter(new DeadLetter(input, pos, e.stage(), name + " " + version.getKey() + " "
                + file.getKey() + ": " + e.getMessage(), file.getValue().toString()));
          }
        }
      }
    }
  }

  private static JsonNode resolveWheelReference(JsonNode versions, String ref) throws RecordException {
    int at = ref.indexOf('@');
    if (at < 0) {
      throw new RecordException(DeadLetter.VALIDATE, "reference '" + ref + "' is not 'version@filename'");
    }
    JsonNode target = versions.path(ref.substring(0, at)).get(ref.substring(at + 1));
    if (target == null) {
      throw new RecordException(DeadLetter.VALIDATE, "reference '" + ref + "' points to nothing");
    }
    if (!target.isObject()) {
      throw new RecordException(DeadLetter.VALIDATE, "reference '" + ref + "' points to another reference");
    }
    return target;
  }

  /**
   * {@code name -> version -> (python key -> data | error | key) | version}. Error buckets hold
   * error texts where sdist buckets hold objects; a string equal to a sibling key is a reference.
   */
  private static void sdists(String input, String name, JsonNode versions, boolean errors,
      long[] position, RecordSink sink) {
    for (Iterator<Map.Entry<String, JsonNode>> vs = versions.fields(); vs.hasNext(); ) {
      Map.Entry<String, JsonNode> version = vs.next();
      JsonNode value = version.getValue();
      if (value.isTextual()) {
        long pos = position[0]++;
        JsonNode target = versions.get(value.textValue());
        if (target == null || !target.isObject() || value.textValue().equals(version.getKey())) {
          sink.deadLetter(new DeadLetter(input, pos, DeadLetter.VALIDATE, name + " " + version.getKey()
              + ": version reference '" + value.textValue() + "' points to no version of " + name, value.toString()));
          continue;
        }
        Map<String, String> builds = new LinkedHashMap<>();
        try {
          for (Iterator<String> keys = target.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            builds.put(key, payload(target, key, errors));
          }
          emitBuild(input, pos, name, version.getKey(), builds, version.getValue(), sink);
        } catch (RecordException e) {
          sink.deadLetter(new DeadLetter(input, pos, e.stage(), name + " " + version.getKey() + ": " + e.getMessage(),
              value.toString()));
        }
        continue;
      }
      if (!value.isObject()) {
        sink.deadLetter(new DeadLetter(input, position[0]++, DeadLetter.VALIDATE, name + " " + version.getKey()
            + ": must be an object of python keys or a version reference", value.toString()));
        continue;
      }
      for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        long pos = position[0]++;
        try {
          emitBuild(input, pos, name, version.getKey(), Map.of(key, payload(value, key, errors)), value.get(key), sink);
        } catch (RecordException e) {
          sink.deadLetter(new DeadLetter(input, pos, e.stage(), name + " " + version.getKey() + " " + key + ": "
              + e.getMessage(), value.get(key).toString()));
        }
      }
    }
  }

  /** The canonical JSON of one python key's result, following a reference to a sibling key. */
  private static String payload(JsonNode byKey, String key, boolean errors) throws RecordException {
    JsonNode v = byKey.get(key);
    if (v.isTextual() && byKey.has(v.textValue()) && !v.textValue().equals(key)) {
      JsonNode target = byKey.get(v.textValue());
      if (target.isTextual() && byKey.has(target.textValue())) {
        throw new RecordException(DeadLetter.VALIDATE, "python key reference '" + v.textValue() + "' points to another reference");
      }
      v = target;
    }
    if (errors) {
      if (!v.isTextual()) {
        throw new RecordException(DeadLetter.VALIDATE, "an sdist error must be a string");
      }
      ObjectNode o = CANONICAL.createObjectNode();
      o.put("error", v.textValue());
      return o.toString();
    }
    if (v.isTextual()) {
      throw new RecordException(DeadLetter.VALIDATE, "python key reference '" + v.textValue() + "' points to nothing");
    }
    if (!v.isObject()) {
      throw new RecordException(DeadLetter.VALIDATE, "sdist data must be an object");
    }
    SdistBuild.validate(v);
    try {
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(v, Object.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new RecordException(DeadLetter.PARSE, e.getOriginalMessage());
    }
  }

  private static void emitBuild(String input, long pos, String name, String version,
      Map<String, String> builds, JsonNode raw, RecordSink sink) throws RecordException {
    FieldLimits.checkRecord(name, version, null, null);
    sink.record(RawRecord.builder(RawRecord.Kind.SDIST_BUILD, InputFormat.DEPS_DB, input, pos)
        .project(name)
        .version(version)
        .sdistBuilds(builds)
        .build());
  }

  static List<String> list(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.textValue()));
    return out;
  }
}
