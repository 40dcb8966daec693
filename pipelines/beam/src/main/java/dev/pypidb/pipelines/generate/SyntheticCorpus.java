package dev.pypidb.pipelines.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes BigQuery {@code distribution_metadata}-shaped rows for synthetic projects, with the
 * shape of the real corpus (measured on ../shared/corpus/bigquery, 955,969 wheel rows of 77,147
 * projects): versions per project, files per release, wheel tag mix and requirement counts.
 * The corpus has no sdist rows; 70% of synthetic releases get one (an assumption, documented).
 * Deterministic: the same arguments give the same bytes.
 */
public final class SyntheticCorpus {
  /** Versions per project: upper bounds and how many corpus projects fall in each bucket. */
  private static final int[][] VERSIONS = {{1, 24579}, {2, 10549}, {3, 7150}, {5, 9481}, {8, 8020},
      {13, 6641}, {21, 4496}, {34, 2877}, {55, 1648}, {89, 749}, {144, 419}, {233, 267}, {400, 271}};
  /** Wheel files per release. */
  private static final int[][] FILES = {{1, 714038}, {2, 7032}, {3, 2469}, {4, 2086}, {6, 3267},
      {8, 2429}, {12, 3616}, {16, 1765}, {24, 1838}, {32, 931}, {48, 640}, {64, 218}, {96, 128}};
  /** Requires-Dist entries per file. */
  private static final int[][] REQUIREMENTS = {{0, 211911}, {1, 156375}, {2, 98699}, {3, 76192},
      {5, 127939}, {8, 98601}, {13, 79926}, {21, 54970}, {34, 30410}, {60, 20946}};
  /** Pure-Python tags, and the share of single-file releases that are pure (98%). */
  private static final String[][] PURE = {{"py3-none-any", "561243"}, {"py2.py3-none-any", "128081"},
      {"py2-none-any", "28092"}};
  /** Binary tag families; a release with several files takes consecutive ones. */
  private static final String[] PYTHONS = {"cp36-cp36m", "cp37-cp37m", "cp38-cp38", "cp39-cp39",
      "cp310-cp310", "cp311-cp311", "cp312-cp312", "cp313-cp313", "cp39-abi3", "cp313-cp313t"};
  private static final String[] PLATFORMS = {"manylinux_2_17_x86_64.manylinux2014_x86_64", "win_amd64",
      "macosx_10_9_x86_64", "macosx_11_0_arm64", "manylinux_2_17_aarch64.manylinux2014_aarch64", "win32",
      "musllinux_1_1_x86_64", "manylinux_2_28_x86_64", "manylinux1_x86_64", "musllinux_1_2_aarch64"};
  private static final String[] MARKERS = {"", "", "", "", " ; python_version < \"3.8\"",
      " ; extra == \"test\"", " ; sys_platform == \"win32\"", " ; extra == \"docs\""};
  private static final DateTimeFormatter BQ_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS 'UTC'").withZone(ZoneOffset.UTC);

  private final SplittableRandom random;
  private final int projects;

  public SyntheticCorpus(int projects, long seed) {
    this.projects = projects;
    this.random = new SplittableRandom(seed);
  }

