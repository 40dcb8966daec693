package dev.pypidb.pipelines.normalize;

import dev.pypidb.pipelines.read.SdistBuild;
import java.util.List;

/**
 * One sdist result of a release before it becomes rows: a pypi-deps-db build for a group of
 * python keys, or a static result (from the archive, or from trusted core metadata) for one
 * key. {@code requirementsSource} is the {@code source} of its requirement rows: python keys
 * that share an identical result share one set of rows.
 *
 * @param provenance the input format label (deps-db, archives, core-metadata, bigquery ...)
 * @param filename the sdist file, or null for a pypi-deps-db build
 * @param depsDbName the pypi-deps-db key of a build, else null
 */
record SdistResult(String provenance, String filename, String depsDbName, List<String> pythonKeys,
    SdistBuild build, String requirementsSource) {

  static final String DEPS_DB = "deps-db";

  boolean fromDepsDb() {
    return DEPS_DB.equals(provenance);
  }

  boolean ok() {
    return "ok".equals(build.status());
  }
}
