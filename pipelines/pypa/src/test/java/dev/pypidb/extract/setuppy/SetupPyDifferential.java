package dev.pypidb.extract.setuppy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.extract.FieldAnswer;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.MethodAnswer;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.SetupField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluator's side of scripts/setuppy-differential: answers each case of a cases.json for
 * each {@code KEY=FULL_VERSION} argument (the real interpreter's exact version, so that
 * {@code platform.python_version()} agrees), one JSON line per case and key. Run by hand:
 * {@code java -cp ... SetupPyDifferential cases.json 27=2.7.18 36=3.6.15 ...}.
 */
public final class SetupPyDifferential {
  private SetupPyDifferential() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode input = json.readTree(Files.readString(Path.of(args[0])));
    Map<String, byte[]> common = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = input.get("files").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      common.put(f.getKey(), f.getValue().asText().getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> cases = new TreeMap<>();
    input.get("cases").fields().forEachRemaining(e -> cases.put(e.getKey(), e.getValue().asText()));
    StringBuilder out = new StringBuilder();
    for (int k = 1; k < args.length; k++) {
      String[] kv = args[k].split("=");
      String[] v = kv[1].split("\\.");
      PythonKey key = new PythonKey(kv[0], Integer.parseInt(v[0]), Integer.parseInt(v[1]), kv[1]);
      for (Map.Entry<String, String> c : cases.entrySet()) {
        Map<String, byte[]> files = new TreeMap<>(common);
        files.put("setup.py", c.getValue().getBytes(StandardCharsets.UTF_8));
        MethodAnswer a = SetupPyReader.of(new MemorySourceTree(files, Map.of()), "case").answer(key);
        ObjectNode line = json.createObjectNode();
        line.put("case", c.getKey());
        line.put("key", key.key());
        line.set("result", result(json, a));
        out.append(json.writeValueAsString(line)).append('\n');
      }
    }
    System.out.print(out);
  }

  private static JsonNode result(ObjectMapper json, MethodAnswer a) {
    ObjectNode r = json.createObjectNode();
    if (a.error() != null) {
      r.put("error", a.error());
      return r;
    }
    for (Map.Entry<SetupField, FieldAnswer> f : a.fields().entrySet()) {
      if (f.getValue() instanceof FieldAnswer.Unresolved u) {
        r.put("unresolved", f.getKey() + ": " + u.reason());
        return r;
      }
      r.set(f.getKey().keyword(), json.valueToTree(((FieldAnswer.Known) f.getValue()).value()));
    }
    return r;
  }
}
