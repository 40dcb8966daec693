package dev.pypidb.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pypidb.cli.eval.EvalOps;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** {@code pypidb eval}: JSON lines in on stdin, one result per line out (docs/eval.md). */
final class EvalCommand {
  private EvalCommand() {}

  static int run() throws IOException {
    ObjectMapper json = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
    EvalOps ops = new EvalOps();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    try (Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode result;
        try {
          result = ops.apply(json.readTree(line));
        } catch (JsonProcessingException e) {
          result = EvalOps.error("not JSON: " + e.getOriginalMessage());
        }
        out.write(json.writeValueAsString(result));
        out.write('\n');
      }
    }
    return 0;
  }
}
