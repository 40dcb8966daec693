package dev.pypidb.pipelines.update;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Two snapshots of BigQuery rows for update tests. The first: 60 projects ({@code proj-0} to
 * {@code proj-59}) of 3 wheels each, {@code proj-N} requiring {@code dep-(N % 7)}, plus a
 * duplicate line of {@code proj-0} (a dead letter). The second, by the last digit of N:
 * 3 removed, 5 loses release 1.1, 7 gains a requirement, 9 yanks 1.0, 1 gains version 2.0;
 * six new projects {@code new-0..5} (requiring {@code proj-0..5}); every line moved. Both have
 * {@code dep-0..6} (1.0 to 1.2, no requirements); in the second {@code dep-2} gains 1.3.
 */
public final class Snapshots {
  private Snapshots() {}

  private static final int PROJECTS = 60;

  /** One generated wheel row. */
  private static String row(String project, String version, String requires, Boolean yanked) {
    String file = project.replace('-', '_') + "-" + version + "-py3-none-any.whl";
    return "{\"name\": \"" + project + "\", \"version\": \"" + version + "\", \"filename\": \"" + file
        + "\", \"packagetype\": \"bdist_wheel\", \"python_version\": \"py3\", \"requires_dist\": [" + requires
        + "], \"requires_python\": \">=3.8\", \"size\": 100, \"upload_time\": \"2024-01-0" + (version.length() % 9 + 1)
        + " 00:00:00 UTC\"" + (yanked == null ? "" : ", \"yanked\": " + yanked) + "}";
  }

  /** {@code dep-0..6}, versions 1.0 to 1.2 without requirements; {@code dep-2} 1.3 when {@code next}. */
  private static List<String> dependencies(boolean next) {
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      for (int v = 0; v < (next && k == 2 ? 4 : 3); v++) {
        lines.add(row("dep-" + k, "1." + v, "", null));
      }
    }
    return lines;
  }

  public static List<String> one() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PROJECTS; i++) {
      String p = "proj-" + i;
      for (int v = 0; v < 3; v++) {
        lines.add(row(p, "1." + v, "\"dep-" + (i % 7) + " (>=1." + v + ")\"", null));
      }
    }
    lines.add(lines.get(0)); // a duplicate line: a dead letter of proj-0, in both snapshots
    lines.addAll(dependencies(false));
    return lines;
  }

  public static List<String> two() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PROJECTS; i++) {
      String p = "proj-" + i;
      if (i % 10 == 3) {
        continue; // removed projects
      }
      for (int v = 0; v < 3; v++) {
        if (i % 10 == 5 && v == 1) {
          continue; // a dropped release
        }
        String req = "\"dep-" + (i % 7) + " (>=1." + v + ")\"";
        if (i % 10 == 7) {
          req += ", \"extra-dep ; extra == 'x'\""; // edited requirements
        }
        lines.add(row(p, "1." + v, req, i % 10 == 9 && v == 0 ? Boolean.TRUE : null)); // yanks
      }
      if (i % 10 == 1) {
        lines.add(row(p, "2.0", "", null)); // a new version
      }
    }
    lines.add(row("proj-0", "1.0", "\"dep-0 (>=1.0)\"", null)); // the duplicate again
    for (int i = 0; i < 6; i++) {
      lines.add(row("new-" + i, "0.1", "\"proj-" + i + "\"", null)); // added projects
    }
    lines.addAll(dependencies(true));
    Collections.shuffle(lines, new Random(7)); // every line moves
    return lines;
  }

}
