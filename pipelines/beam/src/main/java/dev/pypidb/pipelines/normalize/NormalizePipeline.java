package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.options.NormalizeOptions;
import dev.pypidb.pipelines.read.DeadLetter;
import dev.pypidb.pipelines.read.InputFile;
import dev.pypidb.pipelines.read.InputFormat;
import dev.pypidb.pipelines.read.InputResolver;
import dev.pypidb.pipelines.read.ReadRawRecords;
import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pipelines.tables.DeadLetterRows;
import dev.pypidb.pipelines.tables.FinalizeOutput;
import dev.pypidb.pipelines.tables.ManifestPart;
import dev.pypidb.pipelines.tables.ManifestParts;
import dev.pypidb.pipelines.tables.ManifestSpec;
import dev.pypidb.pipelines.tables.ProjectRowGroupWriter;
import dev.pypidb.pipelines.tables.ResolverGraphFiles;
import dev.pypidb.pipelines.tables.RowBlock;
import dev.pypidb.pipelines.tables.Table;
import dev.pypidb.pipelines.tables.WriteTables;
import dev.pypidb.pipelines.tables.WrittenShard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code pypidb normalize}: raw metadata in, the release, file, wheel-tag, requirement,
 * sdist-metadata, fingerprint and dead-letter tables out, with a manifest that accounts for
 * every input record.
 */
public final class NormalizePipeline {
  /** The tables normalize writes, in manifest order. */
  public static final List<Table> TABLES = List.of(Table.RELEASES, Table.FILES, Table.WHEEL_TAGS,
      Table.REQUIREMENTS, Table.SDIST_METADATA, Table.FINGERPRINTS, Table.DEAD_LETTER);

  private NormalizePipeline() {}

  /** Adds normalize to {@code p}; returns the PCollection holding the manifest's path once done. */
  public static PCollection<String> build(Pipeline p, NormalizeOptions options) {
    if (options.getInput() == null || options.getInput().isEmpty()) {
      throw new IllegalArgumentException("--input is required: raw metadata files, directories or globs");
    }
    if (options.getOutput() == null) {
      throw new IllegalArgumentException("--output is required: the directory to write the tables to");
    }
    InputFormat forced = options.getFormat() == null ? null : InputFormat.fromLabel(options.getFormat());
    InputResolver.Resolved resolved = InputResolver.resolve(options.getInput(), forced);
    return build(p, resolved, options.getOutput(), options.getShards(), options.getGroupProjects());
  }

  public static PCollection<String> build(Pipeline p, InputResolver.Resolved inputs, String output, int shards) {
    return build(p, inputs, output, shards, ProjectRowGroupWriter.DEFAULT_GROUP_PROJECTS);
  }

  public static PCollection<String> build(Pipeline p, InputResolver.Resolved inputs, String output, int shards,
      int groupProjects) {
    PCollectionTuple read = p.apply("Read", ReadRawRecords.of(inputs.files()));
    PCollectionTuple normalized = read.get(ReadRawRecords.RECORDS)
        .apply("Normalize", NormalizeProjects.writingTo(output, shards, groupProjects));

    PCollection<DeadLetter> dead = PCollectionList.of(read.get(ReadRawRecords.DEAD_LETTERS))
        .and(normalized.get(NormalizeProjects.DEAD_LETTERS))
        .apply("AllDeadLetters", Flatten.pCollections());
    PCollection<RowBlock> deadRows = dead.apply("DeadLetterRows", ParDo.of(new DeadLetterRows()))
        .setCoder(RowBlock.Coder.of());
    PCollection<WrittenShard> written = PCollectionList.of(normalized.get(NormalizeProjects.WRITTEN))
        .and(deadRows.apply("WriteDeadLetters", WriteTables.to(output, shards)))
        .apply("AllShards", Flatten.pCollections());

    PCollection<ManifestPart> parts = PCollectionList
        .of(ManifestParts.counts("Read", read.get(ReadRawRecords.READ_COUNTS), ManifestPart.Kind.RECORDS_READ))
        .and(ManifestParts.counts("Blank", read.get(ReadRawRecords.BLANK_LINES), ManifestPart.Kind.BLANK_LINES))
        .and(ManifestParts.counts("Accepted", normalized.get(NormalizeProjects.ACCEPTED), ManifestPart.Kind.RECORDS_ACCEPTED))
        .and(ManifestParts.deadLetters(dead))
        .and(ManifestParts.shards(written))
        .apply("AllManifestParts", Flatten.pCollections());
    return parts.apply("FinalizeOutput", FinalizeOutput.of(spec(inputs, output, shards)));
  }

  public static ManifestSpec spec(InputResolver.Resolved inputs, String output, int shards) {
    Map<String, String> formats = new TreeMap<>();
    for (InputFile f : inputs.files()) {
      formats.put(f.path(), f.format() == null ? "auto" : f.format().label());
    }
    List<String> tables = new ArrayList<>();
    TABLES.forEach(t -> tables.add(t.dirName()));
    tables.add(ResolverGraphFiles.DIR);
    Map<String, String> extra = new LinkedHashMap<>();
    String timestamp = depsDbTimestamp(inputs.files());
    if (timestamp != null) {
      extra.put("deps_db_unix_timestamp", timestamp);
    }
    return new ManifestSpec("normalize", output, shards, tables, formats, inputs.skipped(), extra);
  }

  /** The UNIX_TIMESTAMP of a pypi-deps-db checkout among the inputs (the newest if several). */
  static String depsDbTimestamp(List<InputFile> files) {
    Set<String> roots = new TreeSet<>();
    for (InputFile f : files) {
      String bucketDir = f.format() == InputFormat.DEPS_DB ? Storage.parent(f.path()) : null;
      String root = bucketDir == null ? null : Storage.parent(bucketDir);
      if (root != null) {
        roots.add(root);
      }
    }
    String best = null;
    for (String root : roots) {
      String stamp = Storage.resolve(root, "UNIX_TIMESTAMP");
      try {
        if (Storage.isFile(stamp)) {
          String t = Storage.readString(stamp).strip();
          if (t.matches("\\d+") && (best == null || Long.parseLong(t) > Long.parseLong(best))) {
            best = t;
          }
        }
      } catch (IOException e) {
        // Without a timestamp the export uses the newest upload time instead.
      }
    }
    return best;
  }
}
