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

  @Description("A partial update: a file naming, one per line, the project directories of the per-project raw tree"
      + " --input (as pypidb fetch writes it) that changed since the previous output was computed from the same tree;"
      + " only they are read, every other project is trusted unchanged")
  String getChangedProjects();

  void setChangedProjects(String value);
}
