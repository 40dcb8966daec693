package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Fields} over a JSON object. Lenient where exports differ (BigQuery writes INT64 as
 * strings, booleans sometimes as "true"), strict about everything else.
 */
final class JsonFields implements Fields {
  private final JsonNode node;

  /** The fields of a file entry (PyPI JSON {@code urls}, PEP 691 {@code files}). */
  static JsonFields fileEntry(JsonNode file) throws RecordException {
    if (!file.isObject()) {
      throw new RecordException(DeadLetter.VALIDATE, "a file entry must be an object");
    }
    return new JsonFields(file);
  }

  /** A string field that must be present and non-empty. */
  String requiredString(String name) throws RecordException {
    String v = string(name);
    if (v == null || v.isEmpty()) {
      throw new RecordException(DeadLetter.VALIDATE, "missing required field '" + name + "'");
    }
    return v;
  }

  JsonFields(JsonNode node) {
    this.node = node;
  }

  private JsonNode get(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  @Override
  public String string(String name) throws RecordException {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw wrongType(name, "a string", v);
    }
    return v.textValue();
  }

  @Override
  public Long integer(String name) throws RecordException {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.textValue().strip());
      } catch (NumberFormatException e) {
        throw wrongType(name, "an integer", v);
      }
    }
    throw wrongType(name, "an integer", v);
  }

  @Override
  public Boolean bool(String name) throws RecordException {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
      return Boolean.parseBoolean(v.textValue());
    }
    throw wrongType(name, "a boolean", v);
  }

  @Override
  public Long timestamp(String name) throws RecordException {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      try {
        return Timestamps.parseMicros(v.textValue());
      } catch (DateTimeParseException e) {
        throw wrongType(name, "a timestamp", v);
      }
    }
    if (v.isNumber()) {
      // BigQuery exports TIMESTAMP as seconds since the epoch in some JSON flavours.
      return (long) (v.doubleValue() * 1_000_000L);
    }
    throw wrongType(name, "a timestamp", v);
  }

  @Override
  public List<String> strings(String name) throws RecordException {
    JsonNode v = get(name);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw wrongType(name, "an array of strings", v);
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(name + "[" + out.size() + "]", "a string", item);
      }
      out.add(item.textValue());
    }
    return out;
  }

  static RecordException wrongType(String name, String expected, JsonNode got) {
    String shown = got.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 57) + "...";
    }
    return new RecordException(DeadLetter.VALIDATE,
        "field '" + name + "' must be " + expected + ", got " + got.getNodeType().name().toLowerCase() + " " + shown);
  }
}
