package dev.pypidb.pipelines.normalize;

import dev.pypidb.extract.Method;
import dev.pypidb.extract.PythonKey;
import dev.pypidb.extract.RequiresDistShape;
import dev.pypidb.extract.SetupField;
import dev.pypidb.pipelines.read.RawRecord;
import dev.pypidb.pipelines.read.SdistBuild;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code pkg-info} result of an sdist whose core metadata an index serves (PEP 658
 * {@code .metadata}, BigQuery's upload metadata) and PEP 643 lets us trust: Metadata-Version
 * 2.2 or later with Requires-Dist not Dynamic. The same for every python key: core metadata
 * holds markers, not per-Python branches.
 */
final class TrustedMetadata {
  private TrustedMetadata() {}

  /** Python key to the result's JSON ({@link SdistBuild#staticJson}). */
  static Map<String, String> payloads(RawRecord r) {
    String requiresPython = r.staticMetadata("Requires-Python") ? r.requiresPython() : null;
    Map<SetupField, Object> fields = RequiresDistShape.of(r.requiresDist(), requiresPython);
    Map<String, Object> keywords = new LinkedHashMap<>();
    Map<String, String> methods = new LinkedHashMap<>();
    fields.forEach((field, value) -> {
      keywords.put(field.keyword(), value);
      methods.put(field.keyword(), Method.PKG_INFO.label());
    });
    String json = SdistBuild.staticJson("ok", Method.PKG_INFO.label(), null, null, keywords, methods);
    Map<String, String> out = new TreeMap<>();
    PythonKey.ALL.forEach(k -> out.put(k.key(), json));
    return out;
  }
}
