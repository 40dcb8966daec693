package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Parses one NDJSON line of a BigQuery export into a {@link RawRecord}. */
final class BigQueryLineParser {
  private final ObjectMapper json = new ObjectMapper();

  RawRecord parse(String input, long lineNo, byte[] line) throws RecordException {
    if (line.length > FieldLimits.MAX_LINE_BYTES) {
      throw new RecordException(DeadLetter.READ,
          "line is longer than " + FieldLimits.MAX_LINE_BYTES + " bytes");
    }
    int bad = Utf8.firstInvalid(line, 0, line.length);
    if (bad >= 0) {
      throw new RecordException(DeadLetter.DECODE,
          String.format("invalid UTF-8 at byte %d (0x%02x)", bad, line[bad] & 0xff));
    }
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      throw new RecordException(DeadLetter.PARSE, "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RecordException(DeadLetter.PARSE, "not JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new RecordException(DeadLetter.PARSE, "not a JSON object");
    }
    return BigQueryRows.toRecord(new JsonFields(node), input, lineNo);
  }
}
