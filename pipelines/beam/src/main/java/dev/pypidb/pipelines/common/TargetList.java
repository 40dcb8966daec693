package dev.pypidb.pipelines.common;

import dev.pypidb.pipelines.storage.Storage;
import dev.pypidb.pypa.tags.InvalidTargetException;
import dev.pypidb.pypa.tags.Target;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets with their weights (share of real installs): read from a targets file (one target per
 * line, optionally followed by a weight; {@code #} comments), or the default popular targets.
 */
public final class TargetList implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A target and its weight; the weight is 1 when the file gives none. */
  public record WeightedTarget(String target, double weight) implements Serializable {
    public Target parsed() {
      return Target.parse(target);
    }
  }

  /**
   * The default targets when none are given: the most downloaded CPython × glibc × arch
   * combinations of pip's manylinux downloads on 2026-08-07 (corpus file
   * manylinux-downloads-2026-08-07.csv.xz; each weight is that share of Linux downloads times
   * 0.8, the share assumed for Linux), plus macOS arm64 and Windows x86-64 at an assumed 0.10
   * each (the corpus has no download data for them). See README, "Popular targets".
   */
  public static final List<WeightedTarget> POPULAR = List.of(
      new WeightedTarget("cp312-manylinux_2_39_x86_64", 0.258),
      new WeightedTarget("cp311-manylinux_2_39_x86_64", 0.136),
      new WeightedTarget("cp313-manylinux_2_39_x86_64", 0.126),
      new WeightedTarget("cp310-manylinux_2_35_x86_64", 0.119),
      new WeightedTarget("cp314-manylinux_2_39_x86_64", 0.046),
      new WeightedTarget("cp312-manylinux_2_39_aarch64", 0.016),
      new WeightedTarget("cp311-manylinux_2_39_aarch64", 0.014),
      new WeightedTarget("cp312-macosx_14_0_arm64", 0.100),
      new WeightedTarget("cp312-win_amd64", 0.100));

  private final List<WeightedTarget> targets;

  private TargetList(List<WeightedTarget> targets) {
    this.targets = List.copyOf(targets);
  }

  public static TargetList popular() {
    return new TargetList(POPULAR);
  }

  /** Reads a targets file, or the popular targets when {@code path} is null. */
  public static TargetList readOrPopular(String path) {
    return path == null ? popular() : read(path);
  }

  /** Reads a targets file of any store ({@link Storage}). */
  public static TargetList read(String path) {
    List<String> lines;
    try {
      lines = Storage.readString(path).lines().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("--targets " + path + ": cannot read (" + e.getMessage() + ")");
    }
    List<WeightedTarget> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String[] parts = (hash >= 0 ? line.substring(0, hash) : line).strip().split("\\s+");
      if (parts[0].isEmpty()) {
        continue;
      }
      String where = path + " line " + (i + 1) + ": ";
      if (parts.length > 2) {
        throw new IllegalArgumentException(where + "expected 'target [weight]', got '" + line.strip() + "'");
      }
      try {
        Target.parse(parts[0]);
      } catch (InvalidTargetException e) {
        throw new IllegalArgumentException(where + e.getMessage());
      }
      double weight = 1.0;
      if (parts.length == 2) {
        try {
          weight = Double.parseDouble(parts[1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "weight '" + parts[1] + "' is not a number");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
          throw new IllegalArgumentException(where + "weight must be a non-negative number");
        }
      }
      out.add(new WeightedTarget(parts[0], weight));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--targets " + path + " lists no target");
    }
    return new TargetList(out);
  }

  public List<WeightedTarget> targets() {
    return targets;
  }
}
