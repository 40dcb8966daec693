package dev.pypidb.pipelines.normalize;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** Reading {@code sdist_metadata} rows as export-db, resolve and the compact database use them. */
public final class SdistRows {
  private SdistRows() {}

  /**
   * The python keys a row is chosen for ({@link SdistChoice}). Tables written before static
   * extraction have no such column and held only pypi-deps-db builds, each used for all its keys.
   */
  public static List<String> chosenKeys(GenericRecord row) {
    Object chosen = row.getSchema().getField("chosen_keys") == null ? null : row.get("chosen_keys");
    return strings(chosen != null ? chosen : row.get("python_keys"));
  }

  /** The {@code source} of the row's requirement rows ({@code sdist:<python keys>}). */
  public static String requirementsSource(GenericRecord row) {
    Object source = row.getSchema().getField("requirements_source") == null ? null : row.get("requirements_source");
    return source != null ? source.toString() : "sdist:" + String.join(",", strings(row.get("python_keys")));
  }

  private static List<String> strings(Object list) {
    List<String> out = new ArrayList<>();
    ((List<?>) list).forEach(x -> out.add(x.toString()));
    return out;
  }
}
