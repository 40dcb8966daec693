package dev.pypidb.pipelines.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pypidb.pipelines.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The last step of every pipeline: once all shards are written, commits them, writes empty
 * files for shards that got no rows, writes {@code manifest.json} — checking that every input
 * record is accounted for exactly once (read = accepted + dead-lettered) — and then removes what
 * earlier runs or failed attempts left.
 *
 * <p>The commit depends on the store ({@link Storage#hasAtomicRename}):
 * <ul>
 *   <li>local and HDFS: each shard is renamed from its attempt directory to
 *       {@code TABLE/part-I-of-N.parquet} (an atomic rename per file), the manifest is written
 *       beside and renamed over the old one;
 *   <li>object stores (S3): nothing is renamed. Each shard stays at its attempt-scoped key
 *       {@code TABLE/.attempt-UUID/part-I-of-N.parquet}; the manifest, one object written last,
 *       lists them, and readers trust only what it lists ({@link TableFiles}). Objects it does
 *       not list (earlier runs, killed attempts) are deleted after it is written.
 * </ul>
 */
public final class FinalizeOutput extends PTransform<PCollection<ManifestPart>, PCollection<String>> {
  private final ManifestSpec spec;

  private FinalizeOutput(ManifestSpec spec) {
    this.spec = spec;
  }

  public static FinalizeOutput of(ManifestSpec spec) {
    return new FinalizeOutput(spec);
  }

  @Override
  public PCollection<String> expand(PCollection<ManifestPart> parts) {
    return parts
        .apply("OneGroup", WithKeys.of("manifest"))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ManifestPart.Coder.of()))
        .apply("GatherManifest", GroupByKey.create())
        .apply("Finalize", ParDo.of(new FinalizeFn(spec)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class FinalizeFn extends DoFn<KV<String, Iterable<ManifestPart>>, String> {
    private final ManifestSpec spec;

    FinalizeFn(ManifestSpec spec) {
      this.spec = spec;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<ManifestPart>> all, OutputReceiver<String> out)
        throws IOException {
      Map<String, long[]> inputs = new TreeMap<>();
      spec.inputs().forEach((path, format) -> inputs.put(path, new long[4]));
      Map<String, String> formats = new TreeMap<>(spec.inputs());
      List<String> skippedFiles = new ArrayList<>(spec.skipped());
      if (spec.carried() != null) {
        spec.carried().read(e -> {
          inputs.put(e.path(), new long[] {e.read(), e.blank(), e.written(), e.dead()});
          formats.put(e.path(), e.format());
        }, skippedFiles::add);
        java.util.Collections.sort(skippedFiles);
      }
      Map<String, List<WrittenShard>> shards = new TreeMap<>();
      Map<String, Long> stats = new TreeMap<>();
      for (ManifestPart p : all.getValue()) {
        switch (p.kind()) {
          case SHARD -> shards.computeIfAbsent(p.key(), t -> new ArrayList<>()).add(p.shard());
          case STAT -> stats.merge(p.key(), p.value(), Long::sum);
          default -> inputs.computeIfAbsent(p.key(), k -> new long[4])[p.kind().ordinal()] += p.value();
        }
      }
      String root = spec.output();
      boolean rename = Storage.hasAtomicRename(root);
      ObjectNode manifest = new ObjectMapper().createObjectNode();
      manifest.put("pipeline", spec.pipeline());
      manifest.put("format_version", 1);
      ObjectNode tables = manifest.putObject("tables");
      Map<String, List<String>> kept = new TreeMap<>();
      String finalizeAttempt = ATTEMPT_PREFIX + UUID.randomUUID();
      for (String table : spec.tables()) {
        ObjectNode t = tables.putObject(table);
        List<WrittenShard> written = shards.getOrDefault(table, List.of());
        List<String> files = new ArrayList<>();
        t.put("rows", commit(Storage.resolve(root, table), table, written, rename, finalizeAttempt, files));
        ArrayNode list = t.putArray("files");
        files.forEach(list::add);
        kept.put(table, files);
      }
      long read = 0;
      long accepted = 0;
      long dead = 0;
      long blank = 0;
      ArrayNode list = manifest.putArray("inputs");
      List<String> unbalanced = new ArrayList<>();
      for (Map.Entry<String, long[]> e : inputs.entrySet()) {
        long[] c = e.getValue();
        ObjectNode i = list.addObject();
        i.put("path", Storage.display(e.getKey()));
        i.put("format", formats.getOrDefault(e.getKey(), "core-metadata"));
        i.put("records_read", c[0]);
        i.put("records_written", c[2]);
        i.put("dead_lettered", c[3]);
        i.put("blank_lines_skipped", c[1]);
        read += c[0];
        blank += c[1];
        accepted += c[2];
        dead += c[3];
        if (c[0] != c[2] + c[3]) {
          unbalanced.add(e.getKey() + " (read " + c[0] + ", written " + c[2] + ", dead " + c[3] + ")");
        }
      }
      ArrayNode skipped = manifest.putArray("skipped_files");
      skippedFiles.forEach(skipped::add);
      ObjectNode totals = manifest.putObject("totals");
      totals.put("records_read", read);
      totals.put("records_written", accepted);
      totals.put("dead_lettered", dead);
      totals.put("blank_lines_skipped", blank);
      totals.put("reconciles", unbalanced.isEmpty());
      ObjectNode statsNode = manifest.putObject("stats");
      stats.forEach(statsNode::put);
      spec.extra().forEach(manifest::put);
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      String manifestFile = Storage.resolve(root, Manifests.FILE);
      ObjectNode written = merged(json, root, manifest);
      Storage.writeAtomically(manifestFile,
          (json.writeValueAsString(written) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      // Only now, with the manifest naming the new files, can anything else go.
      for (Map.Entry<String, List<String>> e : kept.entrySet()) {
        removeUnlisted(Storage.resolve(root, e.getKey()), e.getValue());
      }
      removeFailedAttempts(root);
      if (!unbalanced.isEmpty()) {
        throw new IllegalStateException("manifest does not reconcile for " + String.join("; ", unbalanced));
      }
      out.output(manifestFile);
    }

    /**
     * When another pipeline's manifest is already in the directory (pypidb all), this one goes
     * under {@code stages.<pipeline>} beside it; otherwise it is the manifest.
     */
    private ObjectNode merged(ObjectMapper json, String root, ObjectNode mine) throws IOException {
      com.fasterxml.jackson.databind.JsonNode old = Manifests.read(root);
      if (old == null || !old.isObject() || spec.pipeline().equals(old.path("pipeline").asText())) {
        return mine;
      }
      ObjectNode out = (ObjectNode) old;
      out.with("stages").set(spec.pipeline(), mine);
      return out;
    }

    /**
     * Commits the written shards and fills in missing shards with empty files; adds the table's
     * files (relative to its directory) to {@code files} and returns its row count.
     */
    private long commit(String dir, String table, List<WrittenShard> written, boolean rename,
        String finalizeAttempt, List<String> files) throws IOException {
      boolean graph = table.equals(ResolverGraphFiles.DIR);
      int n = graph ? spec.shards() : WriteTables.shardsFor(Table.fromDirName(table), spec.shards());
      Map<String, String> byName = new TreeMap<>();
      long rows = 0;
      for (WrittenShard s : written) {
        if (rename) {
          Storage.rename(s.attemptPath(), Storage.resolve(dir, s.finalName()));
          byName.put(s.finalName(), s.finalName());
        } else {
          byName.put(s.finalName(), relative(dir, s.attemptPath()));
        }
        rows += s.rows();
      }
      for (int i = 0; i < n; i++) {
        String name = graph ? ResolverGraphFiles.partName(i, n) : WrittenShard.partName(i, n);
        if (!byName.containsKey(name)) {
          String file = rename ? name : finalizeAttempt + "/" + name;
          if (graph) {
            ResolverGraphFiles.writeEmpty(Storage.resolve(dir, file));
          } else {
            ParquetFiles.writeEmpty(Storage.resolve(dir, file), Table.fromDirName(table).schema());
          }
          byName.put(name, file);
        }
      }
      files.addAll(byName.values());
      return rows;
    }
  }

  /** {@code file}'s path below directory {@code dir}. */
  static String relative(String dir, String file) {
    String prefix = Storage.resolve(dir, "x");
    prefix = prefix.substring(0, prefix.length() - 1);
    if (!file.startsWith(prefix)) {
      throw new IllegalStateException(file + " was written outside its table directory " + dir);
    }
    return file.substring(prefix.length());
  }

  /**
   * Deletes everything in a table directory that the manifest does not list: the previous
   * run's files, attempts that were killed, scratch left behind.
   */
  static void removeUnlisted(String dir, List<String> listed) throws IOException {
    Set<String> keep = new HashSet<>(listed);
    if (Storage.isObjectStore(dir)) {
      for (Storage.Entry e : Storage.walkFiles(dir)) {
        if (!keep.contains(relative(dir, e.location()))) {
          Storage.delete(e.location());
        }
      }
      return;
    }
    Set<String> keptDirectories = new HashSet<>();
    listed.forEach(f -> keptDirectories.add(f.contains("/") ? f.substring(0, f.indexOf('/')) : f));
    for (String name : Storage.childNames(dir)) {
      String child = Storage.resolve(dir, name);
      if (keep.contains(name)) {
        continue;
      }
      if (!keptDirectories.contains(name)) {
        Storage.deleteTree(child);
        continue;
      }
      for (Storage.Entry e : Storage.walkFiles(child)) { // a directory holding listed files
        if (!keep.contains(relative(dir, e.location()))) {
          Storage.delete(e.location());
        }
      }
    }
  }

  /** The name of an attempt's private directory starts with this. */
  public static final String ATTEMPT_PREFIX = ".attempt-";

  /**
   * Scratch directories of attempts that died without cleaning up (a killed TaskManager). Every
   * live attempt has finished when finalize runs, so whatever is left is garbage.
   */
  static void removeFailedAttempts(String root) throws IOException {
    for (String name : Storage.childNames(root)) {
      if (name.startsWith(ATTEMPT_PREFIX)) {
        Storage.deleteTree(Storage.resolve(root, name));
      }
    }
  }

  /** Deletes a file or a directory tree (any store); nothing when it does not exist. */
  public static void deleteRecursively(String location) throws IOException {
    Storage.deleteTree(location);
  }
}
