package dev.pypidb.pipelines.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code pypidb resolve}. */
public interface ResolveOptions extends AbiStatsOptions {
  @Description("Environments: a JSON-lines file ({\"id\", \"requirements\"} or a bare array per line), "
      + "a directory of requirements files (*.txt), or a top-pypi-packages JSON (each of the top --top projects alone)")
  String getEnvironments();

  void setEnvironments(String value);

  @Description("Result cache directory: results whose consulted projects did not change are reused")
  String getCache();

  void setCache(String value);

  @Description("wheels+sdist (mach-nix's default: an sdist when no wheel fits) or wheels-only")
  @Default.String("wheels+sdist")
  String getPolicy();

  void setPolicy(String value);

  @Description("Most resolver steps per environment, target and policy before giving up "
      + "(budget_exhausted): the budget that decides, the same on every machine")
  @Default.Integer(100000)
  int getStepBudget();

  void setStepBudget(int value);

  @Description("Safety net: most milliseconds of solver CPU time per resolution, not counting "
      + "reading projects from the tables; when it fires first the row is time_limit (not a verdict)")
  @Default.Integer(60000)
  int getTimeBudgetMs();

  void setTimeBudgetMs(int value);
}
