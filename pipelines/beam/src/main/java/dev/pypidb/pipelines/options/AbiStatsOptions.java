package dev.pypidb.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code pypidb abi-stats}. */
public interface AbiStatsOptions extends PypidbOptions {
  @Description("A normalize output directory to read the tables from (abi-stats, resolve, export-db)")
  String getTables();

  void setTables(String value);

  @Description("top-pypi-packages JSON ({last_update, rows:[{project, download_count}]}): popularity")
  String getPopular();

  void setPopular(String value);

  @Description("How many of the most popular projects the readiness board shows")
  @Default.Integer(360)
  int getTop();

  void setTop(int value);

  @Description("Targets file (one target per line, optional weight, # comments); default: the popular targets")
  String getTargets();

  void setTargets(String value);
}
