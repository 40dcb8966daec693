package dev.pypidb.compact;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Latency of a real database; skipped unless {@code -Dpypidb.compact.bench=FILE} is given:
 * {@code mvn -pl pipelines/pypa test -Dtest=CompactDbBenchTest -Dpypidb.compact.bench=/tmp/db.pdb}.
 */
class CompactDbBenchTest {
  @Test
  @EnabledIfSystemProperty(named = "pypidb.compact.bench", matches = ".+")
  void latency() throws IOException {
    CompactDbBench.run(Path.of(System.getProperty("pypidb.compact.bench")),
        Integer.getInteger("pypidb.compact.bench.n", 2000), System.out);
  }
}
