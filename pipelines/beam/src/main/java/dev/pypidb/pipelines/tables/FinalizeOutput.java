package dev.pypidb.pipelines.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The last step of every pipeline: once all shards are written, moves them into place (each an
 * atomic rename), writes empty files for shards that got no rows, removes what earlier runs or
 * failed attempts left, and writes {@code manifest.json} — checking that every input record is
 * accounted for exactly once (read = accepted + dead-lettered).
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
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(ManifestPart.class)))
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
      Path root = Path.of(spec.output());
      ObjectNode manifest = new ObjectMapper().createObjectNode();
      manifest.put("pipeline", spec.pipeline());
      manifest.put("format_version", 1);
      ObjectNode tables = manifest.putObject("tables");
      for (String table : spec.tables()) {
        ObjectNode t = tables.putObject(table);
        List<WrittenShard> written = shards.getOrDefault(table, List.of());
        t.put("rows", commit(root.resolve(table), table, written));
        ArrayNode files = t.putArray("files");
        try (Stream<Path> s = Files.list(root.resolve(table))) {
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet") || n.endsWith(".graph"))
              .sorted().forEach(files::add);
        }
      }
      removeFailedAttempts(root);
      long read = 0;
      long accepted = 0;
      long dead = 0;
      long blank = 0;
      ArrayNode list = manifest.putArray("inputs");
      List<String> unbalanced = new ArrayList<>();
      for (Map.Entry<String, long[]> e : inputs.entrySet()) {
        long[] c = e.getValue();
        ObjectNode i = list.addObject();
        i.put("path", e.getKey());
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
      ObjectNode written = merged(json, root.resolve("manifest.json"), manifest);
      Path tmp = root.resolve(".manifest.json.tmp");
      Files.writeString(tmp, json.writeValueAsString(written) + "\n");
      Files.move(tmp, root.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (!unbalanced.isEmpty()) {
        throw new IllegalStateException("manifest does not reconcile for " + String.join("; ", unbalanced));
      }
      out.output(root.resolve("manifest.json").toString());
    }

    /**
     * When another pipeline's manifest is already in the directory (pypidb all), this one goes
     * under {@code stages.<pipeline>} beside it; otherwise it is the manifest.
     */
    private ObjectNode merged(ObjectMapper json, Path existing, ObjectNode mine) throws IOException {
      if (!Files.isRegularFile(existing)) {
        return mine;
      }
      com.fasterxml.jackson.databind.JsonNode old = json.readTree(existing.toFile());
      if (old == null || !old.isObject() || spec.pipeline().equals(old.path("pipeline").asText())) {
        return mine;
      }
      ObjectNode out = (ObjectNode) old;
      out.with("stages").set(spec.pipeline(), mine);
      return out;
    }

    /**
     * Moves the written shards into place, fills in missing shards, deletes everything else in
     * the table directory, and returns the table's row count.
     */
    private long commit(Path dir, String table, List<WrittenShard> written) throws IOException {
      Files.createDirectories(dir);
      boolean graph = table.equals(ResolverGraphFiles.DIR);
      int n = graph ? spec.shards() : WriteTables.shardsFor(Table.fromDirName(table), spec.shards());
      List<String> keep = new ArrayList<>();
      long rows = 0;
      for (WrittenShard s : written) {
        Files.move(Path.of(s.attemptPath()), dir.resolve(s.finalName()),
            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        keep.add(s.finalName());
        rows += s.rows();
      }
      for (int i = 0; i < n; i++) {
        String name = graph ? ResolverGraphFiles.partName(i, n) : WrittenShard.partName(i, n);
        if (!keep.contains(name)) {
          if (graph) {
            ResolverGraphFiles.writeEmpty(dir.resolve(name));
          } else {
            ParquetFiles.writeEmpty(dir.resolve(name), Table.fromDirName(table).schema());
          }
          keep.add(name);
        }
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          if (!keep.contains(p.getFileName().toString())) {
            deleteRecursively(p);
          }
        }
      }
      return rows;
    }
  }

  /**
   * Scratch directories of attempts that died without cleaning up (a killed TaskManager). Every
   * live attempt has finished when finalize runs, so whatever is left is garbage.
   */
  static void removeFailedAttempts(Path root) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, ".attempt-*")) {
      for (Path p : entries) {
        deleteRecursively(p);
      }
    }
  }

  /** Deletes a file or a directory tree; nothing when it does not exist. */
  public static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
