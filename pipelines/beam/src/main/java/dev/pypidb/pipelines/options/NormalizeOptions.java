package dev.pypidb.pipelines.options;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code pypidb normalize}. */
public interface NormalizeOptions extends PypidbOptions {
  @Description("Raw metadata to read: files, directories (walked) or globs; comma-separated or repeated")
  List<String> getInput();

  void setInput(List<String> value);

  @Description("Read every input as this format (bigquery, pypi-json, simple-json, deps-db) instead of detecting it per file")
  String getFormat();

  void setFormat(String value);

  @Description("Average projects per Parquet row group of the project tables; an update rewrites only the groups"
      + " holding changed projects, so smaller groups make updates cheaper and files larger")
  @Default.Integer(16)
  int getGroupProjects();

  void setGroupProjects(int value);
}
