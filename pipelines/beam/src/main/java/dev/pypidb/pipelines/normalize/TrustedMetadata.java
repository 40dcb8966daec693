package dev.pypidb.pipelines.normalize;

import dev.pypidb.extract.KeyResult;
import dev.pypidb.extract.MemorySourceTree;
import dev.pypidb.extract.SdistExtraction;
import dev.pypidb.extract.SdistExtractor;
import dev.pypidb.extract.sources.PkgInfoReader;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.SdistBuild;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code pkg-info} result of an sdist whose core metadata an index serves (PEP 658
 * {@code .metadata}, BigQuery's upload metadata) and PEP 643 lets us trust: Metadata-Version
 * 2.2 or later with Requires-Dist not Dynamic. It is what the same fields give in the sdist's
 * own PKG-INFO ({@link PkgInfoReader}), for every python key: core metadata holds markers, not
 * per-Python branches. A Dynamic Provides-Extra makes extras_require, so the result, unresolved.
 */
final class TrustedMetadata {
  private TrustedMetadata() {}

  /** Python key to the result's JSON ({@link SdistBuild#staticJson(KeyResult)}). */
  static Map<String, String> payloads(RawRecord r) {
    String requiresPython = r.staticMetadata("Requires-Python") ? r.requiresPython() : null;
    PkgInfoReader reader = PkgInfoReader.ofFields(r.requiresDist(), r.providesExtra(), requiresPython,
        !r.staticMetadata("Provides-Extra"));
    SdistExtraction x = SdistExtractor.combine(MemorySourceTree.ofText(), List.of(reader));
    Map<String, String> out = new TreeMap<>();
    for (KeyResult k : x.results()) {
      out.put(k.key().key(), SdistBuild.staticJson(k));
    }
    return out;
  }
}
