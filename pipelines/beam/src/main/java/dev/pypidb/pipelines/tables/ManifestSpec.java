package dev.pypidb.pipelines.tables;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline knows about its output before it runs: where it goes, which tables it writes,
 * its inputs (path to format) and anything else the manifest should carry; for a partial
 * update, the inputs whose entries come from the previous manifest ({@code carried}, else null).
 */
public record ManifestSpec(
    String pipeline,
    String output,
    int shards,
    List<String> tables,
    Map<String, String> inputs,
    List<String> skipped,
    Map<String, String> extra,
    CarriedInputs carried) implements Serializable {

  public ManifestSpec(String pipeline, String output, int shards, List<String> tables, Map<String, String> inputs,
      List<String> skipped, Map<String, String> extra) {
    this(pipeline, output, shards, tables, inputs, skipped, extra, null);
  }
}
