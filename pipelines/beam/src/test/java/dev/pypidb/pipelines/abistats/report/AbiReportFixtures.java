package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.tables.ParquetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/** Fixture abi_stats tables for the report tests (and a large realistic set to look at). */
final class AbiReportFixtures {
  private AbiReportFixtures() {}

  static Schema schema(String table) {
    try (InputStream in = AbiReportFixtures.class.getResourceAsStream("/schemas/abi_stats_" + table + ".avsc")) {
      if (in == null) {
        throw new IllegalStateException("no schema for " + table);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record of {@code table} from field/value pairs; fields not given are null. */
  static GenericRecord rec(String table, Object... kv) {
    GenericRecord r = new GenericData.Record(schema(table));
    for (int i = 0; i < kv.length; i += 2) {
      r.put((String) kv[i], kv[i + 1]);
    }
    return r;
  }

  /** Writes rows as {@code <root>/abi_stats/<table>/part-<n>.parquet}. */
  static void write(Path root, String table, int part, List<GenericRecord> rows) throws IOException {
    Path dir = root.resolve("abi_stats").resolve(table);
    Files.createDirectories(dir);
    try (ParquetWriter<GenericRecord> w = ParquetFiles.writer(
        dir.resolve(String.format("part-%05d.parquet", part)).toString(), schema(table))) {
      for (GenericRecord r : rows) {
        w.write(r);
      }
    }
  }

  static void write(Path root, String table, List<GenericRecord> rows) throws IOException {
    write(root, table, 0, rows);
  }

  static GenericRecord abi(String interpreter, String abi, long projects, long releases, long files) {
    return rec("by_abi", "interpreter", interpreter, "abi", abi, "projects", projects, "releases", releases,
        "files", files);
  }

  static GenericRecord month(String month, String family, String policy, long files) {
    return rec("by_month", "month", month, "platform_family", family, "policy", policy, "files", files,
        "releases", Math.max(1, files / 3), "projects", Math.max(1, files / 7));
  }

  static GenericRecord platform(String platform, long projects, long releases, long files) {
    dev.pypidb.pypa.tags.PlatformTag p = dev.pypidb.pypa.tags.PlatformTag.of(platform);
    return rec("by_platform", "platform", platform, "platform_family", p.family(), "libc_major", p.libcMajor(),
        "libc_minor", p.libcMinor(), "os_major", p.osMajor(), "os_minor", p.osMinor(), "arch", p.arch(),
        "projects", projects, "releases", releases, "files", files);
  }

  static GenericRecord latest(String name, String version, int wheels, boolean sdist, boolean pure, boolean binary,
      boolean abi3, boolean ft, String minGlibc, String maxGlibc, String minMusl, String minMacos,
      List<String> abis, List<String> arches, List<String> families) {
    return rec("project_latest", "name", name, "version", version, "upload_month", "2025-01", "n_wheels", wheels,
        "has_sdist", sdist, "pure", pure, "binary", binary, "abi3", abi3, "free_threaded", ft,
        "min_glibc", minGlibc, "max_glibc", maxGlibc, "min_musl", minMusl, "max_musl", minMusl,
        "min_macos", minMacos, "interpreters", List.of(), "abis", abis, "arches", arches,
        "platform_families", families);
  }

  static GenericRecord ready(String name, int rank, String target, String version, String status, String via,
      String filename) {
    return rec("readiness", "name", name, "rank", rank, "downloads", 1_000_000L * (400 - rank), "target", target,
        "version", version, "status", status, "via", via, "filename", filename);
  }

  static GenericRecord metric(String name, long value) {
    return rec("summary", "metric", name, "value", value);
  }

  static final String A = "cp313-manylinux_2_28_x86_64";
  static final String B = "cp313t-manylinux_2_28_aarch64";

  /** A small snapshot with known numbers (what {@link AbiReportTest} checks). */
  static void writeSmall(Path root) throws IOException {
    write(root, "summary", List.of(metric("releases", 1_234_567), metric("wheel_files", 2_345_678),
        metric("projects", 345_678), metric("invalid_wheel_filenames", 4_321)));
    write(root, "by_abi", List.of(
        abi("cp38", "cp38", 1000, 8500, 25000),
        abi("cp37", "cp37m", 900, 7000, 21000),
        abi("cp37", "cp37", 3, 12, 30),
        abi("cp38", "cp38m", 2, 9, 9),
        abi("cp38", "abi3", 50, 350, 700),
        abi("cp27", "cp27mu", 70, 640, 1280),
        abi("cp313", "cp313t", 100, 600, 1800),
        abi("py3", "none", 40000, 190000, 200000)));
    // two part files: the report reads both
    write(root, "by_month", 0, List.of(
        month("2024-01", "manylinux", "manylinux_2_17", 500),
        month("2024-01", "manylinux", "manylinux_2_28", 120),
        month("2024-01", "musllinux", "musllinux_1_2", 45)));
    write(root, "by_month", 1, List.of(
        month("2024-03", "manylinux", "manylinux_2_28", 333),
        month("2024-01", "macosx", "macosx_11_0", 98765)));
    write(root, "by_platform", List.of(
        platform("manylinux_2_17_x86_64", 400, 4000, 12000),
        platform("manylinux2014_x86_64", 390, 3900, 11700),
        platform("manylinux_2_28_aarch64", 123, 1234, 2468),
        platform("win_amd64", 222, 2222, 4444),
        platform("macosx_11_0_arm64", 111, 1111, 2222),
        platform("any", 5000, 50000, 60000)));
    write(root, "project_latest", List.of(
        latest("purepkg", "1.0", 1, true, true, false, false, false, null, null, null, null,
            List.of("none"), List.of(), List.of("any")),
        latest("fastpkg", "2.0", 6, true, false, true, true, false, "2.17", "2.28", "1.2", "11.0",
            List.of("abi3"), List.of("x86_64", "aarch64"), List.of("manylinux", "musllinux", "macosx")),
        latest("ftpkg", "3.0", 4, false, false, true, false, true, "2.28", "2.28", null, null,
            List.of("cp313", "cp313t"), List.of("amd64", "x86_64"), List.of("manylinux", "win")),
        latest("odd,\"name\"", "0.1", 0, true, false, false, false, false, null, null, null, null,
            List.of(), List.of(), List.of())));
    write(root, "readiness", List.of(
        ready("numpy", 1, A, "2.1.0", "wheel", "native", "numpy-2.1.0-cp313-cp313-manylinux_2_28_x86_64.whl"),
        ready("numpy", 1, B, "2.1.0", "none", null, null),
        ready("six", 2, A, "1.16.0", "wheel", "pure", "six-1.16.0-py2.py3-none-any.whl"),
        ready("six", 2, B, "1.16.0", "wheel", "pure", "six-1.16.0-py2.py3-none-any.whl"),
        ready("evil<script>&co", 3, A, "0.1", "sdist-only", null, null),
        ready("evil<script>&co", 3, B, null, "missing", null, null)));
  }

  // ---------------------------------------------------------------- a realistic snapshot

  /** A large, plausible snapshot (seeded): to look at the report. */
  static void writeRealistic(Path root) throws IOException {
    Random rnd = new Random(42);
    // the metrics AbiStatsPipeline writes, in no particular order
    write(root, "summary", List.of(metric("wheel_files_with_upload_time", 7_000_001), metric("releases", 6_543_210),
        metric("files", 9_876_543), metric("wheel_files", 7_012_345), metric("invalid_wheel_filenames_excluded", 1_234),
        metric("releases_with_wheels", 4_321_000), metric("sdist_files", 2_800_000), metric("projects", 612_345)));

    List<GenericRecord> abi = new ArrayList<>();
    Object[][] cp = {
        {"cp26", new Object[] {"cp26m", 3000, "cp26mu", 1500, "none", 200}},
        {"cp27", new Object[] {"cp27m", 60000, "cp27mu", 25000, "cp27", 50, "none", 3000, "cp27dm", 12}},
        {"cp33", new Object[] {"cp33m", 4000}},
        {"cp34", new Object[] {"cp34m", 9000, "abi3", 60}},
        {"cp35", new Object[] {"cp35m", 25000, "abi3", 400}},
        {"cp36", new Object[] {"cp36m", 45000, "abi3", 1500, "cp36", 30}},
        {"cp37", new Object[] {"cp37m", 70000, "cp37", 120, "cp37dm", 10, "abi3", 2500}},
        {"cp38", new Object[] {"cp38", 85000, "cp38m", 90, "abi3", 3500, "cp38d", 15}},
        {"cp39", new Object[] {"cp39", 95000, "abi3", 3000, "none", 900}},
        {"cp310", new Object[] {"cp310", 100000, "abi3", 2500}},
        {"cp311", new Object[] {"cp311", 90000, "abi3", 1200}},
        {"cp312", new Object[] {"cp312", 70000, "abi3", 900}},
        {"cp313", new Object[] {"cp313", 45000, "cp313t", 6000, "abi3", 500}},
        {"cp314", new Object[] {"cp314", 12000, "cp314t", 3500}}};
    for (Object[] v : cp) {
      Object[] pairs = (Object[]) v[1];
      for (int i = 0; i < pairs.length; i += 2) {
        long rel = ((Number) pairs[i + 1]).longValue();
        abi.add(abi((String) v[0], (String) pairs[i], rel / 6 + 1, rel, rel * 7));
      }
    }
    abi.add(abi("py3", "none", 400_000, 1_900_000, 2_000_000));
    abi.add(abi("py2.py3", "none", 150_000, 700_000, 720_000));
    abi.add(abi("py2", "none", 60_000, 200_000, 210_000));
    abi.add(abi("pp310", "pypy310_pp73", 900, 4000, 9000));
    abi.add(abi("pp39", "pypy39_pp73", 850, 3500, 8000));
    abi.add(abi("py3", "abi3", 12, 40, 40));
    write(root, "by_abi", abi);

    List<GenericRecord> months = new ArrayList<>();
    String[] policies = {"manylinux_2_5", "manylinux_2_12", "manylinux_2_17", "manylinux_2_24", "manylinux_2_28",
        "manylinux_2_31", "manylinux_2_34", "manylinux_2_39", "musllinux_1_1", "musllinux_1_2"};
    double[] start = {2016.0, 2018.3, 2019.5, 2020.8, 2021.9, 2022.5, 2023.6, 2024.8, 2021.8, 2023.0};
    double[] peak = {2019.5, 2020.5, 2024.5, 2021.8, 2025.8, 2024.0, 2025.5, 2025.9, 2023.0, 2025.9};
    double[] size = {9000, 7000, 60000, 2500, 30000, 900, 1600, 700, 2500, 9000};
    for (int y = 2016; y <= 2025; y++) {
      for (int m = 1; m <= 12; m++) {
        double t = y + (m - 1) / 12.0;
        String ym = String.format("%04d-%02d", y, m);
        for (int k = 0; k < policies.length; k++) {
          if (t < start[k]) {
            continue;
          }
          double rise = Math.min(1, (t - start[k]) / Math.max(0.5, peak[k] - start[k]));
          double fall = t > peak[k] ? Math.exp(-(t - peak[k]) * 0.9) : 1;
          long files = Math.round(size[k] * rise * fall * (0.85 + 0.3 * rnd.nextDouble()));
          if (files > 0) {
            months.add(month(ym, policies[k].startsWith("musl") ? "musllinux" : "manylinux", policies[k], files));
          }
        }
        months.add(month(ym, "macosx", "macosx_11_0", 5000));
        months.add(month(ym, "win", "win", 7000));
      }
    }
    write(root, "by_month", months.subList(0, months.size() / 2));
    write(root, "by_month", 1, months.subList(months.size() / 2, months.size()));

    List<GenericRecord> plats = new ArrayList<>();
    String[][] many = {{"manylinux1", "x86_64", "250000"}, {"manylinux_2_5", "x86_64", "240000"},
        {"manylinux1", "i686", "120000"}, {"manylinux_2_5", "i686", "115000"},
        {"manylinux2010", "x86_64", "90000"}, {"manylinux_2_12", "x86_64", "88000"},
        {"manylinux2010", "i686", "40000"}, {"manylinux_2_12", "i686", "39000"},
        {"manylinux2014", "x86_64", "400000"}, {"manylinux_2_17", "x86_64", "420000"},
        {"manylinux2014", "aarch64", "150000"}, {"manylinux_2_17", "aarch64", "160000"},
        {"manylinux2014", "i686", "60000"}, {"manylinux_2_17", "i686", "61000"},
        {"manylinux2014", "ppc64le", "40000"}, {"manylinux_2_17", "ppc64le", "41000"},
        {"manylinux2014", "s390x", "30000"}, {"manylinux_2_17", "s390x", "31000"},
        {"manylinux2014", "armv7l", "8000"}, {"manylinux_2_17", "armv7l", "8500"},
        {"manylinux_2_24", "x86_64", "20000"}, {"manylinux_2_24", "aarch64", "9000"},
        {"manylinux_2_28", "x86_64", "140000"}, {"manylinux_2_28", "aarch64", "70000"},
        {"manylinux_2_28", "ppc64le", "5000"}, {"manylinux_2_28", "s390x", "3000"},
        {"manylinux_2_31", "riscv64", "900"}, {"manylinux_2_34", "x86_64", "12000"},
        {"manylinux_2_34", "aarch64", "6000"}, {"manylinux_2_39", "riscv64", "300"},
        {"manylinux_2_36", "loongarch64", "40"}};
    for (String[] m : many) {
      long rel = Long.parseLong(m[2]);
      String tag = m[0].startsWith("manylinux_") ? m[0] + "_" + m[1] : m[0] + "_" + m[1];
      plats.add(platform(tag, rel / 5, rel, rel * 3));
    }
    String[][] other = {{"musllinux_1_1_x86_64", "30000"}, {"musllinux_1_1_aarch64", "15000"},
        {"musllinux_1_2_x86_64", "45000"}, {"musllinux_1_2_aarch64", "30000"}, {"musllinux_1_2_i686", "9000"},
        {"musllinux_1_2_armv7l", "7000"}, {"macosx_10_6_intel", "20000"}, {"macosx_10_9_x86_64", "300000"},
        {"macosx_10_9_intel", "8000"}, {"macosx_10_9_universal2", "60000"}, {"macosx_10_12_x86_64", "50000"},
        {"macosx_10_13_x86_64", "40000"}, {"macosx_11_0_arm64", "280000"}, {"macosx_11_0_universal2", "40000"},
        {"macosx_12_0_arm64", "30000"}, {"macosx_14_0_arm64", "45000"}, {"macosx_10_4_universal", "400"},
        {"win_amd64", "520000"}, {"win32", "260000"}, {"win_arm64", "14000"}, {"linux_x86_64", "60000"},
        {"linux_armv7l", "9000"}, {"linux_aarch64", "3000"}, {"any", "4000000"},
        {"ios_13_0_arm64_iphoneos", "300"}, {"ios_13_0_arm64_iphonesimulator", "280"},
        {"ios_13_0_x86_64_iphonesimulator", "250"}, {"android_21_arm64_v8a", "200"},
        {"android_21_x86_64", "150"}, {"cygwin_3_4_x86_64", "12"}, {"emscripten_3_1_58_wasm32", "30"}};
    for (String[] o : other) {
      long rel = Long.parseLong(o[1]);
      plats.add(platform(o[0], rel / 5 + 1, rel, rel * 2));
    }
    write(root, "by_platform", plats);

    List<GenericRecord> latest = new ArrayList<>();
    String[] glibcs = {"2.5", "2.12", "2.17", "2.17", "2.17", "2.17", "2.28", "2.28", "2.24", "2.34"};
    for (int i = 0; i < 3000; i++) {
      double u = rnd.nextDouble();
      String name = "project-" + i;
      if (u < 0.55) {
        latest.add(latest(name, "1." + i, 1, rnd.nextDouble() < 0.9, true, false, false, false, null, null, null,
            null, List.of("none"), List.of(), List.of("any")));
      } else if (u < 0.75) {
        latest.add(latest(name, "0." + i, 0, true, false, false, false, false, null, null, null, null,
            List.of(), List.of(), List.of()));
      } else if (u < 0.76) {
        latest.add(latest(name, "2." + i, 1, false, false, false, false, false, null, null, null, null,
            List.of("abi3"), List.of(), List.of("any")));
      } else {
        boolean a3 = rnd.nextDouble() < 0.15;
        boolean ft = rnd.nextDouble() < 0.08;
        String min = glibcs[rnd.nextInt(glibcs.length)];
        String max = Tags.VERSION_ORDER.compare(min, "2.28") < 0 && rnd.nextDouble() < 0.4 ? "2.28" : min;
        boolean linux = rnd.nextDouble() < 0.85;
        boolean musl = rnd.nextDouble() < 0.35;
        boolean mac = rnd.nextDouble() < 0.7;
        boolean win = rnd.nextDouble() < 0.65;
        List<String> arches = new ArrayList<>();
        List<String> fams = new ArrayList<>();
        if (linux) {
          fams.add("manylinux");
          arches.add("x86_64");
          if (rnd.nextDouble() < 0.6) {
            arches.add("aarch64");
          }
          if (rnd.nextDouble() < 0.2) {
            arches.add("i686");
          }
          if (rnd.nextDouble() < 0.1) {
            arches.add("ppc64le");
            arches.add("s390x");
          }
        }
        if (musl) {
          fams.add("musllinux");
        }
        if (mac) {
          fams.add("macosx");
          arches.add(rnd.nextBoolean() ? "arm64" : "universal2");
          arches.add("x86_64");
        }
        if (win) {
          fams.add("win");
          arches.add("amd64");
          if (rnd.nextDouble() < 0.4) {
            arches.add("x86");
          }
          if (rnd.nextDouble() < 0.1) {
            arches.add("arm64");
          }
        }
        String macos = mac ? new String[] {"10.9", "10.9", "10.12", "11.0", "11.0", "10.13", "14.0"}[rnd.nextInt(7)] : null;
        latest.add(latest(name, "3." + i, 2 + rnd.nextInt(60), rnd.nextDouble() < 0.8, false, true, a3, ft,
            linux ? min : null, linux ? max : null, musl ? (rnd.nextBoolean() ? "1.1" : "1.2") : null, macos,
            a3 ? List.of("abi3") : List.of("cp312"), arches, fams));
      }
    }
    write(root, "project_latest", latest);

    String[] targets = {"cp313-manylinux_2_39_x86_64", "cp312-manylinux_2_39_x86_64", "cp314-manylinux_2_39_x86_64",
        "cp313t-manylinux_2_28_aarch64", "cp313-manylinux_2_28_aarch64", "cp314t-manylinux_2_39_x86_64",
        "cp310-manylinux_2_17_x86_64", "cp39-manylinux_2_17_x86_64", "cp312-musllinux_1_2_x86_64",
        "cp313-macosx_14_0_arm64", "cp39-macosx_11_0_x86_64", "cp313-win_amd64", "cp311-win_arm64",
        "cp38-win32", "pp310-manylinux_2_17_x86_64", "cp27mu-manylinux1_x86_64"};
    String[] famous = {"boto3", "urllib3", "botocore", "requests", "setuptools", "certifi", "idna",
        "charset-normalizer", "typing-extensions", "python-dateutil", "packaging", "s3transfer", "aiobotocore",
        "numpy", "six", "grpcio-status", "pyyaml", "fsspec", "s3fs", "pip", "cryptography", "cffi",
        "google-api-core", "pydantic", "pycparser", "attrs", "protobuf", "pandas", "markupsafe", "jmespath"};
    List<GenericRecord> board = new ArrayList<>();
    for (int r = 1; r <= 360; r++) {
      String name = r <= famous.length ? famous[r - 1] : "popular-project-" + r;
      double kind = rnd.nextDouble();
      for (String t : targets) {
        String status;
        String via = null;
        String file = null;
        if (r == 77) {
          status = "missing";
        } else if (kind < 0.55) {
          status = t.startsWith("cp27") && rnd.nextDouble() < 0.7 ? "none" : "wheel";
          via = status.equals("wheel") ? "pure" : null;
          file = status.equals("wheel") ? name.replace('-', '_') + "-1.0-py3-none-any.whl" : null;
        } else {
          double q = rnd.nextDouble();
          boolean exotic = t.contains("t-") || t.contains("arm64") || t.contains("musl") || t.startsWith("pp")
              || t.startsWith("cp27") || t.startsWith("cp314");
          if (q < (exotic ? 0.45 : 0.92)) {
            status = "wheel";
            via = kind > 0.9 && !t.contains("t-") ? "abi3" : "native";
            file = name.replace('-', '_') + "-2.0-" + t.split("-")[0] + "-" + t.split("-")[0] + "-"
                + t.substring(t.indexOf('-') + 1) + ".whl";
          } else {
            status = q < 0.97 ? "sdist-only" : "none";
          }
        }
        board.add(ready(name, r, t, status.equals("missing") ? null : "2.0", status, via, file));
      }
    }
    write(root, "readiness", board);
  }

  /** Writes the realistic (or, with a second argument {@code small}, the small) snapshot to {@code args[0]} and renders its report. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("small")) {
      writeSmall(root);
    } else {
      writeRealistic(root);
    }
    System.out.println(AbiReport.write(root.toString()));
  }
}
