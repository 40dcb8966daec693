package dev.pypidb.pipelines.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pypa.names.ProjectNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.values.KV;

/**
 * A mach-nix bucket file as its entries, for updates: splits the previous bucket's text into
 * (key, value text) pairs without parsing the values, drops the entries of changed projects,
 * adds their new ones and writes the bucket as {@link ExportDbPipeline} would. Entries are the
 * lines from a top-level key (two spaces of indent, then a JSON string) to the next.
 */
final class MachNixBucketSplice {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MachNixBucketSplice() {}

  /** The entries of a bucket's text, in file order. */
  static List<KV<String, String>> entries(String text) throws IOException {
    List<KV<String, String>> out = new ArrayList<>();
    if (!text.startsWith("{") || !text.endsWith("}")) {
      throw new IOException("not a pypi-deps-db bucket written by pypidb (no enclosing braces)");
    }
    String body = text.substring(1, text.length() - 1);
    int at = body.indexOf("\n  \"");
    while (at >= 0) {
      int start = at + 3;
      int next = body.indexOf("\n  \"", start);
      int end = next < 0 ? body.length() - 1 : next; // the last entry is followed by "\n"
      String entry = body.substring(start, end);
      if (next >= 0) {
        entry = entry.substring(0, entry.length() - 1); // the "," before the next entry
      }
      int keyEnd = closingQuote(entry);
      String key = JSON.readValue(entry.substring(0, keyEnd + 1), String.class);
      if (!entry.startsWith(": ", keyEnd + 1)) {
        throw new IOException("entry " + key + " has no ': ' after its key");
      }
      out.add(KV.of(key, entry.substring(keyEnd + 3)));
      at = next;
    }
    return out;
  }

  /** The previous entries minus those of {@code changed} projects, plus {@code fresh}, as bucket text. */
  static String splice(String previous, Set<String> changed, List<KV<String, String>> fresh) throws IOException {
    List<KV<String, String>> kept = new ArrayList<>();
    for (KV<String, String> e : entries(previous)) {
      if (!changed.contains(ProjectNames.canonicalize(e.getKey()))) {
        kept.add(e);
      }
    }
    kept.addAll(fresh);
    return text(kept);
  }

  /** A bucket's text: entries sorted by key, indented as Python's json.dump(indent=2). */
  static String text(List<KV<String, String>> entries) {
    List<KV<String, String>> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(KV::getKey));
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < sorted.size(); i++) {
      text.append(i == 0 ? "\n  " : ",\n  ");
      PythonJson.string(text, sorted.get(i).getKey());
      text.append(": ").append(sorted.get(i).getValue());
    }
    text.append(sorted.isEmpty() ? "}" : "\n}");
    return text.toString();
  }

  /** The index of the quote that closes the JSON string {@code s} starts with. */
  private static int closingQuote(String s) throws IOException {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    throw new IOException("unterminated key in " + s.substring(0, Math.min(80, s.length())));
  }
}
