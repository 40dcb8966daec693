package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one whole-document input (PyPI JSON, PEP 691 page, pypi-deps-db bucket), telling the
 * format from the document when {@code --format} did not fix it.
 */
final class DocumentReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentReader() {}

  static void read(InputFile file, RecordSink sink) {
    String input = file.path();
    byte[] bytes;
    try {
      bytes = Streams.readAll(input);
    } catch (IOException e) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.READ, "cannot read: " + e.getMessage(), null));
      return;
    }
    int bad = Utf8.firstInvalid(bytes, 0, bytes.length);
    if (bad >= 0) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.DECODE,
          String.format("invalid UTF-8 at byte %d (0x%02x)", bad, bytes[bad] & 0xff), RawText.lenient(bytes, 0, bytes.length)));
      return;
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.PARSE, "not JSON: " + e.getOriginalMessage(),
          new String(bytes, 0, Math.min(bytes.length, RawText.RAW_LIMIT_BYTES), StandardCharsets.UTF_8)));
      return;
    } catch (IOException e) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.READ, "cannot read: " + e.getMessage(), null));
      return;
    }
    InputFormat format = file.format();
    if (doc == null) {
      sink.deadLetter(new DeadLetter(input, 0, DeadLetter.PARSE, "empty file", null));
      return;
    }
    if (format == null) {
      if (PypiJsonReader.looksLike(doc)) {
        format = InputFormat.PYPI_JSON;
      } else if (SimpleJsonReader.looksLike(doc)) {
        format = InputFormat.SIMPLE_JSON;
      } else {
        sink.deadLetter(new DeadLetter(input, 0, DeadLetter.PARSE,
            "not a recognized input: neither a PyPI JSON document (info + releases/urls) nor a PEP 691 page (name + files); use --format to force one",
            RawText.lenient(bytes, 0, bytes.length)));
        return;
      }
    }
    switch (format) {
      case PYPI_JSON -> {
        if (!PypiJsonReader.looksLike(doc)) {
          sink.deadLetter(new DeadLetter(input, 0, DeadLetter.VALIDATE,
              "not a PyPI JSON document: needs 'info' and 'releases' or 'urls'", RawText.lenient(bytes, 0, bytes.length)));
          return;
        }
        PypiJsonReader.read(input, doc, sink);
      }
      case SIMPLE_JSON -> {
        if (!SimpleJsonReader.looksLike(doc)) {
          sink.deadLetter(new DeadLetter(input, 0, DeadLetter.VALIDATE,
              "not a PEP 691 page: needs 'name' and 'files'", RawText.lenient(bytes, 0, bytes.length)));
          return;
        }
        SimpleJsonReader.read(input, doc, sink);
      }
      case DEPS_DB -> DepsDbReader.read(input, doc, sink);
      default -> sink.deadLetter(new DeadLetter(input, 0, DeadLetter.VALIDATE,
          "format " + format.label() + " is not a document format", null));
    }
  }
}
