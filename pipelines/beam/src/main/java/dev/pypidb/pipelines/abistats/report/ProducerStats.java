package dev.pypidb.pipelines.abistats.report;

import dev.pypidb.pipelines.abistats.report.Tags.ArchGroup;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;

/** Counts over {@code project_latest}, gathered row by row (the table has a row per project). */
final class ProducerStats {
  long projects;
  long withWheels;
  long pure;
  long binary;
  /** Wheels, but neither all {@code none-any} nor platform-specific. */
  long otherWheels;
  long noWheels;
  long hasSdist;
  long abi3;
  long freeThreaded;
  long abi3Binary;
  long freeThreadedBinary;
  /** Binary projects per platform family their wheels cover. */
  final Map<String, Long> binaryFamilies = new TreeMap<>(Tags.FAMILY_ORDER);
  /** Binary projects per architecture group. */
  final Map<ArchGroup, Long> arches = new TreeMap<>(Tags.GROUP_ORDER);
  /** Spellings seen per architecture group. */
  final Map<String, Set<String>> spellings = new TreeMap<>();
  final Map<String, Long> minGlibc = new TreeMap<>(Tags.VERSION_ORDER);
  final Map<String, Long> maxGlibc = new TreeMap<>(Tags.VERSION_ORDER);
  final Map<String, Long> minMusl = new TreeMap<>(Tags.VERSION_ORDER);
  final Map<String, Long> maxMusl = new TreeMap<>(Tags.VERSION_ORDER);
  final Map<String, Long> minMacos = new TreeMap<>(Tags.VERSION_ORDER);
  long withGlibc;
  long withMusl;
  long withMacos;

  void add(GenericRecord r) {
    projects++;
    int wheels = ReportTables.integer(r, "n_wheels") == null ? 0 : ReportTables.integer(r, "n_wheels");
    boolean isPure = ReportTables.bool(r, "pure");
    boolean isBinary = ReportTables.bool(r, "binary");
    if (wheels <= 0 && !isPure && !isBinary) {
      noWheels++;
    } else {
      withWheels++;
      if (isBinary) {
        binary++;
      } else if (isPure) {
        pure++;
      } else {
        otherWheels++;
      }
    }
    if (ReportTables.bool(r, "has_sdist")) {
      hasSdist++;
    }
    boolean a3 = ReportTables.bool(r, "abi3");
    boolean ft = ReportTables.bool(r, "free_threaded");
    abi3 += a3 ? 1 : 0;
    freeThreaded += ft ? 1 : 0;
    if (isBinary) {
      abi3Binary += a3 ? 1 : 0;
      freeThreadedBinary += ft ? 1 : 0;
      for (String f : new TreeSet<>(ReportTables.strings(r, "platform_families"))) {
        binaryFamilies.merge(f, 1L, Long::sum);
      }
      Set<ArchGroup> groups = new HashSet<>();
      for (String a : ReportTables.strings(r, "arches")) {
        if (a.isBlank() || a.equalsIgnoreCase("any")) {
          continue;
        }
        ArchGroup g = Tags.archGroup(a);
        groups.add(g);
        spellings.computeIfAbsent(g.name(), x -> new TreeSet<>()).add(a);
      }
      for (ArchGroup g : groups) {
        arches.merge(g, 1L, Long::sum);
      }
    }
    withGlibc += count(minGlibc, ReportTables.str(r, "min_glibc"));
    count(maxGlibc, ReportTables.str(r, "max_glibc"));
    withMusl += count(minMusl, ReportTables.str(r, "min_musl"));
    count(maxMusl, ReportTables.str(r, "max_musl"));
    withMacos += count(minMacos, ReportTables.str(r, "min_macos"));
  }

  private static int count(Map<String, Long> m, String v) {
    if (v == null || v.isBlank()) {
      return 0;
    }
    m.merge(v, 1L, Long::sum);
    return 1;
  }

  /** The spellings of an architecture group seen in the table, e.g. {@code x86_64 amd64}. */
  List<String> spellingsOf(String group) {
    return List.copyOf(spellings.getOrDefault(group, Set.of()));
  }
}
