package dev.pypidb.pipelines.tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The output tables: each a directory of Parquet files under the output, with its Avro schema
 * from {@code schemas/<name>.avsc}.
 */
public enum Table {
  RELEASES("releases"),
  FILES("files"),
  WHEEL_TAGS("wheel_tags"),
  REQUIREMENTS("requirements"),
  SDIST_METADATA("sdist_metadata"),
  FINGERPRINTS("fingerprints"),
  DEAD_LETTER("dead_letter"),
  ABI_BY_ABI("abi_stats/by_abi"),
  ABI_BY_PLATFORM("abi_stats/by_platform"),
  ABI_BY_MONTH("abi_stats/by_month"),
  ABI_PROJECT_LATEST("abi_stats/project_latest"),
  ABI_READINESS("abi_stats/readiness"),
  ABI_SUMMARY("abi_stats/summary"),
  RESOLUTIONS("resolutions"),
  SUCCESS_RATE("success_rate"),
  RESOLVE_CACHE("resolve_cache"),
  CHANGES("changes");

  private static final Map<Table, Schema> SCHEMAS = new EnumMap<>(Table.class);

  private final String dirName;

  Table(String dirName) {
    this.dirName = dirName;
  }

  /** The table's directory under the output ({@code /} replaced by {@code _}: its schema file's name). */
  public String dirName() {
    return dirName;
  }

  public synchronized Schema schema() {
    return SCHEMAS.computeIfAbsent(this, t -> load(t.dirName.replace('/', '_')));
  }

  /** Loads {@code /schemas/<name>.avsc} from the classpath. */
  public static Schema load(String name) {
    try (InputStream in = Table.class.getResourceAsStream("/schemas/" + name + ".avsc")) {
      if (in == null) {
        throw new IllegalStateException("schema /schemas/" + name + ".avsc is not on the classpath");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Table fromDirName(String name) {
    for (Table t : values()) {
      if (t.dirName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no table " + name);
  }
}
