package dev.pypidb.pipelines.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pypa.resolver.Pin;
import dev.pypidb.pypa.resolver.Resolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Resolutions as {@code resolutions} rows, and rows to and from the cache's JSON. */
final class ResolutionRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResolutionRows() {}

  static GenericRecord row(String env, List<String> requirements, String target, String policy,
      Resolution r, boolean cacheHit) {
    GenericRecord row = new GenericData.Record(Table.RESOLUTIONS.schema());
    row.put("environment", env);
    row.put("requirements", requirements);
    row.put("target", target);
    row.put("policy", policy);
    row.put("status", r.resolved() ? "resolved" : "failed");
    row.put("failure_category", r.failure() == null ? null : r.failure().name().toLowerCase(Locale.ROOT));
    row.put("explanation", r.resolved() ? null : r.explanation());
    Schema pinSchema = Table.RESOLUTIONS.schema().getField("pins").schema().getElementType();
    List<GenericRecord> pins = new ArrayList<>();
    List<Pin> sorted = new ArrayList<>(r.pins());
    sorted.sort((a, b) -> a.name().compareTo(b.name()));
    for (Pin p : sorted) {
      GenericRecord pin = new GenericData.Record(pinSchema);
      pin.put("name", p.name());
      pin.put("version", p.version());
      pin.put("filename", p.filename() == null || p.filename().endsWith(" (sdist)") ? null : p.filename());
      pin.put("provider", p.provider());
      pin.put("extras", p.extras().isEmpty() ? null : String.join(",", p.extras()));
      pins.add(pin);
    }
    row.put("pins", pins);
    List<String> cycles = new ArrayList<>();
    r.cycles().forEach(c -> cycles.add(String.join(" -> ", c) + " -> " + c.get(0)));
    row.put("cycles", cycles.isEmpty() ? null : cycles);
    row.put("warnings", r.warnings().isEmpty() ? null : r.warnings());
    row.put("consulted", r.consulted().size());
    row.put("steps", r.steps());
    row.put("micros", r.micros());
    row.put("cache_hit", cacheHit);
    return row;
  }

  static String toJson(GenericRecord row) {
    ObjectNode o = JSON.createObjectNode();
    for (Schema.Field f : row.getSchema().getFields()) {
      Object v = row.get(f.pos());
      if (v == null) {
        o.putNull(f.name());
      } else if (v instanceof List<?> list) {
        ArrayNode a = o.putArray(f.name());
        for (Object item : list) {
          if (item instanceof GenericRecord pin) {
            ObjectNode p = a.addObject();
            for (Schema.Field pf : pin.getSchema().getFields()) {
              Object pv = pin.get(pf.pos());
              p.put(pf.name(), pv == null ? null : pv.toString());
            }
          } else {
            a.add(item.toString());
          }
        }
      } else if (v instanceof Boolean b) {
        o.put(f.name(), b);
      } else if (v instanceof Number n) {
        o.put(f.name(), n.longValue());
      } else {
        o.put(f.name(), v.toString());
      }
    }
    return o.toString();
  }

  /** A cached row, with {@code cache_hit} true and this run's environment id. */
  static GenericRecord fromJson(String json, String env) {
    JsonNode o;
    try {
      o = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GenericRecord row = new GenericData.Record(Table.RESOLUTIONS.schema());
    for (Schema.Field f : row.getSchema().getFields()) {
      JsonNode v = o.get(f.name());
      if (v == null || v.isNull()) {
        row.put(f.pos(), null);
      } else if (v.isArray()) {
        List<Object> list = new ArrayList<>();
        Schema element = f.schema().getType() == Schema.Type.UNION
            ? f.schema().getTypes().get(1).getElementType() : f.schema().getElementType();
        for (JsonNode item : v) {
          if (element.getType() == Schema.Type.RECORD) {
            GenericRecord pin = new GenericData.Record(element);
            for (Schema.Field pf : element.getFields()) {
              JsonNode pv = item.get(pf.name());
              pin.put(pf.pos(), pv == null || pv.isNull() ? null : pv.asText());
            }
            list.add(pin);
          } else {
            list.add(item.asText());
          }
        }
        row.put(f.pos(), list);
      } else if (v.isBoolean()) {
        row.put(f.pos(), v.booleanValue());
      } else if (f.name().equals("consulted")) {
        row.put(f.pos(), v.intValue());
      } else if (v.isNumber()) {
        row.put(f.pos(), v.longValue());
      } else {
        row.put(f.pos(), v.asText());
      }
    }
    row.put("environment", env);
    row.put("cache_hit", true);
    return row;
  }
}
