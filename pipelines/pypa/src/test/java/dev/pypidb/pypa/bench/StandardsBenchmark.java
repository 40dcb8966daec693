package dev.pypidb.pypa.bench;

import dev.pypidb.pypa.filenames.WheelFilename;
import dev.pypidb.pypa.requirements.InvalidRequirementException;
import dev.pypidb.pypa.requirements.Requirement;
import dev.pypidb.pypa.version.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing throughput of the standards library on real strings: every distinct version of PyPI,
 * the corpus's requirement strings and wheel filenames. One benchmark invocation parses the
 * whole list; scripts/bench-standards.sh turns the time into items per second and runs the
 * same work under packaging for the ratio. The lists come from {@code -Dpypidb.bench.data=DIR}
 * ({@code versions.txt}, {@code requirements.txt}, {@code wheels.txt}, one item per line).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StandardsBenchmark {
  private List<String> versions;
  private List<String> requirements;
  private List<String> wheels;

  @Setup
  public void load() throws IOException {
    Path dir = Path.of(System.getProperty("pypidb.bench.data", "target/bench-data"));
    versions = Files.readAllLines(dir.resolve("versions.txt"), StandardCharsets.UTF_8);
    requirements = Files.readAllLines(dir.resolve("requirements.txt"), StandardCharsets.UTF_8);
    wheels = Files.readAllLines(dir.resolve("wheels.txt"), StandardCharsets.UTF_8);
  }

  /** Parses every version; returns how many are valid (so the work is not optimized away). */
  @Benchmark
  public int versions() {
    int valid = 0;
    for (String v : versions) {
      if (Version.tryParse(v) != null) {
        valid++;
      }
    }
    return valid;
  }

  @Benchmark
  public int requirements() {
    int valid = 0;
    for (String r : requirements) {
      try {
        Requirement.parse(r);
        valid++;
      } catch (InvalidRequirementException e) {
        // counted as invalid
      }
    }
    return valid;
  }

  @Benchmark
  public int wheels() {
    int valid = 0;
    for (String w : wheels) {
      if (WheelFilename.tryParse(w) != null) {
        valid++;
      }
    }
    return valid;
  }
}
