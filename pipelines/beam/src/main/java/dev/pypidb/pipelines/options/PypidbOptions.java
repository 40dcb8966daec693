package dev.pypidb.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Options every pypidb pipeline takes. */
public interface PypidbOptions extends PipelineOptions {
  @Description("Directory the pipeline writes its tables (and manifest.json) under")
  String getOutput();

  void setOutput(String value);

  @Description("Parquet files per large table; keep it equal across runs you want to compare file by file")
  @Default.Integer(4)
  int getShards();

  void setShards(int value);
}
