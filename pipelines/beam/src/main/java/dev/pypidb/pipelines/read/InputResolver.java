package dev.pypidb.pipelines.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pypidb.pipelines.read.InputFile.Layout;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns {@code --input} paths, directories and globs (local, {@code hdfs://}, {@code s3://})
 * into the sorted list of files to read,
 * each with its format: from {@code --format} when given, else from the path (pypi-deps-db
 * bucket names, {@code .avro}, {@code .parquet}, {@code .jsonl}) or a look at the content.
 */
public final class InputResolver {
  private static final Pattern BUCKET = Pattern.compile("[0-9a-f]{2}\\.json(\\.gz)?");
  /** Distribution files: sdists as indexes serve them, wheels and eggs. */
  private static final Pattern ARCHIVE = Pattern.compile(".*\\.(tar\\.gz|tgz|tar\\.bz2|tar\\.xz|zip|whl|egg)");
  private static final Set<String> DEPS_DB_KINDS = Set.of("wheel", "sdist", "sdist-errors");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The report {@code pypidb fetch} writes at the root of its raw tree. */
  static final String FETCH_MANIFEST = "fetch-manifest.json";

  /** What resolution found: files to read and files deliberately passed over. */
  public record Resolved(List<InputFile> files, List<String> skipped) {}

  private InputResolver() {}

  /**
   * Resolves {@code --input} specs: files, directories (walked, hidden names left out) and globs,
   * each a local path or a URL of any store ({@link Storage}).
   */
  public static Resolved resolve(List<String> specs, InputFormat forced) {
    return resolve(specs, forced, false);
  }

  /** As {@link #resolve(List, InputFormat)}; with {@code allowEmpty}, no input file is no error. */
  public static Resolved resolve(List<String> specs, InputFormat forced, boolean allowEmpty) {
    TreeSet<String> explicit = new TreeSet<>();
    TreeSet<String> walked = new TreeSet<>();
    Map<String, Long> sizes = new HashMap<>();
    for (String spec : specs) {
      if (spec.isBlank()) {
        continue;
      }
      try {
        // A URL with wildcards is a glob first (a Hadoop file system would match it as one anyway).
        boolean glob = isGlob(spec) && (!Storage.isLocal(spec) || !Storage.isFile(spec));
        if (!glob && Storage.isFile(spec)) {
          String location = Storage.absolute(spec);
          explicit.add(location);
          sizes.put(location, Math.max(0, Storage.sizeIfExists(location)));
        } else if (!glob && Storage.isDirectory(spec)) {
          walk(Storage.absolute(spec), walked, sizes);
        } else if (glob) {
          List<Storage.Entry> matched = Storage.glob(spec);
          if (matched.isEmpty()) {
            throw new IllegalArgumentException("--input " + Storage.display(spec) + " matches no file");
          }
          matched.forEach(e -> {
            explicit.add(e.location());
            sizes.put(e.location(), e.size());
          });
        } else {
          throw new IllegalArgumentException("--input " + Storage.display(spec) + ": no such file or directory");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --input " + Storage.display(spec) + ": " + e.getMessage(), e);
      }
    }
    List<InputFile> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    TreeSet<String> all = new TreeSet<>(walked);
    all.addAll(explicit);
    for (String path : all) {
      InputFile f = classify(path, forced, explicit.contains(path));
      if (f == null && path.toLowerCase(Locale.ROOT).endsWith(".metadata")) {
        continue; // read through its page, and counted as an input there: not a skipped file
      }
      if (f == null) {
        skipped.add(path);
      } else {
        files.add(new InputFile(f.path(), f.format(), f.layout(), sizes.getOrDefault(path, 0L)));
      }
    }
    if (files.isEmpty() && !allowEmpty) {
      throw new IllegalArgumentException("--input names no readable input file (" + String.join(", ", specs) + ")");
    }
    return new Resolved(List.copyOf(files), List.copyOf(skipped));
  }

  private static boolean isGlob(String spec) {
    return spec.contains("*") || spec.contains("?") || spec.contains("[");
  }

  private static void walk(String dir, Set<String> out, Map<String, Long> sizes) throws IOException {
    String prefix = Storage.resolve(dir, "x");
    prefix = prefix.substring(0, prefix.length() - 1);
    for (Storage.Entry e : Storage.walkFiles(dir)) {
      if (!isHidden(e.location().substring(prefix.length()))) {
        out.add(e.location());
        sizes.put(e.location(), e.size());
      }
    }
  }

  /** Whether a path below a walked directory has a name starting with a dot. */
  private static boolean isHidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a file met in a directory walk (any store) is read as an input (not a sidecar or a note). */
  public static boolean isInput(String location) {
    return classify(Storage.absolute(location), null, false) != null;
  }

  /** The file's format and layout, or null when it is not an input (sidecars, notes). */
  static InputFile classify(String path, InputFormat forced, boolean explicit) {
    String name = Storage.name(path);
    String lower = name.toLowerCase(Locale.ROOT);
    String parentDir = Storage.parent(path);
    String parent = parentDir == null ? "" : Storage.name(parentDir);
    if (lower.endsWith(".metadata")) {
      return null; // PEP 658 metadata is read through the page that lists its file
    }
    if (name.equals(FETCH_MANIFEST) && !explicit) {
      return null; // pypidb fetch's report on the raw tree it wrote, not metadata
    }
    if (forced != null) {
      return new InputFile(path, forced, forcedLayout(forced, lower));
    }
    if (ARCHIVE.matcher(lower).matches()) {
      return new InputFile(path, InputFormat.ARCHIVES, Layout.ARCHIVE);
    }
    if (DEPS_DB_KINDS.contains(parent) && BUCKET.matcher(lower).matches()) {
      return new InputFile(path, InputFormat.DEPS_DB, Layout.DOCUMENT);
    }
    if (lower.endsWith(".avro")) {
      return new InputFile(path, InputFormat.BIGQUERY, Layout.AVRO);
    }
    if (lower.endsWith(".parquet")) {
      return new InputFile(path, InputFormat.BIGQUERY, Layout.PARQUET);
    }
    if (lower.matches(".*\\.(jsonl|ndjson)(\\.gz)?")) {
      return new InputFile(path, InputFormat.BIGQUERY, Layout.LINES);
    }
    if (lower.matches(".*\\.json(\\.gz)?")) {
      return sniffJson(path);
    }
    // Notes beside data (README, LICENSE, UNIX_TIMESTAMP) are skipped in directory walks; a
    // file named explicitly is read and dead-lettered if it is not an input format.
    return explicit ? sniffJson(path) : null;
  }

  private static Layout forcedLayout(InputFormat forced, String lower) {
    if (forced == InputFormat.ARCHIVES) {
      return Layout.ARCHIVE;
    }
    if (forced != InputFormat.BIGQUERY) {
      return Layout.DOCUMENT;
    }
    if (lower.endsWith(".avro")) {
      return Layout.AVRO;
    }
    return lower.endsWith(".parquet") ? Layout.PARQUET : Layout.LINES;
  }

  /**
   * NDJSON when the first line is a complete object that looks like a BigQuery row; otherwise
   * one document whose format the reader tells from its keys.
   */
  private static InputFile sniffJson(String path) {
    String firstLine = firstLine(path);
    if (firstLine != null && firstLine.startsWith("{")) {
      try {
        JsonNode node = JSON.readTree(firstLine);
        if (node != null && node.isObject() && (node.has("filename") || node.has("packagetype"))) {
          return new InputFile(path, InputFormat.BIGQUERY, Layout.LINES);
        }
      } catch (IOException e) {
        // Not a complete object on one line: a pretty-printed document.
      }
    }
    return new InputFile(path, null, Layout.DOCUMENT);
  }

  private static String firstLine(String path) {
    try (InputStream in = Streams.open(path)) {
      byte[] head = in.readNBytes(1 << 20);
      int start = 0;
      while (start < head.length && Character.isWhitespace(head[start])) {
        start++;
      }
      int end = start;
      while (end < head.length && head[end] != '\n') {
        end++;
      }
      return new String(head, start, end - start, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return null; // unreadable: the reader reports it as a dead letter
    }
  }
}
