package dev.pypidb.pipelines.options;

import org.apache.beam.sdk.options.Description;

/** Options of {@code pypidb update}: those of {@code all}, plus what to update from. */
public interface UpdateOptions extends AllOptions {
  @Description("The output of an earlier normalize, all or update run to update from (read only)")
  String getPrevious();

  void setPrevious(String value);

  @Description("A change feed: (project, serial) events, one per line (JSON array, JSON object or 'name serial');"
      + " the projects it names are re-normalized even if their raw records look unchanged")
  String getChanges();

  void setChanges(String value);
}