  /** Writes {@code files} gzip NDJSON files under {@code dir}; returns the number of rows. */
  public long write(Path dir, int files) throws IOException {
    Files.createDirectories(dir);
    List<Writer> out = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      out.add(new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
          dir.resolve(String.format("distribution_metadata-%03d.jsonl.gz", i))), 1 << 16), StandardCharsets.UTF_8), 1 << 16));
    }
    long rows = 0;
    try {
      for (int p = 0; p < projects; p++) {
        rows += project(p, out.get(p % files));
      }
    } finally {
      for (Writer w : out) {
        w.close();
      }
    }
    return rows;
  }

  private int project(int index, Writer out) throws IOException {
    String name = "synth-" + Integer.toString(index, 36);
    int versions = sample(VERSIONS);
    long time = 1_400_000_000L + random.nextLong(300_000_000L);
    int rows = 0;
    int major = random.nextInt(3);
    int minor = 0;
    int patch = 0;
    for (int v = 0; v < versions; v++) {
      if (random.nextInt(10) == 0) {
        major++;
        minor = 0;
        patch = 0;
      } else if (random.nextInt(3) == 0) {
        minor++;
        patch = 0;
      } else {
        patch++;
      }
      String version = major + "." + minor + "." + patch + (random.nextInt(25) == 0 ? "rc1" : "");
      time += random.nextLong(5_000_000L);
      List<String> requires = requirements(index);
      int files = sample(FILES);
      boolean pure = files == 1 && random.nextInt(50) != 0;
      int start = random.nextInt(PYTHONS.length);
      for (int f = 0; f < files; f++) {
        String tag = pure ? weighted(PURE)
            : PYTHONS[(start + f / PLATFORMS.length) % PYTHONS.length] + "-" + PLATFORMS[(f + index) % PLATFORMS.length];
        String filename = name.replace('-', '_') + "-" + version + "-" + tag + ".whl";
        row(out, name, version, filename, "bdist_wheel", tag.substring(0, tag.indexOf('-')), requires, time + f);
        rows++;
      }
      if (random.nextInt(10) < 7) {
        row(out, name, version, name + "-" + version + ".tar.gz", "sdist", "source", requires, time + files);
        rows++;
      }
    }
    return rows;
  }

  private List<String> requirements(int self) {
    int n = sample(REQUIREMENTS);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int dep = random.nextInt(Math.max(1, projects));
      if (dep == self) {
        continue;
      }
      String spec = switch (random.nextInt(4)) {
        case 0 -> "";
        case 1 -> ">=" + random.nextInt(3) + "." + random.nextInt(10);
        case 2 -> "<" + (1 + random.nextInt(4)) + ",>=0." + random.nextInt(10);
        default -> "~=" + random.nextInt(3) + "." + random.nextInt(10);
      };
      out.add("synth-" + Integer.toString(dep, 36) + spec + MARKERS[random.nextInt(MARKERS.length)]);
    }
    return out;
  }

  private void row(Writer out, String name, String version, String filename, String type, String python,
      List<String> requires, long time) throws IOException {
    StringBuilder s = new StringBuilder(256);
    s.append("{\"name\":\"").append(name).append("\",\"version\":\"").append(version)
        .append("\",\"filename\":\"").append(filename).append("\",\"packagetype\":\"").append(type)
        .append("\",\"python_version\":\"").append(python).append("\",\"requires_dist\":[");
    for (int i = 0; i < requires.size(); i++) {
      s.append(i == 0 ? "\"" : ",\"").append(requires.get(i).replace("\"", "\\\"")).append('"');
    }
    s.append("],\"requires_python\":").append(random.nextInt(3) == 0 ? "\">=3.8\"" : "null")
        .append(",\"size\":\"").append(1000 + random.nextInt(5_000_000))
        .append("\",\"sha256_digest\":\"").append(hex64()).append("\",\"upload_time\":\"")
        .append(BQ_TIME.format(Instant.ofEpochSecond(time))).append("\"}\n");
    out.write(s.toString());
  }

  private String hex64() {
    return String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /** A value from a bucket histogram: a bucket by its weight, then uniform within it. */
  private int sample(int[][] histogram) {
    long total = 0;
    for (int[] b : histogram) {
      total += b[1];
    }
    long pick = random.nextLong(total);
    int low = 0;
    for (int[] b : histogram) {
      if (pick < b[1]) {
        return b[0] <= low ? b[0] : low + 1 + random.nextInt(b[0] - low);
      }
      pick -= b[1];
      low = b[0];
    }
    return histogram[histogram.length - 1][0];
  }

  private String weighted(String[][] choices) {
    long total = 0;
    for (String[] c : choices) {
      total += Long.parseLong(c[1]);
    }
    long pick = random.nextLong(total);
    for (String[] c : choices) {
      pick -= Long.parseLong(c[1]);
      if (pick < 0) {
        return c[0];
      }
    }
    return choices[0][0];
  }
}
